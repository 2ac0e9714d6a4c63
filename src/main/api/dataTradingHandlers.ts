// data.enableTrading: a stored real symbol put on the desk (simulated exchange and IB).
import { describeRealInstrumentError } from '../../core/data/realInstrument';
import { err, ok } from '../../core/model/result';
import type { WorkstationApi } from '../../shared/contracts/api';
import type { RealSymbolDesk } from '../data/trading/realSymbolDesk';

export function dataTradingHandlers(desk: Pick<RealSymbolDesk, 'enable'>): Pick<WorkstationApi, 'data.enableTrading'> {
  return {
    'data.enableTrading': async ({ symbol }) => {
      const enabled = await desk.enable(symbol);
      return enabled.ok ? ok(enabled.value) : err({ ...enabled.error, message: describeRealInstrumentError(enabled.error) });
    },
  };
}
