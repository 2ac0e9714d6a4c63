// ib.* methods (status, connect, disconnect, watch, backfill) over the IB service and desk, and the ib.connection stream.
import type { z } from 'zod';
import type { IbConnectionStatus } from '../../shared/contracts/ib';
import { IB_CONNECTION_TOPIC, type ibContract } from '../../shared/contracts/ib';
import type { IbService } from '../venues/ib/ibService';
import type { IbDesk } from '../trading/ibDesk';
import type { MarketStore } from '../storage/market/marketStore';

type IbContract = typeof ibContract;

/** The backend side of ibContract: one handler per method, given validated input. */
export type IbApi = {
  [M in keyof IbContract]: (input: z.output<IbContract[M]['input']>) => Promise<z.output<IbContract[M]['output']>>;
};

type IbControl = Pick<IbService, 'status' | 'connect' | 'disconnect'>;
type IbControlApi = Pick<IbApi, 'ib.status' | 'ib.connect' | 'ib.disconnect'>;

export function ibHandlers(service: IbControl): IbControlApi {
  return {
    'ib.status': async () => service.status(),
    'ib.connect': async ({ profile }) => service.connect(profile),
    'ib.disconnect': async () => service.disconnect(),
  };
}

/** Publishes every status change on `ib.connection` (and the current status at once); returns the unsubscribe function. */
export function publishIbConnection(service: Pick<IbService, 'status' | 'onStatus'>, publish: (topic: typeof IB_CONNECTION_TOPIC, status: IbConnectionStatus) => void): () => void {
  publish(IB_CONNECTION_TOPIC, service.status());
  return service.onStatus((status) => publish(IB_CONNECTION_TOPIC, status));
}

type IbDeskLike = Pick<IbDesk, 'watch' | 'backfill'>;

/** ib.watch and ib.backfill: contracts and quotes into the trading core, history into the store. */
export function ibDeskHandlers(desk: IbDeskLike, store: MarketStore): Pick<IbApi, 'ib.watch' | 'ib.backfill'> {
  return {
    'ib.watch': async ({ symbols }) => desk.watch(symbols),
    'ib.backfill': async ({ symbol, timeframe, duration }) => ({ bars: await desk.backfill(store, symbol, timeframe, duration) }),
  };
}
