// Draws the app icon (build/icons/icon.png, 1024×1024 RGBA) with Node alone: a rounded navy
// square with a white house. electron-builder turns it into .icns / .ico / Linux sizes.
// Re-run with `node build/icons/make-icon.mjs` after changing the drawing.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;
const BG = [31, 78, 121];
const FG = [255, 255, 255];

function inRoundedSquare(x, y) {
  const r = 180;
  const m = 32; // margin
  const cx = Math.min(Math.max(x, m + r), SIZE - m - r);
  const cy = Math.min(Math.max(y, m + r), SIZE - m - r);
  return x >= m && x < SIZE - m && y >= m && y < SIZE - m && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inHouse(x, y) {
  const roof = y >= 220 && y < 500 && Math.abs(x - 512) <= (y - 220) * (300 / 280);
  const body = x >= 300 && x < 724 && y >= 480 && y < 800;
  const door = x >= 462 && x < 562 && y >= 640 && y < 800;
  return (roof || body) && !door;
}

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1);
  raw[row] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const o = row + 1 + x * 4;
    if (!inRoundedSquare(x, y)) continue; // transparent
    const [r, g, b] = inHouse(x, y) ? FG : BG;
    raw[o] = r;
    raw[o + 1] = g;
    raw[o + 2] = b;
    raw[o + 3] = 255;
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // colour type RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`[rcc] Wrote build/icons/icon.png (${SIZE}×${SIZE}, ${png.length} bytes).`);
