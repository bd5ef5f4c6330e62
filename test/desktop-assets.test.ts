// The committed icons: reproducible from assets/generate-icons.js, well-formed PNG/ICO/ICNS, macOS
// tray icons black + alpha only, and every icon the tray asks for present.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as zlib from 'node:zlib';
import { trayIconPath } from '../main/tray/tray-icon-path';
import type { TrayIconState } from '../main/tray/tray-state';
import { REPO_ROOT } from './helpers/spawn-gateway';

const ASSETS = path.join(REPO_ROOT, 'assets');
const generator = require(path.join(ASSETS, 'generate-icons.js')) as {
  buildIcons(appSizes?: number[]): Map<string, Buffer>;
  crc32(buffer: Buffer): number;
  APP_SIZES: number[];
  ICO_SIZES: number[];
  ICNS_TYPES: Array<[string, number]>;
  TRAY_STATES: TrayIconState[];
};

interface Png { width: number; height: number; rgba: Buffer }

function decodePng(data: Buffer, name: string): Png {
  assert.deepEqual([...data.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${name}: PNG signature`);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  const types: string[] = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('ascii', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    assert.equal(data.readUInt32BE(offset + 8 + length), generator.crc32(data.subarray(offset + 4, offset + 8 + length)), `${name}: ${type} CRC`);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      assert.deepEqual([...body.subarray(8)], [8, 6, 0, 0, 0], `${name}: 8-bit RGBA, no interlace`);
    }
    if (type === 'IDAT') idat.push(body);
    types.push(type);
    offset += 12 + length;
  }
  assert.equal(types[0], 'IHDR');
  assert.equal(types.at(-1), 'IEND');
  const raw = zlib.inflateSync(Buffer.concat(idat));
  assert.equal(raw.length, height * (width * 4 + 1), `${name}: scanline data size`);
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    assert.equal(raw[y * (width * 4 + 1)], 0, `${name}: filter type`);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

const read = (relative: string) => fs.readFileSync(path.join(ASSETS, relative));

test('committed icons are exactly what the generator draws', () => {
  const small = generator.APP_SIZES.filter((size) => size <= 256);
  const expected = generator.buildIcons(small);
  assert.ok(expected.size >= 28);
  for (const [relative, data] of expected) assert.ok(read(relative).equals(data), `${relative} is stale: run node assets/generate-icons.js`);
});

test('app icon PNGs have their named sizes and visible content', () => {
  for (const size of generator.APP_SIZES) {
    const png = decodePng(read(`icons/${size}x${size}.png`), `${size}x${size}.png`);
    assert.deepEqual([png.width, png.height], [size, size]);
    const centre = ((size >> 1) * size + (size >> 1)) * 4;
    assert.equal(png.rgba[centre + 3], 255, 'opaque in the middle');
    assert.equal(png.rgba[3], 0, 'transparent corner');
  }
  assert.ok(read('icon.png').equals(read('icons/1024x1024.png')));
});

test('macOS tray icons are template images: black with alpha only, 16 px and @2x 32 px', () => {
  for (const state of generator.TRAY_STATES) {
    const base = path.basename(trayIconPath(ASSETS, 'darwin', state), '.png');
    for (const [suffix, size] of [['', 16], ['@2x', 32]] as const) {
      const name = `${base}${suffix}.png`;
      assert.match(name, /Template(@2x)?\.png$/, 'the Template suffix tells macOS to tint it');
      const png = decodePng(read(`tray/${name}`), name);
      assert.deepEqual([png.width, png.height], [size, size]);
      let opaque = 0;
      for (let i = 0; i < png.rgba.length; i += 4) {
        assert.deepEqual([png.rgba[i], png.rgba[i + 1], png.rgba[i + 2]], [0, 0, 0], `${name}: pixel ${i / 4} is not black`);
        if (png.rgba[i + 3] > 128) opaque++;
      }
      assert.ok(opaque > size * size * 0.1, `${name}: has a visible glyph`);
    }
  }
});

test('every tray state has its own icon on every platform', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    const seen = new Set<string>();
    for (const state of generator.TRAY_STATES) {
      const file = trayIconPath(ASSETS, platform, state);
      assert.ok(fs.existsSync(file), file);
      assert.ok(fs.existsSync(file.replace(/\.png$/, '@2x.png')), `${file} @2x`);
      seen.add(read(path.relative(ASSETS, file)).toString('base64'));
    }
    assert.equal(seen.size, generator.TRAY_STATES.length, `${platform}: states look different`);
  }
});

test('icon.ico holds 16-256 px: 32-bit DIBs, PNG at 256', () => {
  const ico = read('icon.ico');
  assert.equal(ico.readUInt16LE(0), 0);
  assert.equal(ico.readUInt16LE(2), 1, 'type icon');
  const count = ico.readUInt16LE(4);
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const entry = 6 + i * 16;
    const size = ico[entry] || 256;
    const length = ico.readUInt32LE(entry + 8);
    const offset = ico.readUInt32LE(entry + 12);
    assert.ok(offset + length <= ico.length, `entry ${size} in bounds`);
    const body = ico.subarray(offset, offset + length);
    if (size === 256) {
      const png = decodePng(body, 'ico 256');
      assert.equal(png.width, 256);
    } else {
      assert.equal(body.readUInt32LE(0), 40, 'BITMAPINFOHEADER');
      assert.deepEqual([body.readInt32LE(4), body.readInt32LE(8), body.readUInt16LE(14)], [size, size * 2, 32]);
      assert.equal(length, 40 + size * size * 4 + Math.ceil(size / 32) * 4 * size, 'pixels and AND mask');
    }
    sizes.push(size);
  }
  assert.deepEqual(sizes, generator.ICO_SIZES);
});

test('icon.icns: every entry a PNG of the size its type names', () => {
  const icns = read('icon.icns');
  assert.equal(icns.toString('ascii', 0, 4), 'icns');
  assert.equal(icns.readUInt32BE(4), icns.length);
  const entries: Array<[string, number]> = [];
  for (let offset = 8; offset < icns.length;) {
    const type = icns.toString('ascii', offset, offset + 4);
    const length = icns.readUInt32BE(offset + 4);
    const png = decodePng(icns.subarray(offset + 8, offset + length), `icns ${type}`);
    entries.push([type, png.width]);
    offset += length;
  }
  assert.deepEqual(entries, generator.ICNS_TYPES);
});
