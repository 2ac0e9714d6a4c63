// Stream topics the renderer may subscribe to, with the payload each carries.
import type { Fill } from '../../core/model/fill';
import type { Quote } from '../../core/model/marketData';
import type { Order } from '../../core/model/order';
import type { PositionSnapshot } from '../../core/model/position';
import type { LimitUtilization } from '../../core/trading/risk/limits';
import type { EngineHealth, ResearchProgress } from './engines';
import type { IbConnectionStatus } from './ib';
import type { BreachEvent, TradingStatus } from './risk';
import type { LogEntry } from './system';
import type { StrategyEvent } from './strategies';

export interface StreamTopics {
  'engine.health': EngineHealth;
  /** Progress of long research jobs (universe batches). */
  'research.progress': ResearchProgress;
  'system.log': LogEntry;
  /** Every change of every order, in order. */
  'trading.orders': Order;
  'trading.fills': { fill: Fill; position: PositionSnapshot };
  /** A position's snapshot after a fill or a mark-to-market move (conflated per symbol by the publisher). */
  'trading.positions': PositionSnapshot;
  'trading.status': TradingStatus;
  /** Every limit's utilization, published after each order event and periodically. */
  'risk.limits': LimitUtilization[];
  /** A limit breach opened or cleared by the limit monitor (never dropped). */
  'risk.breaches': BreachEvent;
  /** A strategy deployment's lifecycle change or failure (never dropped). */
  'strategies.events': StrategyEvent;
  /** Every change of the Interactive Brokers connection. */
  'ib.connection': IbConnectionStatus;
  /** Every symbol's quote (conflated: the latest per symbol). */
  'market.quotes.*': Quote;
  [quoteTopic: `market.quotes.${string}`]: Quote;
}
export type StreamTopic = keyof StreamTopics;

/** Topics a client may subscribe to by exact name (the bus has more, internal ones). */
export const STREAM_TOPICS: readonly string[] = [
  'engine.health',
  'research.progress',
  'system.log',
  'trading.orders',
  'trading.fills',
  'trading.positions',
  'trading.status',
  'risk.limits',
  'risk.breaches',
  'ib.connection',
  'strategies.events',
  'market.quotes.*',
];

const QUOTE_TOPIC = /^market\.quotes\.[A-Z0-9][A-Z0-9._\-/]{0,23}$/;

export const isStreamTopic = (value: unknown): value is StreamTopic =>
  typeof value === 'string' && (STREAM_TOPICS.includes(value) || QUOTE_TOPIC.test(value));
