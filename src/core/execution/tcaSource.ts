// Builds TCA's input for a parent from what the smart router recorded (its arrival mid, its children's fills and mids).
import type { ClientOrderId } from '../model/ids';
import type { Instrument, Symbol } from '../model/instrument';
import type { SmartOrderRouter } from './smartRouter';
import type { TcaParent } from './tca';

export function tcaParentOf(
  router: SmartOrderRouter,
  instrument: (symbol: Symbol) => Instrument | undefined,
  parentId: ClientOrderId,
  intervalVwap: number | null = null,
): TcaParent | undefined {
  const parent = router.parent(parentId);
  const spec = parent && instrument(parent.symbol);
  if (!parent || !spec) return undefined;
  return {
    parentId,
    symbol: parent.symbol,
    side: parent.side,
    algo: parent.algo,
    createdAt: parent.createdAt,
    arrivalMid: parent.arrivalMid,
    quantity: parent.quantity,
    multiplier: spec.multiplier,
    currency: spec.currency,
    fills: router.fills(parentId).map((f) => ({ venue: f.venue, time: f.time, quantity: f.quantity, price: f.price, fee: f.fee, releaseMid: f.releaseMid, fillMid: f.fillMid })),
    intervalVwap,
  };
}
