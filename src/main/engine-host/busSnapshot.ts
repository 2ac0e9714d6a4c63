// What a (re)started engine is told first about the topics it follows: every position and the latest quote of
// every symbol, so it starts from the current state instead of waiting for the next change.
import type { BusMessage } from '../../engines/runtime/busSubscriber';
import { compileTopicPattern } from '../bus/topicPattern';
import type { LiveMarket } from '../market/liveMarket';
import type { TradingService } from '../trading/tradingService';

export function busSnapshot(pattern: string, trading: TradingService, live: LiveMarket): BusMessage[] {
  const matches = compileTopicPattern(pattern);
  const out: BusMessage[] = [];
  if (matches('trading.positions')) for (const p of trading.core.positions.positions()) out.push({ topic: 'trading.positions', payload: p });
  if (matches('trading.status')) out.push({ topic: 'trading.status', payload: trading.core.risk.killSwitch.status() });
  for (const q of live.quotes()) {
    const topic = `market.quotes.${q.symbol}`;
    if (matches(topic)) out.push({ topic, payload: q });
  }
  return out;
}
