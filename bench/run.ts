// `npm run bench`: what each gateway adds over calling the upstream directly, all against the same
// fake upstream in one run. Gateways are pinned to core 0; the upstream and this load generator to
// core 1. Scenarios: non-streaming at 1 and 50 concurrent, streaming at 50 with a paced upstream.
// Peers (Portkey, claude-code-router) are installed on demand into bench/peers/.
//   --quick        a fifth of the requests
//   --no-peers     Switchyard, the floor and direct only
//   --soak [min]   Switchyard alone at a steady rate for N minutes (default 30), RSS over time
//   --rate N       the soak's requests per second (default 200)
//   --baseline DIR also run the Switchyard built in another checkout (e.g. a git worktree of
//                  main), taking turns with this one: an A/B of a hot-path change on one machine
//   --only TEXT    only the scenarios whose name contains TEXT

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canPin, cpuMs, freePort, peakRssMb, pinProcess, startNode, stopProcess, type Proc } from './processes';
import { percentile, runLoad, type RequestSpec } from './load';
import { anthropicBody, openaiChatBody, startPeers } from './peers';
import { describeMachine, renderReport, type Row } from './report';
import { renderSoak, runSoak } from './soak';

const ROOT = join(__dirname, '..', '..');
const RESULTS = join(ROOT, 'bench', 'results');
const CLIENT_KEY = 'sy-bench-key-0000000000';
const GATEWAY_CORE = 0;
const LOAD_CORE = 1;

interface Target {
  name: string;
  port: number;
  pid?: number;
  request(stream: boolean): RequestSpec;
}

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const log = (line: string) => process.stderr.write(line + '\n');

async function startSwitchyard(upstreamPort: number, root = ROOT): Promise<{ proc: Proc; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  const configPath = join(dataDir, 'bench-config.json');
  writeFileSync(configPath, JSON.stringify({
    adminToken: 'bench-admin-token',
    providers: [{ id: 'up', kind: 'openai', baseUrl: `http://127.0.0.1:${upstreamPort}/v1`, apiKey: 'sk-bench', prices: { 'bench-model': { input: 1, output: 2, cachedInput: 0.5 } } }],
    routes: [{ name: 'bench-model', strategy: 'fallback', targets: ['up/bench-model'] }],
    clients: [{ name: 'bench', key: CLIENT_KEY }],
  }));
  const port = await freePort();
  const proc = await startNode([join(root, 'bin', 'switchyard.js'), 'serve', '--config', configPath, '--data-dir', dataDir, '--port', String(port)], { core: GATEWAY_CORE, port });
  return { proc, dataDir };
}

async function main(): Promise<void> {
  pinProcess(LOAD_CORE, process.pid);
  const soakIndex = args.indexOf('--soak');
  const upstream = await startNode([join(ROOT, 'dist', 'bench', 'bench-upstream.js'), '0'], { core: LOAD_CORE, readyPattern: /READY (\d+)/, env: { BENCH_CHUNK_DELAY_MS: '5', BENCH_STREAM_CHUNKS: '20' } });
  const switchyard = await startSwitchyard(upstream.port);
  const auth = { authorization: `Bearer ${CLIENT_KEY}` };
  const openai = (headers: Record<string, string>) => (stream: boolean) => ({ path: '/v1/chat/completions', headers, body: openaiChatBody(stream) });
  const cleanup: Array<Proc | undefined> = [upstream, switchyard.proc];
  const scratch: string[] = [switchyard.dataDir];
  // Interrupted (Ctrl-C, timeout): take the started processes down too.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const proc of cleanup) proc?.child.kill('SIGKILL');
      for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  }
  try {
    if (soakIndex >= 0) {
      const minutes = Number(args[soakIndex + 1]) > 0 ? Number(args[soakIndex + 1]) : 30;
      const rateIndex = args.indexOf('--rate');
      const rate = rateIndex >= 0 && Number(args[rateIndex + 1]) > 0 ? Number(args[rateIndex + 1]) : 200;
      const result = await runSoak(switchyard.proc.port, switchyard.proc.child.pid!, { plain: openai(auth)(false), stream: openai(auth)(true) }, minutes, rate, log);
      const report = renderSoak(result, minutes, rate, describeMachine(canPin()));
      process.stdout.write(report);
      mkdirSync(RESULTS, { recursive: true });
      writeFileSync(join(RESULTS, 'soak.md'), report);
      return;
    }
    const floor = await startNode([join(ROOT, 'dist', 'bench', 'pipe-proxy.js'), '0', String(upstream.port)], { core: GATEWAY_CORE, readyPattern: /READY (\d+)/ });
    cleanup.push(floor);
    const targets: Target[] = [
      { name: 'direct', port: upstream.port, request: openai({}) },
      { name: 'node pipe proxy (floor)', port: floor.port, pid: floor.child.pid, request: openai({}) },
      { name: 'switchyard', port: switchyard.proc.port, pid: switchyard.proc.child.pid, request: openai(auth) },
    ];
    const notes: string[] = [];
    const baseline = args.indexOf('--baseline') >= 0 ? args[args.indexOf('--baseline') + 1] : undefined;
    if (baseline) {
      const other = await startSwitchyard(upstream.port, baseline);
      cleanup.push(other.proc);
      scratch.push(other.dataDir);
      targets.push({ name: `switchyard (baseline ${baseline})`, port: other.proc.port, pid: other.proc.child.pid, request: openai(auth) });
    }
    if (!flag('--no-peers')) {
      const peers = await startPeers(upstream.port, GATEWAY_CORE, log);
      for (const peer of peers.started) {
        cleanup.push(peer.proc);
        if (peer.scratch) scratch.push(peer.scratch);
        targets.push({ name: peer.name, port: peer.proc.port, pid: peer.proc.child.pid, request: peer.request });
      }
      for (const line of peers.skipped) {
        log(`skipped ${line}`);
        notes.push(`Skipped ${line}.`);
      }
      if (peers.started.some((p) => p.name.startsWith('claude-code-router'))) {
        // claude-code-router only takes Anthropic Messages: compare it with Switchyard doing the same translation.
        targets.push({ name: 'switchyard (Anthropic in, OpenAI out)', port: switchyard.proc.port, pid: switchyard.proc.child.pid, request: (stream) => ({ path: '/v1/messages', headers: { 'x-api-key': CLIENT_KEY }, body: anthropicBody(stream) }) });
        notes.push('claude-code-router speaks only Anthropic Messages to its clients and OpenAI Chat Completions to this upstream, so its rows translate; "switchyard (Anthropic in, OpenAI out)" does the same translation for a like-for-like comparison. Every other gateway row passes OpenAI Chat Completions through.');
      }
    }
    const scale = flag('--quick') ? 0.2 : 1;
    const only = args.indexOf('--only') >= 0 ? args[args.indexOf('--only') + 1]! : '';
    const scenarios = [
      { name: 'non-streaming, 1 concurrent', stream: false, concurrency: 1, total: Math.round(3000 * scale) },
      { name: 'non-streaming, 50 concurrent', stream: false, concurrency: 50, total: Math.round(20000 * scale) },
      { name: 'streaming, 50 concurrent (20 chunks, 5 ms apart)', stream: true, concurrency: 50, total: Math.round(2000 * scale) },
      // One stream at a time isolates how long the first upstream byte takes to be forwarded.
      { name: 'streaming, 1 concurrent (20 chunks, 5 ms apart)', stream: true, concurrency: 1, total: Math.round(150 * scale) },
    ].filter((scenario) => scenario.name.includes(only));
    // Targets take turns in rounds, so load from other processes on a shared machine falls on
    // every target alike instead of on whichever happened to run during a busy minute.
    const rounds = flag('--quick') ? 2 : 5;
    const rows: Row[] = [];
    for (const scenario of scenarios) {
      const results = targets.map(() => ({ latencies: [] as number[], ttfbs: [] as number[], forwards: [] as number[], elapsedMs: 0, errors: 0, cpuMs: 0, firstError: undefined as string | undefined }));
      for (const [i, target] of targets.entries()) {
        // As many requests as the measured rounds, up to 2,000: a streaming scenario's per-stream
        // code runs once per stream, and 200 streams left V8 still optimising it mid-measurement.
        const warm = await runLoad(target.port, target.request(scenario.stream), scenario.concurrency, Math.min(scenario.total, 2000));
        if (warm.errors > 0) log(`${target.name}: ${warm.errors} errors while warming up (first: ${warm.firstError})`);
        results[i]!.firstError = warm.firstError;
      }
      for (let round = 0; round < rounds; round++) {
        for (const [i, target] of targets.entries()) {
          const cpuBefore = target.pid ? cpuMs(target.pid) : 0;
          const result = await runLoad(target.port, target.request(scenario.stream), scenario.concurrency, Math.ceil(scenario.total / rounds));
          const sum = results[i]!;
          sum.cpuMs += target.pid ? cpuMs(target.pid) - cpuBefore : 0;
          sum.latencies.push(...result.latencies);
          sum.ttfbs.push(...result.ttfbs);
          sum.forwards.push(...result.forwards);
          sum.elapsedMs += result.elapsedMs;
          sum.errors += result.errors;
          sum.firstError ??= result.firstError;
        }
      }
      for (const [i, target] of targets.entries()) {
        const result = results[i]!;
        const row: Row = {
          scenario: scenario.name,
          target: target.name,
          p50: percentile(result.latencies, 50),
          p99: percentile(result.latencies, 99),
          ttfbP50: percentile(result.ttfbs, 50),
          forwardP50: percentile(result.forwards, 50),
          rps: (result.latencies.length / result.elapsedMs) * 1000,
          cpuMsPerReq: target.pid ? result.cpuMs / Math.max(1, result.latencies.length) : null,
          errors: result.errors,
        };
        rows.push(row);
        log(`${scenario.name} | ${target.name}: p50 ${row.p50.toFixed(3)} ms, ${row.rps.toFixed(0)} req/s, ${row.errors} errors${result.errors && result.firstError ? ` (first: ${result.firstError.slice(0, 200)})` : ''}`);
      }
    }
    const measured = new Map<number, string>();
    for (const t of targets) if (t.pid && !measured.has(t.pid)) measured.set(t.pid, t.name);
    const rss = [...measured].map(([pid, target]) => ({ target, mb: peakRssMb(pid) }));
    const report = renderReport(rows, rss, notes, describeMachine(canPin()));
    process.stdout.write(report);
    mkdirSync(RESULTS, { recursive: true });
    // A partial or A/B run must not replace the full table the README quotes.
    writeFileSync(join(RESULTS, baseline || only ? 'comparison.md' : 'latest.md'), report);
  } finally {
    for (const proc of cleanup) await stopProcess(proc);
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
