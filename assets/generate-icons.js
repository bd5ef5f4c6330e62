#!/usr/bin/env node
'use strict';
// Draws every Switchyard icon from one vector description (a railway turnout: one track splitting
// into two, the routed branch lit) and writes PNG, ICO and ICNS files with no dependencies.
//   node assets/generate-icons.js [outDir]      (default: the assets/ folder this file is in)
// The output is byte-for-byte reproducible; test/desktop-assets.test.ts checks the committed files.

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

// ---------- geometry (unit square, y down) ----------

function bezier(p0, p1, p2, p3, steps) {
  const points = [];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    points.push([
      u * u * u * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t * t * t * p3[0],
      u * u * u * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t * t * t * p3[1],
    ]);
  }
  return points;
}

function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

// Shapes are signed distance functions: negative inside, in the unit square's units. Edges are
// anti-aliased from the distance at each pixel centre, so one evaluation per pixel is enough.

/** A stroked polyline with round caps and joins. */
function stroke(points, width) {
  const half = width / 2;
  return (x, y) => {
    let best = Infinity;
    for (let i = 1; i < points.length; i++) {
      best = Math.min(best, segmentDistance(x, y, points[i - 1][0], points[i - 1][1], points[i][0], points[i][1]));
    }
    return best - half;
  };
}

const disk = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const ring = (cx, cy, r, w) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) - w / 2;
const union = (...shapes) => (x, y) => Math.min(...shapes.map((s) => s(x, y)));

function roundedRect(x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
}

/** Maps a shape drawn in the unit square into the box [x0,y0]-[x0+size,y0+size]. */
function place(shape, x0, y0, size) {
  return (x, y) => shape((x - x0) / size, (y - y0) / size) * size;
}

// The turnout: a stem from the bottom, splitting at the points into two parallel tracks.
const JUNCTION = [0.5, 0.6];
const STEM = [[0.5, 0.94], JUNCTION];
const LEFT = bezier(JUNCTION, [0.5, 0.4], [0.24, 0.42], [0.24, 0.16], 24).concat([[0.24, 0.06]]);
const RIGHT = bezier(JUNCTION, [0.5, 0.4], [0.76, 0.42], [0.76, 0.16], 24).concat([[0.76, 0.06]]);

function glyph(width) {
  return {
    routed: union(stroke(STEM, width), stroke(RIGHT, width)),
    idle: stroke(LEFT, width),
  };
}

// ---------- raster ----------

/** Paints layers in order. A layer is { shape, color: [r,g,b,a] | (x,y)=>[r,g,b,a], erase? }. */
function render(size, layers) {
  const pixels = new Float64Array(size * size * 4); // straight RGBA, 0..1
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const i = (py * size + px) * 4;
      const x = (px + 0.5) / size;
      const y = (py + 0.5) / size;
      for (const layer of layers) {
        // Distance in pixels → the share of the pixel the shape covers (a one-pixel ramp at the edge).
        const coverage = Math.max(0, Math.min(1, 0.5 - layer.shape(x, y) * size));
        if (coverage === 0) continue;
        if (layer.erase) {
          pixels[i + 3] *= 1 - coverage;
          continue;
        }
        const c = typeof layer.color === 'function' ? layer.color(x, y) : layer.color;
        const alpha = c[3] * coverage;
        const below = pixels[i + 3];
        const outA = alpha + below * (1 - alpha);
        for (let k = 0; k < 3; k++) {
          pixels[i + k] = outA === 0 ? 0 : (c[k] * alpha + pixels[i + k] * below * (1 - alpha)) / outA;
        }
        pixels[i + 3] = outA;
      }
    }
  }
  const rgba = Buffer.alloc(size * size * 4);
  for (let i = 0; i < pixels.length; i++) rgba[i] = Math.round(Math.max(0, Math.min(1, pixels[i])) * 255);
  return rgba;
}

const hex = (value, alpha = 1) => [parseInt(value.slice(1, 3), 16) / 255, parseInt(value.slice(3, 5), 16) / 255, parseInt(value.slice(5, 7), 16) / 255, alpha];

function mix(a, b, t) {
  return a.map((v, k) => v + (b[k] - v) * t);
}

// ---------- designs ----------

const SLATE_TOP = hex('#1e293b');
const SLATE_BOTTOM = hex('#0b1220');
const MINT = hex('#2dd4bf');
const IDLE = hex('#64748b');

/** The app icon: a rounded tile (macOS grid: 824/1024 with a 185 radius) with the turnout on it. */
function appIconLayers() {
  const tile = roundedRect(100 / 1024, 100 / 1024, 924 / 1024, 924 / 1024, 185 / 1024);
  const g = glyph(0.115);
  const box = (shape) => place(shape, 0.22, 0.2, 0.56);
  return [
    { shape: tile, color: (x, y) => mix(SLATE_TOP, SLATE_BOTTOM, Math.min(1, Math.max(0, (x + y) / 2))) },
    { shape: box(g.idle), color: IDLE },
    { shape: box(g.routed), color: MINT },
    { shape: box(disk(JUNCTION[0], JUNCTION[1], 0.1)), color: hex('#f8fafc') },
  ];
}

const BADGE = { cx: 0.78, cy: 0.78, r: 0.22, gap: 0.07 };

function badgeMarks(state) {
  const { cx, cy, r } = BADGE;
  switch (state) {
    case 'near-budget':
      return { outline: ring(cx, cy, r * 0.78, r * 0.42) };
    case 'over-budget':
      return { fill: disk(cx, cy, r) };
    case 'paused':
      return { marks: union(stroke([[cx - r * 0.5, cy - r * 0.7], [cx - r * 0.5, cy + r * 0.7]], r * 0.6), stroke([[cx + r * 0.5, cy - r * 0.7], [cx + r * 0.5, cy + r * 0.7]], r * 0.6)) };
    case 'provider-down':
      return { marks: union(stroke([[cx - r * 0.7, cy - r * 0.7], [cx + r * 0.7, cy + r * 0.7]], r * 0.5), stroke([[cx - r * 0.7, cy + r * 0.7], [cx + r * 0.7, cy - r * 0.7]], r * 0.5)) };
    default:
      return undefined;
  }
}

/** macOS menu bar: black + alpha only; the system tints it. States differ by badge shape. */
function templateLayers(state) {
  const g = glyph(0.15);
  const black = (a) => [0, 0, 0, a];
  const badge = badgeMarks(state);
  // With a badge, the turnout steps left so the badge's clearance never leaves a sliver of the stem.
  const shift = (shape) => (badge ? place(shape, -0.07, 0, 1) : shape);
  const layers = [
    { shape: shift(g.idle), color: black(0.5) },
    { shape: shift(g.routed), color: black(1) },
  ];
  if (badge) {
    layers.push({ shape: disk(BADGE.cx, BADGE.cy, BADGE.r + BADGE.gap), erase: true });
    layers.push({ shape: badge.fill ?? badge.outline ?? badge.marks, color: black(1) });
  }
  return layers;
}

const BADGE_COLORS = {
  'near-budget': { disk: hex('#f59e0b') },
  'over-budget': { disk: hex('#dc2626') },
  paused: { disk: hex('#6b7280'), marks: 'paused' },
  'provider-down': { disk: hex('#dc2626'), marks: 'provider-down' },
};

/** Windows and Linux trays: a small tile that reads on light and dark panels, with a colour badge. */
function colourTrayLayers(state) {
  const g = glyph(0.15);
  const colours = BADGE_COLORS[state];
  const box = (shape) => place(shape, colours ? 0.05 : 0.12, 0.1, 0.76);
  const layers = [
    { shape: roundedRect(0.02, 0.02, 0.98, 0.98, 0.2), color: (x, y) => mix(SLATE_TOP, SLATE_BOTTOM, (x + y) / 2) },
    { shape: box(g.idle), color: IDLE },
    { shape: box(g.routed), color: MINT },
  ];
  if (colours) {
    layers.push({ shape: disk(BADGE.cx, BADGE.cy, BADGE.r + BADGE.gap), erase: true });
    layers.push({ shape: disk(BADGE.cx, BADGE.cy, BADGE.r), color: colours.disk });
    if (colours.marks) {
      const inner = badgeMarks(colours.marks).marks;
      layers.push({ shape: (x, y) => inner(BADGE.cx + (x - BADGE.cx) / 0.75, BADGE.cy + (y - BADGE.cy) / 0.75) * 0.75, color: hex('#ffffff') });
    }
  }
  return layers;
}

// ---------- file formats ----------

// PNG chunk checksums are CRC-32, which zlib provides natively.
const crc32 = (buffer) => zlib.crc32(buffer) >>> 0;

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** PNG: 8-bit RGBA, no interlace, filter type 0 on every row (simple, and zlib does the work). */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** ICO entry as a 32-bit DIB (BGRA, bottom-up, plus the 1-bit AND mask), which every Windows reads. */
function encodeDib(size, rgba) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // XOR bitmap + AND mask
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(size * size * 4, 20);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
    }
  }
  const maskRow = Math.ceil(size / 32) * 4;
  const mask = Buffer.alloc(maskRow * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (rgba[(y * size + x) * 4 + 3] === 0) mask[(size - 1 - y) * maskRow + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([header, pixels, mask]);
}

/** ICO: DIB entries up to 128 px, PNG for 256 px (the Vista+ convention). */
function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const directory = Buffer.alloc(16 * images.length);
  const bodies = images.map(({ size, rgba, png }) => (size >= 256 ? png : encodeDib(size, rgba)));
  let offset = 6 + directory.length;
  images.forEach(({ size }, i) => {
    const entry = i * 16;
    directory[entry] = size >= 256 ? 0 : size;
    directory[entry + 1] = size >= 256 ? 0 : size;
    directory.writeUInt16LE(1, entry + 4); // planes
    directory.writeUInt16LE(32, entry + 6); // bits per pixel
    directory.writeUInt32LE(bodies[i].length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += bodies[i].length;
  });
  return Buffer.concat([header, directory, ...bodies]);
}

/** ICNS with PNG payloads; the OSType names the pixel size (and @2x for the ic11-ic14 family). */
const ICNS_TYPES = [
  ['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024],
  ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512],
];

function encodeIcns(pngBySize) {
  const entries = ICNS_TYPES.map(([type, size]) => {
    const png = pngBySize.get(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + entries.reduce((sum, e) => sum + e.length, 0), 4);
  return Buffer.concat([head, ...entries]);
}

// ---------- output ----------

const APP_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const TRAY_STATES = ['normal', 'near-budget', 'over-budget', 'paused', 'provider-down'];

/** Every icon file, keyed by its path under assets/. `appSizes` limits the app icon sizes (for tests). */
function buildIcons(appSizes = APP_SIZES) {
  const files = new Map();
  const app = new Map();
  for (const size of appSizes) {
    const rgba = render(size, appIconLayers());
    app.set(size, { size, rgba, png: encodePng(size, rgba) });
    files.set(`icons/${size}x${size}.png`, app.get(size).png);
  }
  if (app.has(1024)) files.set('icon.png', app.get(1024).png);
  if (ICO_SIZES.every((size) => app.has(size))) files.set('icon.ico', encodeIco(ICO_SIZES.map((size) => app.get(size))));
  if (ICNS_TYPES.every(([, size]) => app.has(size))) files.set('icon.icns', encodeIcns(new Map([...app].map(([size, image]) => [size, image.png]))));

  for (const state of TRAY_STATES) {
    const template = state === 'normal' ? 'trayTemplate' : `tray-${state}Template`;
    files.set(`tray/${template}.png`, encodePng(16, render(16, templateLayers(state))));
    files.set(`tray/${template}@2x.png`, encodePng(32, render(32, templateLayers(state))));
    files.set(`tray/tray-${state}.png`, encodePng(16, render(16, colourTrayLayers(state))));
    files.set(`tray/tray-${state}@2x.png`, encodePng(32, render(32, colourTrayLayers(state))));
  }
  return files;
}

module.exports = { buildIcons, encodePng, crc32, APP_SIZES, ICO_SIZES, ICNS_TYPES, TRAY_STATES };

if (require.main === module) {
  const outDir = path.resolve(process.argv[2] ?? __dirname);
  const files = buildIcons();
  for (const [relative, data] of files) {
    const file = path.join(outDir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, data);
  }
  process.stdout.write(`wrote ${files.size} files to ${outDir}\n`);
}
