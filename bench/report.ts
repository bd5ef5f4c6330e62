// Renders benchmark rows as the markdown table written to bench/results/ and quoted in the docs.

import { cpus, loadavg, totalmem } from 'node:os';

export interface Row {
  scenario: string;
  target: string;
  p50: number;
  p99: number;
  ttfbP50: number;
  rps: number;
  cpuMsPerReq: number | null;
  errors: number;
}

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

export function describeMachine(pinned: boolean): string {
  const [one, five] = loadavg();
  return `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${one!.toFixed(1)} (1 min) / ${five!.toFixed(1)} (5 min) at the end of the run. `
    + (pinned ? 'Each gateway pinned to core 0; upstream and load generator to core 1.' : 'taskset not found: processes were not pinned.')
    + ' Targets take turns in rounds within each scenario.';
}

export function renderReport(rows: Row[], rss: Array<{ target: string; mb: number }>, notes: string[], machine: string): string {
  const lines: string[] = [];
  lines.push(`# Switchyard benchmark — ${new Date().toISOString()}`, '');
  lines.push(`Machine: ${machine} Switchyard runs with logging and pricing on (SQLite, WAL).`, '');
  lines.push('| scenario | target | p50 ms | p99 ms | added p50 ms | added p99 ms | TTFB p50 ms | added TTFB ms | req/s | CPU ms/req | errors |');
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) {
    const direct = rows.find((r) => r.scenario === row.scenario && r.target === 'direct');
    const added = (a: number, b: number | undefined) => (row.target === 'direct' || b === undefined ? '–' : fmt(a - b, 3));
    lines.push(`| ${row.scenario} | ${row.target} | ${fmt(row.p50, 3)} | ${fmt(row.p99, 3)} | ${added(row.p50, direct?.p50)} | ${added(row.p99, direct?.p99)} | ${fmt(row.ttfbP50, 3)} | ${added(row.ttfbP50, direct?.ttfbP50)} | ${fmt(row.rps, 0)} | ${row.cpuMsPerReq === null ? '–' : fmt(row.cpuMsPerReq, 3)} | ${row.errors} |`);
  }
  lines.push('');
  lines.push(`Peak RSS: ${rss.map((r) => `${r.target} ${fmt(r.mb, 1)} MB`).join(', ')}.`);
  for (const note of notes) lines.push('', note);
  lines.push('');
  return lines.join('\n');
}
