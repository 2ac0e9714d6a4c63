// Public surface of the fake IB Gateway: start it, script faults, read its message counts.
export { startFakeGateway, FAKE_SERVER_VERSION } from './server';
export type { FakeGateway, FakeGatewayEvent, FakeGatewayOptions, SessionInfo } from './server';
export type { FakeGatewayScript, MalformedFrameKind, ConnectivityCode, SessionFilter, FillOrderError } from './script';
export { MessageCounter, IB_MESSAGES_PER_SECOND } from './messageCounter';
export type { ReceivedMessage, CounterFilter } from './messageCounter';
export { DEFAULT_INSTRUMENTS } from './instruments';
export type { InstrumentSpec, Quote, FakeOrder, ExecutionRecord, PositionRecord } from './types';
