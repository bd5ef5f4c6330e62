// Per-target moving averages of latency and time to first byte, for the `fastest` strategy.
// The average is weighted by time: a sample after a long quiet spell counts for more, so a target
// measured long ago is re-judged by its first new sample instead of dragging its old reputation.

export interface LatencyStats {
  /** Moving average of the whole attempt, ms. */
  latencyMs: number;
  /** Moving average of the time to the first byte, ms. */
  ttfbMs: number;
  samples: number;
  updatedAt: number;
}

export interface LatencySample {
  latencyMs: number;
  ttfbMs: number;
}

const MIN_WEIGHT = 0.3;
const HALF_LIFE_MS = 60_000;
/** A failed attempt counts as this much slower than it took, so fast failures do not look fast. */
export const FAILURE_PENALTY_MS = 5_000;

export class LatencyTracker {
  private readonly stats = new Map<string, LatencyStats>();

  record(ref: string, sample: LatencySample, now: number): void {
    const old = this.stats.get(ref);
    if (!old) {
      this.stats.set(ref, { latencyMs: sample.latencyMs, ttfbMs: sample.ttfbMs, samples: 1, updatedAt: now });
      return;
    }
    const age = Math.max(0, now - old.updatedAt);
    const weight = Math.max(MIN_WEIGHT, 1 - Math.pow(0.5, age / HALF_LIFE_MS));
    old.latencyMs += weight * (sample.latencyMs - old.latencyMs);
    old.ttfbMs += weight * (sample.ttfbMs - old.ttfbMs);
    old.samples++;
    old.updatedAt = now;
  }

  recordFailure(ref: string, elapsedMs: number, now: number): void {
    const penalised = elapsedMs + FAILURE_PENALTY_MS;
    this.record(ref, { latencyMs: penalised, ttfbMs: penalised }, now);
  }

  statsOf(ref: string): LatencyStats | undefined {
    return this.stats.get(ref);
  }

  snapshot(): Array<{ target: string } & LatencyStats> {
    return [...this.stats].map(([target, s]) => ({ target, ...s }));
  }
}
