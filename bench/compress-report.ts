// Tool-output compression report: per corpus family, o200k tokens before and after, reduction,
// facts kept and throughput. Run: npx tsc -p . && node dist/bench/compress-report.js [--fixtures]

import { compressToolOutput } from '../proxy/optimize/compress/compress-tool-output';
import { loadToolOutputFixtures, type ToolOutputFixture } from '../proxy/optimize/compress/load-fixtures';

// gpt-tokenizer publishes this entry point through package exports, which node10 resolution cannot type.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { countTokens } = require('gpt-tokenizer/encoding/o200k_base') as { countTokens: (text: string) => number };

// Each fixture runs this many times; the machine is shared, so the best run is the one least
// disturbed by other processes and is what the throughput column uses (the median is printed too).
const RUNS = 9;

interface Row {
  family: string;
  fixtures: number;
  bytes: number;
  before: number;
  after: number;
  facts: number;
  kept: number;
  seconds: number;
  medianSeconds: number;
  synthetic: number;
}

function measure(fixture: ToolOutputFixture): { after: string; seconds: number; medianSeconds: number } {
  const context = { command: fixture.command };
  let after = compressToolOutput(fixture.output, context).text;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    after = compressToolOutput(fixture.output, context).text;
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  times.sort((a, b) => a - b);
  return { after, seconds: times[0], medianSeconds: times[Math.floor(times.length / 2)] };
}

function pad(value: string | number, width: number): string {
  const s = String(value);
  return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}

function reportRow(r: Row): string {
  const reduction = r.before ? ((1 - r.after / r.before) * 100).toFixed(1) : '0.0';
  const mbps = r.seconds > 0 ? (r.bytes / 1e6 / r.seconds).toFixed(1) : '∞';
  return `${r.family.padEnd(14)}${pad(r.fixtures, 4)}${pad(r.synthetic, 5)}${pad((r.bytes / 1024).toFixed(1), 9)}${pad(r.before, 9)}${pad(r.after, 9)}${pad(reduction + '%', 8)}${pad(`${r.kept}/${r.facts}`, 11)}${pad(mbps, 9)}`;
}

export function buildCompressReport(fixtures: ToolOutputFixture[] = loadToolOutputFixtures()): { rows: Row[]; total: Row; lost: string[] } {
  // Warm up the JIT so the first family is not charged for it.
  for (const f of fixtures) compressToolOutput(f.output, { command: f.command });
  const rows = new Map<string, Row>();
  const lost: string[] = [];
  for (const f of fixtures) {
    const { after, seconds, medianSeconds } = measure(f);
    const row = rows.get(f.family) ?? { family: f.family, fixtures: 0, bytes: 0, before: 0, after: 0, facts: 0, kept: 0, seconds: 0, medianSeconds: 0, synthetic: 0 };
    row.fixtures++;
    row.synthetic += f.synthetic ? 1 : 0;
    row.bytes += Buffer.byteLength(f.output);
    row.before += countTokens(f.output);
    row.after += countTokens(after);
    row.seconds += seconds;
    row.medianSeconds += medianSeconds;
    for (const fact of f.facts) {
      row.facts++;
      if (after.includes(fact)) row.kept++;
      else lost.push(`${f.id}: ${JSON.stringify(fact)}`);
    }
    rows.set(f.family, row);
  }
  const list = [...rows.values()];
  const total = list.reduce<Row>(
    (t, r) => ({ family: 'TOTAL', fixtures: t.fixtures + r.fixtures, bytes: t.bytes + r.bytes, before: t.before + r.before, after: t.after + r.after, facts: t.facts + r.facts, kept: t.kept + r.kept, seconds: t.seconds + r.seconds, medianSeconds: t.medianSeconds + r.medianSeconds, synthetic: t.synthetic + r.synthetic }),
    { family: 'TOTAL', fixtures: 0, bytes: 0, before: 0, after: 0, facts: 0, kept: 0, seconds: 0, medianSeconds: 0, synthetic: 0 },
  );
  return { rows: list, total, lost };
}

function printFixtures(fixtures: ToolOutputFixture[]): void {
  for (const f of fixtures) {
    const result = compressToolOutput(f.output, { command: f.command });
    const before = countTokens(f.output);
    const after = countTokens(result.text);
    console.log(`${f.id.padEnd(36)}${result.family.padEnd(15)}${pad(before, 8)}${pad(after, 8)}${pad(`${((1 - after / before) * 100).toFixed(1)}%`, 8)}  ${f.synthetic ? 'synthetic' : ''}`);
  }
}

function main(): void {
  if (process.argv.includes('--fixtures')) {
    printFixtures(loadToolOutputFixtures());
    return;
  }
  const { rows, total, lost } = buildCompressReport();
  console.log(`${'family'.padEnd(14)}${pad('fx', 4)}${pad('syn', 5)}${pad('KiB', 9)}${pad('before', 9)}${pad('after', 9)}${pad('cut', 8)}${pad('facts', 11)}${pad('MB/s', 9)}`);
  console.log('(fx fixtures, syn synthetic ones, tokens are o200k, MB/s best run per fixture)');
  for (const r of rows) console.log(reportRow(r));
  console.log(reportRow(total));
  const editable = rows.filter((r) => r.family !== 'file-read');
  const before = editable.reduce((n, r) => n + r.before, 0);
  const after = editable.reduce((n, r) => n + r.after, 0);
  const meanCut = editable.reduce((n, r) => n + (1 - r.after / r.before), 0) / editable.length;
  console.log(`\nthroughput over the whole corpus: ${(total.bytes / 1e6 / total.seconds).toFixed(1)} MB/s best-of-${RUNS}, ${(total.bytes / 1e6 / total.medianSeconds).toFixed(1)} MB/s median`);
  console.log(`without file reads (never changed): ${before} → ${after} tokens, ${((1 - after / before) * 100).toFixed(1)}% cut; mean of family cuts ${(meanCut * 100).toFixed(1)}%`);
  if (lost.length) {
    console.log(`\n${lost.length} facts lost:`);
    for (const l of lost.slice(0, 50)) console.log(`  ${l}`);
  }
}

if (require.main === module) main();
