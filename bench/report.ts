// Renders benchmark rows as the markdown table written to bench/results/ and quoted in the docs.

import { cpus, loadavg, totalmem } from 'node:os';

export interface Row {
  scenario: string;
  target: string;
  p50: number;
  p99: number;
  ttfbP50: number;
  /** Streams: p50 of the first token's trip from the upstream's write to the client (forwarding-delay.ts). */
  forwardP50: number;
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

function forwarded(row: Row, direct: Row | undefined): string {
  if (!Number.isFinite(row.forwardP50)) return '–';
  if (row.target === 'direct' || !direct || !Number.isFinite(direct.forwardP50)) return fmt(row.forwardP50, 3);
  const added = row.forwardP50 - direct.forwardP50;
  return `${fmt(row.forwardP50, 3)} (${added >= 0 ? '+' : ''}${fmt(added, 3)})`;
}

/**
 * Switchyard's requests per second as a share of the floor's, per unpaced scenario. The host's speed
 * moves both from run to run; their ratio moves far less, so it reads across runs and machines.
 */
export function floorShares(rows: Row[]): Array<{ scenario: string; target: string; rps: number; floorRps: number; share: number }> {
  const shares = [];
  for (const row of rows) {
    if (!row.target.startsWith('switchyard') || row.scenario.startsWith('streaming')) continue;
    const floor = rows.find((r) => r.scenario === row.scenario && r.target.startsWith('node pipe proxy'));
    if (!floor || !(floor.rps > 0)) continue;
    shares.push({ scenario: row.scenario, target: row.target, rps: row.rps, floorRps: floor.rps, share: row.rps / floor.rps });
  }
  return shares;
}

export function renderReport(rows: Row[], rss: Array<{ target: string; mb: number }>, notes: string[], machine: string): string {
  const lines: string[] = [];
  lines.push(`# Switchyard benchmark — ${new Date().toISOString()}`, '');
  lines.push(`Machine: ${machine} Switchyard runs with logging and pricing on (SQLite, WAL).`, '');
  lines.push('| scenario | target | p50 ms | p99 ms | added p50 ms | added p99 ms | TTFB p50 ms | added TTFB ms | first token forwarded ms | req/s | CPU ms/req | errors |');
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) {
    const direct = rows.find((r) => r.scenario === row.scenario && r.target === 'direct');
    const added = (a: number, b: number | undefined) => (row.target === 'direct' || b === undefined ? '–' : fmt(a - b, 3));
    lines.push(`| ${row.scenario} | ${row.target} | ${fmt(row.p50, 3)} | ${fmt(row.p99, 3)} | ${added(row.p50, direct?.p50)} | ${added(row.p99, direct?.p99)} | ${fmt(row.ttfbP50, 3)} | ${added(row.ttfbP50, direct?.ttfbP50)} | ${forwarded(row, direct)} | ${fmt(row.rps, 0)} | ${row.cpuMsPerReq === null ? '–' : fmt(row.cpuMsPerReq, 3)} | ${row.errors} |`);
  }
  lines.push('');
  lines.push('"Added" columns subtract the direct row\'s percentile from the target\'s, each measured over its own requests; a p99 rests on a handful of the slowest, so a negative added p99 means the two tails differed by less than the run\'s noise, not that the hop made anything faster.', '');
  lines.push('"First token forwarded" (streams): the upstream stamps its first token with the monotonic clock as it writes it, and the client reads the clock when that token arrives; for a gateway the table gives the p50 and, in brackets, what it adds over the same trip made directly.', '');
  const shares = floorShares(rows);
  if (shares.length > 0) {
    lines.push(`Share of the floor's req/s (the host's speed varies between runs; this ratio varies far less): ${shares.map((s) => `${s.target}, ${s.scenario}: ${fmt(s.rps, 0)} of ${fmt(s.floorRps, 0)} (${fmt(100 * s.share, 0)} %)`).join('; ')}.`, '');
  }
  lines.push(`Peak RSS: ${rss.map((r) => `${r.target} ${fmt(r.mb, 1)} MB`).join(', ')}.`);
  for (const note of notes) lines.push('', note);
  lines.push('');
  return lines.join('\n');
}
