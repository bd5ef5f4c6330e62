// The load generator: N workers over keep-alive connections, each sending the next request as soon
// as its last one has been read to the end. Records latency and time to the first body byte.

import { Pool } from 'undici';
import { ForwardingClock } from './forwarding-delay';

export interface RequestSpec {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  latencies: number[];
  ttfbs: number[];
  /** Streams only: upstream's write of the first token → its arrival here (forwarding-delay.ts). */
  forwards: number[];
  elapsedMs: number;
  errors: number;
  firstError?: string;
}

export async function runLoad(port: number, spec: RequestSpec, concurrency: number, total: number): Promise<LoadResult> {
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
  const latencies: number[] = [];
  const ttfbs: number[] = [];
  const forwards: number[] = [];
  let issued = 0;
  let errors = 0;
  let firstError: string | undefined;
  const headers = { 'content-type': 'application/json', ...spec.headers };
  const started = performance.now();
  const worker = async () => {
    while (issued < total) {
      issued++;
      const t0 = performance.now();
      try {
        const res = await pool.request({ path: spec.path, method: 'POST', headers, body: spec.body });
        let first = true;
        let text = '';
        const clock = new ForwardingClock();
        for await (const chunk of res.body) {
          clock.push(chunk);
          if (first) {
            ttfbs.push(performance.now() - t0);
            first = false;
          }
          if (res.statusCode !== 200 && text.length < 500) text += chunk.toString();
        }
        if (res.statusCode !== 200) {
          errors++;
          firstError ??= `${res.statusCode} ${text}`;
        } else {
          latencies.push(performance.now() - t0);
          if (clock.delayMs !== undefined) forwards.push(clock.delayMs);
        }
      } catch (err) {
        errors++;
        firstError ??= String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - started;
  await pool.close();
  return { latencies, ttfbs, forwards, elapsedMs, errors, firstError };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
