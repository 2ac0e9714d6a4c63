// Client order ids: unique and monotonic across restarts, because the source is seeded from the journal's highest id.

export type ClientOrderId = string;
export type VenueOrderId = string;
export type ExecutionId = string;
export type AccountId = string;

const PREFIX = 'C';
const WIDTH = 12;

/** Zero-padded so that string order equals numeric order (sorting, SQLite indexes, log reading). */
export function formatClientOrderId(sequence: number): ClientOrderId {
  return PREFIX + String(sequence).padStart(WIDTH, '0');
}

/** The sequence number inside an id this module made, or undefined for a foreign id. */
export function parseClientOrderId(id: string): number | undefined {
  if (id.length !== PREFIX.length + WIDTH || !id.startsWith(PREFIX)) return undefined;
  const digits = id.slice(PREFIX.length);
  if (!/^\d+$/.test(digits)) return undefined;
  return Number(digits);
}

export class ClientOrderIdSource {
  private sequence: number;
  /** `highestIssued`: the largest sequence found in the journal (0 for a fresh journal). */
  constructor(highestIssued = 0) {
    if (!Number.isSafeInteger(highestIssued) || highestIssued < 0) throw new Error(`bad id seed ${highestIssued}`);
    this.sequence = highestIssued;
  }
  next(): ClientOrderId {
    this.sequence += 1;
    return formatClientOrderId(this.sequence);
  }
  /** Moves the source past an id seen elsewhere (replay), never backwards. */
  observe(id: ClientOrderId): void {
    const seq = parseClientOrderId(id);
    if (seq !== undefined && seq > this.sequence) this.sequence = seq;
  }
  get highest(): number {
    return this.sequence;
  }
}
