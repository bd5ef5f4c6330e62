// Counters and histograms for the request path, cheaper than prom-client's own: a series is found
// by one string key (no label-object hashing or validation per update), and prom-client only
// formats them when /metrics is scraped. They register in a prom-client Registry like any metric.

import type { Registry } from 'prom-client';

interface Series {
  labels: Record<string, string>;
  value: number;
}

interface HistogramSeries {
  labels: Record<string, string>;
  /** counts[i]: observations ≤ buckets[i] (not cumulative); the last slot is +Inf. */
  counts: Float64Array;
  sum: number;
  count: number;
}

interface MetricValue {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

/**
 * Most label sets one metric keeps. A target label carries the model a client asked for, so without
 * a bound every new model name would add series (and memory) for as long as the process runs;
 * past it, new label sets are counted together under "other" in every label.
 */
export const MAX_SERIES = 10_000;
const OVERFLOW = 'other';

/** True when `key` is new and the metric already holds `maxSeries` label sets. */
function isOverflow(series: ReadonlyMap<string, unknown>, key: string, maxSeries: number): boolean {
  return series.size >= maxSeries && !series.has(key);
}

function labelsOf(names: readonly string[], values: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (let i = 0; i < names.length; i++) labels[names[i]!] = values[i]!;
  return labels;
}

export class FastCounter {
  readonly type = 'counter';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, Series>();

  constructor(readonly name: string, readonly help: string, private readonly labelNames: readonly string[], registry: Registry, private readonly maxSeries = MAX_SERIES) {
    registry.registerMetric(this as never);
  }

  /** Label values in the order of `labelNames`. */
  inc(labelValues: readonly string[], by = 1): void {
    let values = labelValues;
    let key = values.join('\u0001');
    if (isOverflow(this.series, key, this.maxSeries)) key = (values = values.map(() => OVERFLOW)).join('\u0001');
    let series = this.series.get(key);
    if (!series) this.series.set(key, (series = { labels: labelsOf(this.labelNames, values), value: 0 }));
    series.value += by;
  }

  get(): { name: string; help: string; type: string; aggregator: string; values: MetricValue[] } {
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values: [...this.series.values()].map((s) => ({ labels: s.labels, value: s.value })) };
  }

  reset(): void {
    this.series.clear();
  }
}

export class FastHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, HistogramSeries>();

  constructor(readonly name: string, readonly help: string, private readonly labelNames: readonly string[], private readonly buckets: readonly number[], registry: Registry, private readonly maxSeries = MAX_SERIES) {
    registry.registerMetric(this as never);
  }

  observe(labelValues: readonly string[], value: number): void {
    let values = labelValues;
    let key = values.join('\u0001');
    if (isOverflow(this.series, key, this.maxSeries)) key = (values = values.map(() => OVERFLOW)).join('\u0001');
    let series = this.series.get(key);
    if (!series) this.series.set(key, (series = { labels: labelsOf(this.labelNames, values), counts: new Float64Array(this.buckets.length + 1), sum: 0, count: 0 }));
    let i = 0;
    while (i < this.buckets.length && value > this.buckets[i]!) i++;
    series.counts[i]!++;
    series.sum += value;
    series.count++;
  }

  get(): { name: string; help: string; type: string; aggregator: string; values: MetricValue[] } {
    const values: MetricValue[] = [];
    for (const s of this.series.values()) {
      let cumulative = 0;
      for (let i = 0; i <= this.buckets.length; i++) {
        cumulative += s.counts[i]!;
        values.push({ labels: { ...s.labels, le: i < this.buckets.length ? this.buckets[i]! : '+Inf' }, value: cumulative, metricName: `${this.name}_bucket` });
      }
      values.push({ labels: s.labels, value: s.sum, metricName: `${this.name}_sum` });
      values.push({ labels: s.labels, value: s.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    this.series.clear();
  }
}
