// Research jobs and their results as text for Redis: JSON with every Float64Array carried exactly (its bytes in base64,
// so NaN, -0 and every last bit survive), plain numbers JSON cannot hold (NaN, ±Infinity, -0) carried by name, and
// parsed back without trusting the text.
const F64 = '$f64';
const NUM = '$num';

/** The plain numbers JSON would turn into null (or 0), by the name they travel under. */
const SPECIAL_NUMBERS: Readonly<Record<string, number>> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

const specialName = (v: number): string | undefined => (Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : Object.is(v, -0) ? '-0' : undefined);

/** Text for a value holding plain data and Float64Arrays. */
export function encodeJob(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Float64Array) return { [F64]: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    if (typeof v === 'number') {
      const name = specialName(v);
      return name === undefined ? v : { [NUM]: name };
    }
    return v;
  });
}

/** The value back, Float64Arrays and special numbers restored; throws (naming the problem) on text that is not a well-formed encoding. */
export function decodeJob(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object') return v;
    if (Object.prototype.hasOwnProperty.call(v, NUM)) {
      const name = (v as Record<string, unknown>)[NUM];
      if (Object.keys(v).length !== 1 || typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(SPECIAL_NUMBERS, name)) throw new Error('malformed special number in job');
      return SPECIAL_NUMBERS[name];
    }
    if (!Object.prototype.hasOwnProperty.call(v, F64)) return v;
    const encoded = (v as Record<string, unknown>)[F64];
    if (Object.keys(v).length !== 1 || typeof encoded !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) throw new Error('malformed Float64Array in job');
    const bytes = Buffer.from(encoded, 'base64');
    if (bytes.byteLength % 8 !== 0) throw new Error('Float64Array bytes not a multiple of 8 in job');
    const out = new Float64Array(bytes.byteLength / 8);
    new Uint8Array(out.buffer).set(bytes);
    return out;
  });
}
