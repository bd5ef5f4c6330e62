// Formatting rules the dashboard relies on: unknown costs stay "unknown", money keeps its precision.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatBucketLabel,
  formatCount,
  formatMs,
  formatPercent,
  formatRelativeTime,
  formatTokens,
  formatUsd,
  formatUsdAxis,
} from '../renderer/src/lib/format';

const cases: Array<{ name: string; run: () => string; expected: string }> = [
  { name: 'null cost is unknown, never $0', run: () => formatUsd(null), expected: 'unknown' },
  { name: 'undefined cost is unknown', run: () => formatUsd(undefined), expected: 'unknown' },
  { name: 'NaN cost is unknown', run: () => formatUsd(Number.NaN), expected: 'unknown' },
  { name: 'zero', run: () => formatUsd(0), expected: '$0.00' },
  { name: 'cents', run: () => formatUsd(4.2831), expected: '$4.28' },
  { name: 'sub-cent keeps four decimals', run: () => formatUsd(0.00321), expected: '$0.0032' },
  { name: 'tiny amount', run: () => formatUsd(0.00000123), expected: '<$0.0001' },
  { name: 'thousands separator', run: () => formatUsd(1234.5), expected: '$1,234.50' },
  { name: 'large amounts drop cents', run: () => formatUsd(12345.67), expected: '$12,346' },
  { name: 'negative cents', run: () => formatUsd(-0.5), expected: '-$0.50' },
  { name: 'axis zero', run: () => formatUsdAxis(0), expected: '$0' },
  { name: 'axis 1.05 keeps its cents', run: () => formatUsdAxis(1.05), expected: '$1.05' },
  { name: 'axis 0.35', run: () => formatUsdAxis(0.35), expected: '$0.35' },
  { name: 'axis 0.005', run: () => formatUsdAxis(0.005), expected: '$0.005' },
  { name: 'axis 0.015 keeps the digit that tells ticks apart', run: () => formatUsdAxis(0.015), expected: '$0.015' },
  { name: 'axis 0.0005', run: () => formatUsdAxis(0.0005), expected: '$0.0005' },
  { name: 'axis 25', run: () => formatUsdAxis(25.4), expected: '$25' },
  { name: 'axis 1500', run: () => formatUsdAxis(1500), expected: '$1.5k' },
  { name: 'tokens small', run: () => formatTokens(950), expected: '950' },
  { name: 'tokens under ten thousand keep all digits', run: () => formatTokens(9876), expected: '9,876' },
  { name: 'tokens thousands', run: () => formatTokens(12_340), expected: '12.3k' },
  { name: 'tokens millions', run: () => formatTokens(4_500_000), expected: '4.5M' },
  { name: 'tokens unknown', run: () => formatTokens(null), expected: '—' },
  { name: 'count', run: () => formatCount(1284), expected: '1,284' },
  { name: 'ms', run: () => formatMs(42.4), expected: '42 ms' },
  { name: 'seconds', run: () => formatMs(1250), expected: '1.25 s' },
  { name: 'whole seconds trim zeros', run: () => formatMs(2000), expected: '2 s' },
  { name: 'minutes', run: () => formatMs(125_000), expected: '2m 05s' },
  { name: 'ms unknown', run: () => formatMs(null), expected: '—' },
  { name: 'percent', run: () => formatPercent(0.1234), expected: '12.3%' },
  { name: 'percent zero digits', run: () => formatPercent(0.87, 0), expected: '87%' },
  { name: 'percent tiny', run: () => formatPercent(0.0004), expected: '<0.1%' },
  { name: 'percent zero', run: () => formatPercent(0), expected: '0%' },
  { name: 'percent unknown', run: () => formatPercent(null), expected: '—' },
];

for (const c of cases) {
  test(`format: ${c.name}`, () => assert.equal(c.run(), c.expected));
}

test('relative time: seconds, minutes, hours, then a date', () => {
  const now = new Date('2026-11-24T12:00:00Z');
  const rows: Array<{ at: string; expected: string | RegExp }> = [
    { at: '2026-11-24T11:59:55Z', expected: 'just now' },
    { at: '2026-11-24T11:59:30Z', expected: '30 s ago' },
    { at: '2026-11-24T11:55:00Z', expected: '5 min ago' },
    { at: '2026-11-24T09:00:00Z', expected: '3 h ago' },
    { at: '2026-11-20T09:00:00Z', expected: /^Nov 2\d, \d\d:\d\d:\d\d$/ },
    { at: 'not a date', expected: '—' },
  ];
  for (const row of rows) {
    const out = formatRelativeTime(row.at, now);
    if (row.expected instanceof RegExp) assert.match(out, row.expected, row.at);
    else assert.equal(out, row.expected, row.at);
  }
});

test('bucket labels: hours on the local clock, days as the UTC date', () => {
  assert.equal(formatBucketLabel(new Date(2026, 10, 24, 14, 0, 0).toISOString(), 'hour'), '14:00');
  assert.equal(formatBucketLabel('2026-11-24T00:00:00.000Z', 'day'), 'Nov 24');
  assert.equal(formatBucketLabel('not a date', 'day'), 'not a date');
});
