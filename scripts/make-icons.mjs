// Regenerates every app icon from resources/icon.svg: the PNG sizes, icon.icns (macOS) and icon.ico (Windows).
//
// Needs: `rsvg-convert` (librsvg; Debian/Ubuntu `apt-get install librsvg2-bin`, macOS `brew install librsvg`)
// to rasterize the SVG. The ICNS and ICO containers are written here, from the PNGs, with no other tool.
// Run `node scripts/make-icons.mjs` after editing the SVG, and commit what it writes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

/** The PNG sizes written to resources/icons/NxN.png (electron-builder's Linux icon set reads the size from the name). */
export const PNG_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];

/** ICNS chunk types (Apple's icon family format): each holds one PNG. The @2x types reuse the doubled raster. */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024], // 512@2x
  ['ic11', 32], // 16@2x
  ['ic12', 64], // 32@2x
  ['ic13', 256], // 128@2x
  ['ic14', 512], // 256@2x
];

/** ICO sizes: 256 stored as PNG, the smaller ones as 32-bit DIBs, which every Windows icon reader (NSIS included) accepts. */
export const ICO_SIZES = [16, 32, 48, 64, 128, 256];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Decodes an 8-bit RGBA, non-interlaced PNG (what rsvg-convert writes) into its pixels. */
export function decodeRgbaPng(png) {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [bitDepth, colorType, , , interlace] = data.subarray(8, 13);
      if (bitDepth !== 8 || colorType !== 6 || interlace !== 0) {
        throw new Error(`PNG must be 8-bit RGBA, not interlaced (bit depth ${bitDepth}, colour type ${colorType}, interlace ${interlace})`);
      }
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const above = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? out[x - 4] : 0;
      const b = above[x];
      const c = x >= 4 ? above[x - 4] : 0;
      let predictor;
      if (filter === 0) predictor = 0;
      else if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else throw new Error(`unknown PNG filter ${filter} on row ${y}`);
      out[x] = (line[x] + predictor) & 0xff;
    }
  }
  return { width, height, pixels };
}

/** A 32-bit BGRA DIB as stored in an ICO: BITMAPINFOHEADER (height doubled), bottom-up rows, then the AND mask. */
export function icoBitmap({ width, height, pixels }) {
  const maskStride = Math.ceil(width / 32) * 4;
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(width, 4);
  header.writeInt32LE(height * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(width * height * 4 + maskStride * height, 20);
  const xor = Buffer.alloc(width * height * 4);
  const mask = Buffer.alloc(maskStride * height);
  for (let y = 0; y < height; y++) {
    const row = height - 1 - y;
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 4;
      const to = (row * width + x) * 4;
      xor[to] = pixels[from + 2];
      xor[to + 1] = pixels[from + 1];
      xor[to + 2] = pixels[from];
      xor[to + 3] = pixels[from + 3];
      if (pixels[from + 3] === 0) mask[row * maskStride + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([header, xor, mask]);
}

/** ICO: ICONDIR, one 16-byte ICONDIRENTRY per image, then the images. `images`: [{ size, data }]. */
export function writeIco(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(data.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.data)]);
}

/** ICNS: 'icns' + total length, then chunks of type + length (header included) + PNG data. */
export function writeIcns(chunks) {
  const parts = chunks.map(({ type, data }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

function rasterize(svgPath, size) {
  const result = spawnSync('rsvg-convert', ['--width', String(size), '--height', String(size), '--format', 'png', svgPath], {
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) {
    throw new Error(`cannot run rsvg-convert (${result.error.message}): install librsvg (Debian: apt-get install librsvg2-bin; macOS: brew install librsvg)`);
  }
  if (result.status !== 0) throw new Error(`rsvg-convert failed for ${size}px: ${result.stderr.toString().trim()}`);
  return result.stdout;
}

export function makeIcons(resourcesDir) {
  const svg = join(resourcesDir, 'icon.svg');
  readFileSync(svg); // fail early, naming the file, if the source is missing
  const pngs = new Map(PNG_SIZES.map((size) => [size, rasterize(svg, size)]));
  mkdirSync(join(resourcesDir, 'icons'), { recursive: true });
  for (const [size, png] of pngs) writeFileSync(join(resourcesDir, 'icons', `${size}x${size}.png`), png);
  writeFileSync(join(resourcesDir, 'icon.png'), pngs.get(1024));
  writeFileSync(join(resourcesDir, 'icon.icns'), writeIcns(ICNS_TYPES.map(([type, size]) => ({ type, data: pngs.get(size) }))));
  const icoImages = ICO_SIZES.map((size) => ({ size, data: size >= 256 ? pngs.get(size) : icoBitmap(decodeRgbaPng(pngs.get(size))) }));
  writeFileSync(join(resourcesDir, 'icon.ico'), writeIco(icoImages));
  return { pngs: [...pngs.keys()], icns: ICNS_TYPES.map(([type]) => type), ico: ICO_SIZES };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const resourcesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');
  const made = makeIcons(resourcesDir);
  console.log(`icons written to ${resourcesDir}: PNG ${made.pngs.join(', ')}; ICNS ${made.icns.join(' ')}; ICO ${made.ico.join(', ')}`);
}
