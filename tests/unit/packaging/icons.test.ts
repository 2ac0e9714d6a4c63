// The app icon set generated from resources/icon.svg: every PNG at its declared size, and the ICO and ICNS containers
// holding the sizes Windows and macOS ask for. The containers are parsed here independently of scripts/make-icons.mjs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without types
import { makeIcons } from '../../../scripts/make-icons.mjs';

const RESOURCES = join(import.meta.dirname, '..', '..', '..', 'resources');
const PNG_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];

function pngHeader(data: Buffer): { width: number; height: number; bitDepth: number; colorType: number } {
  expect(data.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(data.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), bitDepth: data[24]!, colorType: data[25]! };
}

/** RGBA pixels of an 8-bit RGBA PNG (filters undone), to compare the ICO's bitmaps with their source. */
function pngPixels(data: Buffer): Buffer {
  const { width, height } = pngHeader(data);
  const chunks: Buffer[] = [];
  for (let at = 8; at < data.length; ) {
    const length = data.readUInt32BE(at);
    if (data.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(data.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * 4;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? out[y * stride + x - 4]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      out[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return out;
}

describe('icon source', () => {
  it('is one square SVG', () => {
    const svg = readFileSync(join(RESOURCES, 'icon.svg'), 'utf8');
    expect(svg).toMatch(/<svg[^>]+viewBox="0 0 1024 1024"/);
  });
});

describe('PNG icons', () => {
  it.each(PNG_SIZES)('icons/%ix%i.png is that size, 8-bit RGBA', (size) => {
    expect(pngHeader(readFileSync(join(RESOURCES, 'icons', `${size}x${size}.png`)))).toEqual({ width: size, height: size, bitDepth: 8, colorType: 6 });
  });

  it('icon.png is the 1024 raster', () => {
    expect(readFileSync(join(RESOURCES, 'icon.png')).equals(readFileSync(join(RESOURCES, 'icons', '1024x1024.png')))).toBe(true);
  });
});

describe('icon.ico', () => {
  const ico = readFileSync(join(RESOURCES, 'icon.ico'));
  const count = ico.readUInt16LE(4);
  const entries = Array.from({ length: count }, (_, i) => {
    const at = 6 + 16 * i;
    const size = ico.readUInt32LE(at + 8);
    const offset = ico.readUInt32LE(at + 12);
    return { width: ico[at] || 256, height: ico[at + 1] || 256, bitCount: ico.readUInt16LE(at + 6), data: ico.subarray(offset, offset + size), end: offset + size };
  });

  it('is an icon file holding 16 to 256 pixels at 32 bits', () => {
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    expect(entries.map((e) => e.width)).toEqual([16, 32, 48, 64, 128, 256]);
    expect(entries.every((e) => e.height === e.width && e.bitCount === 32)).toBe(true);
    expect(Math.max(...entries.map((e) => e.end))).toBe(ico.length);
  });

  it('stores 256 as PNG and the smaller sizes as bitmaps with the same pixels as their PNG', () => {
    for (const entry of entries) {
      const source = readFileSync(join(RESOURCES, 'icons', `${entry.width}x${entry.width}.png`));
      if (entry.width === 256) {
        expect(entry.data.equals(source)).toBe(true);
        continue;
      }
      expect(entry.data.readUInt32LE(0)).toBe(40); // BITMAPINFOHEADER
      expect(entry.data.readInt32LE(4)).toBe(entry.width);
      expect(entry.data.readInt32LE(8)).toBe(entry.width * 2); // colour rows + mask rows
      expect(entry.data.readUInt16LE(14)).toBe(32);
      const rgba = pngPixels(source);
      const bgra = entry.data.subarray(40, 40 + entry.width * entry.width * 4);
      const w = entry.width;
      for (const [x, y] of [[0, 0], [w >> 1, w >> 1], [w - 1, w - 1], [w >> 2, (3 * w) >> 2]] as const) {
        const from = (y * w + x) * 4;
        const to = ((w - 1 - y) * w + x) * 4; // bottom-up rows
        expect([bgra[to + 2], bgra[to + 1], bgra[to], bgra[to + 3]], `${w}px at ${x},${y}`).toEqual([rgba[from], rgba[from + 1], rgba[from + 2], rgba[from + 3]]);
      }
    }
  });
});

describe('icon.icns', () => {
  const icns = readFileSync(join(RESOURCES, 'icon.icns'));
  const chunks: Array<{ type: string; width: number }> = [];
  for (let at = 8; at < icns.length; ) {
    const length = icns.readUInt32BE(at + 4);
    chunks.push({ type: icns.toString('latin1', at, at + 4), width: pngHeader(icns.subarray(at + 8, at + length)).width });
    at += length;
  }

  it("is an icon family whose length is the file's", () => {
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });

  it('holds each type macOS reads at its pixel size, 16 to 1024 (512@2x)', () => {
    expect(chunks).toEqual([
      { type: 'icp4', width: 16 },
      { type: 'icp5', width: 32 },
      { type: 'icp6', width: 64 },
      { type: 'ic07', width: 128 },
      { type: 'ic08', width: 256 },
      { type: 'ic09', width: 512 },
      { type: 'ic10', width: 1024 },
      { type: 'ic11', width: 32 },
      { type: 'ic12', width: 64 },
      { type: 'ic13', width: 256 },
      { type: 'ic14', width: 512 },
    ]);
  });
});

// The committed files are what the script makes from the SVG today. Needs rsvg-convert (librsvg2-bin), like the script.
const hasRsvg = spawnSync('rsvg-convert', ['--version']).status === 0;
describe.skipIf(!hasRsvg)('scripts/make-icons.mjs', () => {
  it('regenerates the committed icon set byte for byte from icon.svg', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nautilus-icons-'));
    try {
      copyFileSync(join(RESOURCES, 'icon.svg'), join(dir, 'icon.svg'));
      makeIcons(dir);
      for (const file of ['icon.png', 'icon.ico', 'icon.icns', ...readdirSync(join(RESOURCES, 'icons')).map((name) => join('icons', name))]) {
        expect(readFileSync(join(dir, file)).equals(readFileSync(join(RESOURCES, file))), file).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
