import { test } from 'node:test';
import assert from 'node:assert/strict';
import { floorShares, type Row } from './report';

const row = (scenario: string, target: string, rps: number): Row => ({ scenario, target, p50: 1, p99: 2, ttfbP50: 1, forwardP50: NaN, rps, cpuMsPerReq: null, errors: 0 });

const rows: Array<{ name: string; input: Row[]; expected: Array<[string, number]> }> = [
  {
    name: 'one share per Switchyard row of an unpaced scenario',
    input: [row('non-streaming, 50 concurrent', 'direct', 12000), row('non-streaming, 50 concurrent', 'node pipe proxy (floor)', 8000), row('non-streaming, 50 concurrent', 'switchyard', 4200), row('non-streaming, 50 concurrent', 'switchyard (Anthropic in, OpenAI out)', 4000), row('non-streaming, 50 concurrent', 'portkey gateway', 900)],
    expected: [['switchyard', 0.525], ['switchyard (Anthropic in, OpenAI out)', 0.5]],
  },
  {
    name: 'paced streams say nothing about speed: left out',
    input: [row('streaming, 50 concurrent', 'node pipe proxy (floor)', 440), row('streaming, 50 concurrent', 'switchyard', 430)],
    expected: [],
  },
  {
    name: 'no floor row (or a floor that served nothing): no share',
    input: [row('non-streaming, 1 concurrent', 'switchyard', 2000), row('non-streaming, 50 concurrent', 'node pipe proxy (floor)', 0), row('non-streaming, 50 concurrent', 'switchyard', 10)],
    expected: [],
  },
];

for (const r of rows) {
  test(`floorShares: ${r.name}`, () => {
    assert.deepEqual(floorShares(r.input).map((s) => [s.target, s.share]), r.expected);
  });
}
