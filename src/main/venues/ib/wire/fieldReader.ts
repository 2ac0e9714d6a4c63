// Owns reading typed values out of a decoded frame's fields, with TWS's conventions for empty and "unset" values.
import { UNSET_INTEGER } from './frameCodec';

/** A field that is missing or does not parse; the message it came from is malformed. */
export class FieldParseError extends Error {
  constructor(
    readonly field: string,
    readonly index: number,
    readonly value: string | undefined,
  ) {
    super(value === undefined ? `field ${field} (#${index}) is missing` : `field ${field} (#${index}) is not valid: ${JSON.stringify(value)}`);
    this.name = 'FieldParseError';
  }
}

const INT = /^[-+]?\d+$/;
const FLOAT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A cursor over one message's fields. Every read names its field so a parse error says what was wrong. */
export class FieldReader {
  private index: number;

  constructor(
    private readonly fields: readonly string[],
    start = 0,
  ) {
    this.index = start;
  }

  get position(): number {
    return this.index;
  }

  get remaining(): number {
    return Math.max(0, this.fields.length - this.index);
  }

  str(name: string): string {
    const value = this.fields[this.index];
    if (value === undefined) throw new FieldParseError(name, this.index, undefined);
    this.index += 1;
    return value;
  }

  /** Empty reads as 0, like the client. */
  int(name: string): number {
    const at = this.index;
    const raw = this.str(name);
    if (raw === '') return 0;
    if (!INT.test(raw)) throw new FieldParseError(name, at, raw);
    return Number(raw);
  }

  /** Empty or Integer.MAX_VALUE read as undefined. */
  intOrUnset(name: string): number | undefined {
    const at = this.index;
    const raw = this.str(name);
    if (raw === '') return undefined;
    if (!INT.test(raw)) throw new FieldParseError(name, at, raw);
    const value = Number(raw);
    return value === UNSET_INTEGER ? undefined : value;
  }

  /** Empty reads as 0. */
  float(name: string): number {
    return this.floatOrUnset(name) ?? 0;
  }

  /** Empty, Double.MAX_VALUE or infinity read as undefined. */
  floatOrUnset(name: string): number | undefined {
    const at = this.index;
    const raw = this.str(name).replaceAll(',', '');
    if (raw === '') return undefined;
    if (!FLOAT.test(raw)) throw new FieldParseError(name, at, raw);
    const value = Number(raw);
    return value === Number.MAX_VALUE || !Number.isFinite(value) ? undefined : value;
  }

  /** "1"/"true" are true; "", "0", "false" false. */
  bool(name: string): boolean {
    const at = this.index;
    const raw = this.str(name).toLowerCase();
    if (raw === '' || raw === '0' || raw === 'false') return false;
    if (raw === '1' || raw === 'true') return true;
    if (INT.test(raw)) return Number(raw) !== 0;
    throw new FieldParseError(name, at, raw);
  }

  /** Like bool, but an empty field means `fallback` (TWS treats an absent `transmit` as true). */
  boolOr(name: string, fallback: boolean): boolean {
    const raw = this.fields[this.index];
    if (raw === '') {
      this.index += 1;
      return fallback;
    }
    return this.bool(name);
  }

  skip(count: number): void {
    this.index += count;
  }
}
