// What the Data section says when a stored symbol was put on the desk: where its quote comes from and its trading grid.
import { MARK_HALF_SPREAD_BPS, type RealInstrument } from '../../../core/data/realInstrument';

export const enabledText = (i: RealInstrument): string =>
  `${i.symbol} is on the desk: ${i.currency}, ${i.exchange}, tick ${i.tickSize}, lot ${i.lotSize}; the simulated exchange quotes it ${MARK_HALF_SPREAD_BPS} bp around its last stored close, IB trades it as STK SMART ${i.currency}`;
