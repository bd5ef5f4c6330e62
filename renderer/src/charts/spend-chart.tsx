// Spend per bucket, stacked by model, provider or client.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBucketLabel, formatUsd, formatUsdAxis } from '../lib/format';
import type { StackedSeries } from '../lib/timeseries';
import type { Bucket } from '../lib/api-types';
import { ChartTooltipBox } from './chart-tooltip';
import { colorFor, useChartPalette } from './chart-palette';

export function SpendChart({ series, bucket, height = 260 }: { series: StackedSeries; bucket: Bucket; height?: number }) {
  const palette = useChartPalette();
  return (
    <div className="chart" data-testid="spend-chart">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={series.rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap="18%">
          <CartesianGrid vertical={false} stroke={palette.grid} />
          <XAxis
            dataKey="t"
            tickFormatter={(t: string) => formatBucketLabel(t, bucket)}
            tick={{ fill: palette.axis, fontSize: 12 }}
            axisLine={{ stroke: palette.grid }}
            tickLine={false}
            minTickGap={24}
          />
          <YAxis tickFormatter={formatUsdAxis} tick={{ fill: palette.axis, fontSize: 12 }} axisLine={false} tickLine={false} width={56} />
          <Tooltip
            cursor={{ fill: palette.grid, opacity: 0.5 }}
            isAnimationActive={false}
            content={({ active, payload, label }) => {
              if (!active || !payload || payload.length === 0) return null;
              const rows = payload
                .filter((p) => typeof p.value === 'number' && p.value > 0)
                .reverse()
                .map((p) => ({ name: String(p.name), value: formatUsd(p.value as number), color: p.color }));
              const total = payload.reduce((sum, p) => sum + (typeof p.value === 'number' ? p.value : 0), 0);
              return <ChartTooltipBox title={formatBucketLabel(String(label), bucket)} rows={rows} footer={`Total ${formatUsd(total)}`} />;
            }}
          />
          {series.keys.map((key, index) => (
            <Bar key={key} dataKey={key} name={key} stackId="spend" fill={colorFor(palette, key, index)} isAnimationActive={false} maxBarSize={36} />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <ul className="legend" aria-label="Series">
        {series.keys.map((key, index) => (
          <li key={key}>
            <span className="swatch" style={{ background: colorFor(palette, key, index) }} />
            <span className="legend-name">{key}</span>
            <span className="legend-value num">{formatUsd(series.totals[key] ?? 0)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
