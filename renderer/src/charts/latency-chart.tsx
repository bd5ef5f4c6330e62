// Latency p50/p95 (left axis) and error rate (right axis) per bucket.
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBucketLabel, formatCount, formatMs, formatPercent } from '../lib/format';
import type { LatencyRow } from '../lib/timeseries';
import type { Bucket } from '../lib/api-types';
import { ChartTooltipBox } from './chart-tooltip';
import { useChartPalette } from './chart-palette';

export function LatencyChart({ rows, bucket, height = 260 }: { rows: LatencyRow[]; bucket: Bucket; height?: number }) {
  const palette = useChartPalette();
  const p50 = palette.series[0];
  const p95 = palette.series[1];
  // A line through one or two buckets has no visible length: draw its points.
  const sparse = rows.filter((r) => r.p50Ms !== null).length < 4;
  const maxRate = Math.max(0, ...rows.map((r) => r.errorRate ?? 0));
  const rateMax = [0.05, 0.1, 0.25, 0.5, 1].find((m) => m >= maxRate * 1.1) ?? 1;
  return (
    <div className="chart" data-testid="latency-chart">
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={rows} margin={{ top: 8, right: 0, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke={palette.grid} />
          <XAxis
            dataKey="t"
            tickFormatter={(t: string) => formatBucketLabel(t, bucket)}
            tick={{ fill: palette.axis, fontSize: 12 }}
            axisLine={{ stroke: palette.grid }}
            tickLine={false}
            minTickGap={24}
          />
          <YAxis yAxisId="ms" tickFormatter={(v: number) => formatMs(v)} tick={{ fill: palette.axis, fontSize: 12 }} axisLine={false} tickLine={false} width={64} />
          <YAxis
            yAxisId="rate"
            orientation="right"
            domain={[0, rateMax]}
            ticks={[0, rateMax / 2, rateMax]}
            tickFormatter={(v: number) => formatPercent(v, Number.isInteger(Math.round(v * 1000) / 10) ? 0 : 1)}
            tick={{ fill: palette.axis, fontSize: 12 }}
            axisLine={false}
            tickLine={false}
            width={52}
          />
          <Tooltip
            isAnimationActive={false}
            content={({ active, payload, label }) => {
              if (!active || !payload || payload.length === 0) return null;
              const row = payload[0].payload as LatencyRow;
              return (
                <ChartTooltipBox
                  title={formatBucketLabel(String(label), bucket)}
                  rows={[
                    { name: 'p50', value: formatMs(row.p50Ms), color: p50 },
                    { name: 'p95', value: formatMs(row.p95Ms), color: p95 },
                    { name: 'Error rate', value: formatPercent(row.errorRate), color: palette.danger },
                  ]}
                  footer={`${formatCount(row.requests)} requests, ${formatCount(row.errors)} errors`}
                />
              );
            }}
          />
          <Bar yAxisId="rate" dataKey="errorRate" name="Error rate" fill={palette.danger} fillOpacity={0.35} isAnimationActive={false} maxBarSize={18} />
          <Line yAxisId="ms" type="monotone" dataKey="p50Ms" name="p50" stroke={p50} strokeWidth={2} dot={sparse ? { r: 3, strokeWidth: 0, fill: p50 } : false} connectNulls isAnimationActive={false} />
          <Line yAxisId="ms" type="monotone" dataKey="p95Ms" name="p95" stroke={p95} strokeWidth={2} strokeDasharray="5 4" dot={sparse ? { r: 3, strokeWidth: 0, fill: p95 } : false} connectNulls isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <ul className="legend" aria-label="Series">
        <li><span className="swatch" style={{ background: p50 }} /><span className="legend-name">p50 latency</span></li>
        <li><span className="swatch swatch-dashed" style={{ borderColor: p95 }} /><span className="legend-name">p95 latency</span></li>
        <li><span className="swatch" style={{ background: palette.danger, opacity: 0.5 }} /><span className="legend-name">Error rate</span></li>
      </ul>
    </div>
  );
}
