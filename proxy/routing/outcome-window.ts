// Outcome counts over a sliding time window, in a fixed ring of buckets: O(1) per outcome and a
// few hundred bytes however busy the account. Keeping one entry per request instead held hundreds
// of thousands of objects per minute at full load (heap growth, GC work, O(n) pruning).
// The window slides a bucket at a time, so it spans between windowMs − windowMs/buckets and windowMs.

export class OutcomeWindow {
  private readonly bucketMs: number;
  private readonly slots: Float64Array;
  private readonly requests: Uint32Array;
  private readonly failures: Uint32Array;

  constructor(windowMs: number, buckets = 60) {
    this.bucketMs = Math.max(1, windowMs / buckets);
    this.slots = new Float64Array(buckets).fill(-Infinity);
    this.requests = new Uint32Array(buckets);
    this.failures = new Uint32Array(buckets);
  }

  add(now: number, ok: boolean): void {
    const slot = Math.floor(now / this.bucketMs);
    const i = slot % this.slots.length;
    if (this.slots[i] !== slot) {
      this.slots[i] = slot;
      this.requests[i] = 0;
      this.failures[i] = 0;
    }
    this.requests[i]!++;
    if (!ok) this.failures[i]!++;
  }

  /** Outcomes in the buckets that overlap (now − windowMs, now]. */
  totals(now: number): { requests: number; failures: number } {
    const current = Math.floor(now / this.bucketMs);
    let requests = 0;
    let failures = 0;
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i]!;
      if (slot > current - this.slots.length && slot <= current) {
        requests += this.requests[i]!;
        failures += this.failures[i]!;
      }
    }
    return { requests, failures };
  }

  clear(): void {
    this.slots.fill(-Infinity);
  }
}
