// `npm run bench`: what Switchyard adds over calling the upstream directly.
// The gateway under test is pinned to core 0; the upstream and this load generator to core 1.
// Scenarios: non-streaming at 1 and 50 concurrent, streaming at 50 with a paced upstream.
// Every target is measured against the same upstream in the same run; results go to bench/results/.

import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';

const ROOT = join(__dirname, '..', '..');
const QUICK = process.argv.includes('--quick');
const CLIENT_KEY = 'sy-bench-key-0000000000';

interface Proc {
  child: ChildProcess;
  port: number;
}

interface LoadResult {
  latencies: number[];
  ttfbs: number[];
  elapsedMs: number;
  errors: number;
}

interface Row {
  scenario: string;
  target: string;
  p50: number;
  p99: number;
  ttfbP50: number;
  rps: number;
  cpuMsPerReq: number | null;
  errors: number;
}

function pin(core: number, pid: number): void {
  try {
    execFileSync('taskset', ['-cp', String(core), String(pid)], { stdio: 'ignore' });
  } catch {
    // taskset missing: measurements still run, unpinned (reported in the header).
  }
}

function startProcess(args: string[], core: number, env: Record<string, string> = {}, readyPattern = /READY (\d+)/): Promise<Proc> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    pin(core, child.pid!);
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const match = readyPattern.exec(out);
      if (match) {
        child.stdout!.off('data', onData);
        resolve({ child, port: Number(match[1]) });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`process exited (${code}): ${out}`)));
  });
}

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in 100 Hz ticks
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : NaN;
}

async function runLoad(port: number, path: string, body: string, concurrency: number, total: number, headers: Record<string, string>): Promise<LoadResult> {
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
  const latencies: number[] = [];
  const ttfbs: number[] = [];
  let issued = 0;
  let errors = 0;
  const started = performance.now();
  const worker = async () => {
    while (issued < total) {
      issued++;
      const t0 = performance.now();
      try {
        const res = await pool.request({ path, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
        let first = true;
        for await (const _chunk of res.body) {
          if (first) {
            ttfbs.push(performance.now() - t0);
            first = false;
          }
        }
        if (res.statusCode !== 200) errors++;
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - started;
  await pool.close();
  return { latencies, ttfbs, elapsedMs, errors };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  pin(1, process.pid);
  const upstream = await startProcess([join(ROOT, 'dist', 'bench', 'bench-upstream.js'), '0'], 1, { BENCH_CHUNK_DELAY_MS: '5', BENCH_STREAM_CHUNKS: '20' });
  const floor = await startProcess([join(ROOT, 'dist', 'bench', 'pipe-proxy.js'), '0', String(upstream.port)], 0);

  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  const configPath = join(dataDir, 'bench-config.json');
  writeFileSync(configPath, JSON.stringify({
    adminToken: 'bench-admin-token',
    providers: [{ id: 'up', kind: 'openai', baseUrl: `http://127.0.0.1:${upstream.port}/v1`, apiKey: 'sk-bench', prices: { 'bench-model': { input: 1, output: 2, cachedInput: 0.5 } } }],
    routes: [{ name: 'bench-model', strategy: 'fallback', targets: ['up/bench-model'] }],
    clients: [{ name: 'bench', key: CLIENT_KEY }],
  }));
  const gatewayPort = await freePortFrom(floor);
  const gateway = await startProcess([join(ROOT, 'bin', 'switchyard.js'), 'serve', '--config', configPath, '--data-dir', dataDir, '--port', String(gatewayPort)], 0, {}, /Switchyard gateway on http:\/\/127\.0\.0\.1:(\d+)/);

  const targets: Array<{ name: string; port: number; pid?: number }> = [
    { name: 'direct', port: upstream.port },
    { name: 'node pipe proxy (floor)', port: floor.port, pid: floor.child.pid },
    { name: 'switchyard', port: gateway.port, pid: gateway.child.pid },
  ];
  const message = { role: 'user', content: 'Write one sentence about railway switchyards and why they matter for freight.' };
  const plain = JSON.stringify({ model: 'bench-model', messages: [message] });
  const streaming = JSON.stringify({ model: 'bench-model', stream: true, messages: [message] });
  const scale = QUICK ? 0.2 : 1;
  const scenarios = [
    { name: 'non-streaming, 1 concurrent', body: plain, concurrency: 1, total: Math.round(3000 * scale) },
    { name: 'non-streaming, 50 concurrent', body: plain, concurrency: 50, total: Math.round(20000 * scale) },
    { name: 'streaming, 50 concurrent (20 chunks, 5 ms apart)', body: streaming, concurrency: 50, total: Math.round(2000 * scale) },
  ];

  const rows: Row[] = [];
  for (const scenario of scenarios) {
    for (const target of targets) {
      await runLoad(target.port, '/v1/chat/completions', scenario.body, scenario.concurrency, Math.max(200, scenario.total / 10), { authorization: `Bearer ${CLIENT_KEY}` });
      const cpuBefore = target.pid ? cpuMs(target.pid) : 0;
      const result = await runLoad(target.port, '/v1/chat/completions', scenario.body, scenario.concurrency, scenario.total, { authorization: `Bearer ${CLIENT_KEY}` });
      const cpuAfter = target.pid ? cpuMs(target.pid) : 0;
      rows.push({
        scenario: scenario.name,
        target: target.name,
        p50: percentile(result.latencies, 50),
        p99: percentile(result.latencies, 99),
        ttfbP50: percentile(result.ttfbs, 50),
        rps: (result.latencies.length / result.elapsedMs) * 1000,
        cpuMsPerReq: target.pid ? (cpuAfter - cpuBefore) / result.latencies.length : null,
        errors: result.errors,
      });
    }
  }
  const rss = { floor: peakRssMb(floor.child.pid!), switchyard: peakRssMb(gateway.child.pid!) };
  const report = renderReport(rows, rss);
  process.stdout.write(report);
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'latest.md'), report);
  for (const p of [upstream, floor, gateway]) p.child.kill('SIGTERM');
}

async function freePortFrom(_: Proc): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function renderReport(rows: Row[], rss: { floor: number; switchyard: number }): string {
  const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
  const lines: string[] = [];
  lines.push(`# Switchyard benchmark — ${new Date().toISOString()}`);
  lines.push('');
  lines.push(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Gateway pinned to core 0; upstream and load generator to core 1. Logging and pricing on (SQLite, WAL).`);
  lines.push('');
  lines.push('| scenario | target | p50 ms | p99 ms | added p50 ms | added p99 ms | TTFB p50 ms | added TTFB ms | req/s | CPU ms/req | errors |');
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) {
    const direct = rows.find((r) => r.scenario === row.scenario && r.target === 'direct')!;
    const added = (a: number, b: number) => (row.target === 'direct' ? '–' : fmt(a - b, 3));
    lines.push(`| ${row.scenario} | ${row.target} | ${fmt(row.p50, 3)} | ${fmt(row.p99, 3)} | ${added(row.p50, direct.p50)} | ${added(row.p99, direct.p99)} | ${fmt(row.ttfbP50, 3)} | ${added(row.ttfbP50, direct.ttfbP50)} | ${fmt(row.rps, 0)} | ${row.cpuMsPerReq === null ? '–' : fmt(row.cpuMsPerReq, 3)} | ${row.errors} |`);
  }
  lines.push('');
  lines.push(`Peak RSS: node pipe proxy ${fmt(rss.floor, 1)} MB, switchyard ${fmt(rss.switchyard, 1)} MB.`);
  lines.push('');
  return lines.join('\n');
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
