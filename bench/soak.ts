// Soak mode: Switchyard alone at a steady request rate for a long time, sampling its RSS, to show
// whether memory stays flat. Every fifth request streams.

import { Pool } from 'undici';
import { rssMb } from './processes';
import type { RequestSpec } from './load';

export interface SoakSample {
  minute: number;
  rssMb: number;
  requests: number;
  errors: number;
}

export interface SoakResult {
  samples: SoakSample[];
  verdict: string;
}

export async function runSoak(port: number, pid: number, specs: { plain: RequestSpec; stream: RequestSpec }, minutes: number, ratePerSecond: number, log: (line: string) => void): Promise<SoakResult> {
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 64, keepAliveTimeout: 60_000 });
  const samples: SoakSample[] = [];
  let requests = 0;
  let errors = 0;
  let inFlight = 0;
  let sent = 0;
  const send = async () => {
    const spec = sent++ % 5 === 4 ? specs.stream : specs.plain;
    inFlight++;
    try {
      const res = await pool.request({ path: spec.path, method: 'POST', headers: { 'content-type': 'application/json', ...spec.headers }, body: spec.body });
      await res.body.dump({ limit: Infinity });
      if (res.statusCode !== 200) errors++;
    } catch {
      errors++;
    } finally {
      inFlight--;
      requests++;
    }
  };
  const started = Date.now();
  const endAt = started + minutes * 60_000;
  // Requests owed are computed from the clock, so a late timer does not lower the rate.
  const ticker = setInterval(() => {
    const owed = Math.floor(((Date.now() - started) / 1000) * ratePerSecond);
    // A cap on requests in flight keeps a stalled gateway from turning the soak into a flood.
    while (sent < owed && inFlight < 256) void send();
  }, 10);
  const sample = () => {
    const s = { minute: (Date.now() - started) / 60_000, rssMb: rssMb(pid), requests, errors };
    samples.push(s);
    log(`soak ${s.minute.toFixed(1)} min: RSS ${s.rssMb.toFixed(1)} MB, ${requests} requests, ${errors} errors`);
  };
  sample();
  await new Promise<void>((resolve) => {
    const sampler = setInterval(() => {
      sample();
      if (Date.now() >= endAt) {
        clearInterval(sampler);
        resolve();
      }
    }, Math.min(60_000, (minutes * 60_000) / 10));
  });
  clearInterval(ticker);
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 50));
  await pool.close();
  return { samples, verdict: judgeSoak(samples) };
}

/** Flat: after the first fifth (warm-up), the last third's RSS is within 10% (or 10 MB) of the middle's. */
export function judgeSoak(samples: SoakSample[]): string {
  const warm = samples.filter((s) => s.minute >= samples[samples.length - 1]!.minute / 5);
  if (warm.length < 3) return 'too few samples to judge';
  const third = Math.max(1, Math.floor(warm.length / 3));
  const avg = (xs: SoakSample[]) => xs.reduce((a, s) => a + s.rssMb, 0) / xs.length;
  const early = avg(warm.slice(0, third));
  const late = avg(warm.slice(-third));
  const growth = late - early;
  const flat = growth <= Math.max(10, early * 0.1);
  return `${flat ? 'flat' : 'growing'}: RSS ${early.toFixed(1)} MB after warm-up, ${late.toFixed(1)} MB at the end (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB)`;
}

export function renderSoak(result: SoakResult, minutes: number, rate: number, machine: string): string {
  const lines = [`# Switchyard soak — ${new Date().toISOString()}`, '', `Machine: ${machine}`, '', `${minutes} minutes at ${rate} requests/s asked, ${(result.samples[result.samples.length - 1]!.requests / (result.samples[result.samples.length - 1]!.minute * 60)).toFixed(0)} requests/s achieved (every fifth streaming), logging and pricing on.`, '', `Result: ${result.verdict}.`, '', '| minute | RSS MB | requests | errors |', '| --- | --- | --- | --- |'];
  for (const s of result.samples) lines.push(`| ${s.minute.toFixed(1)} | ${s.rssMb.toFixed(1)} | ${s.requests} | ${s.errors} |`);
  lines.push('');
  return lines.join('\n');
}
