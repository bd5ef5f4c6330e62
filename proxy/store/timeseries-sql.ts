// SQL pieces both stores use for the dashboard's raw time series: how wide a bucket is, and the
// expression that names each series.

import type { TimeseriesQuery } from './store';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export const SERIES_KEY_SQL: Record<NonNullable<TimeseriesQuery['by']> | 'all', string> = {
  model: 'model',
  target: "coalesce(target, '(none)')",
  client: "coalesce(client, '(none)')",
  all: "'all'",
};

export function bucketMs(bucket: TimeseriesQuery['bucket']): number {
  return bucket === 'hour' ? HOUR_MS : DAY_MS;
}
