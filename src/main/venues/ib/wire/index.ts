// Public surface of the TWS wire layer: framing, incremental decoding, handshake, field reading, message ids.
export * from './frameCodec';
export * from './frameDecoder';
export * from './handshake';
export * from './fieldReader';
export * from './messageIds';
export * from './frameLog';
