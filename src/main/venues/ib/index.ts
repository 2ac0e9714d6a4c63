// Public surface of the Interactive Brokers adapter: the service, the venue, data sources, profiles and the pieces tests use.
export { IbService, type IbServiceOptions } from './ibService';
export { IbVenue, type IbVenueOptions } from './ibVenue';
export { IbConnection, type IbConnectionOptions, type IbLog, type IbLogLevel, type IbLifecycleEvent } from './ibConnection';
export { IbRequests, IbRequestFailed, type IbRequestError } from './requests';
export { IbMarketData } from './marketData';
export { IbHistory, IB_BAR_SIZE, type HistoryRequest, type BarSink } from './history';
export { IbContracts, toInstrument } from './contracts';
export { IbPortfolio, type IbPortfolioSnapshot, type IbPortfolioPosition } from './portfolio';
export { parseConnectionProfile, presetProfile, isLivePort, IB_DEFAULT_PORTS, ibConnectionProfileSchema, type IbConnectionProfile } from './connectionProfile';
export { connectionTransition, IB_CONNECTION_TABLE, IB_CONNECTION_EVENTS, type IbConnectionEvent, type IbConnectionState } from './connectionStateTable';
export { PacingLimiter, DEFAULT_PACING, CLIENT_MAX_REQ_PER_SEC, type PacingLane, type PacingWindow, type PacingTimers } from './pacing';
export { OrderIdAllocator, highestIbOrderIdInJournal, REQUEST_ID_BASE } from './orderIds';
export { toIbOrder, toIbBracket, fromIbOrder, contractResolver, stockContract, type ContractResolver, type VenueBracket } from './orderMapping';
export { classifyIbError, type IbErrorClass, type IbOrderRejectCode } from './errorMapping';
