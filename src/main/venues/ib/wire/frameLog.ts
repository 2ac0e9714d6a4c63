// Owns the human-readable rendering of raw TWS bytes for logs: NULs as `|`, other unprintables escaped, long frames cut.

/** Renders bytes as text for a log line: printable ASCII as is, NUL as `|`, anything else as \xNN. */
export function renderRawBytes(bytes: Uint8Array, maxBytes = 512): string {
  const shown = bytes.subarray(0, maxBytes);
  let out = '';
  for (const b of shown) {
    if (b === 0) out += '|';
    else if (b >= 0x20 && b < 0x7f && b !== 0x5c) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  if (bytes.length > maxBytes) out += `…(+${bytes.length - maxBytes} bytes)`;
  return out;
}

/** Renders a length-prefixed frame as `[len] f1|f2|…|`. */
export function renderFrame(frame: Uint8Array, maxBytes = 512): string {
  if (frame.length < 4) return `[short ${frame.length}B] ${renderRawBytes(frame, maxBytes)}`;
  const length = ((frame[0] as number) << 24) | ((frame[1] as number) << 16) | ((frame[2] as number) << 8) | (frame[3] as number);
  return `[${length >>> 0}] ${renderRawBytes(frame.subarray(4), maxBytes)}`;
}

/** Renders decoded fields for a log line. */
export function renderFields(fields: readonly string[], maxChars = 512): string {
  const text = fields.join('|');
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}
