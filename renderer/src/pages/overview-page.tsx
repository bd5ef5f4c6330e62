// Overview: what today costs, how fast it's burning, where it goes, and how healthy it is.
import { useMemo, useRef, useState } from 'react';
import { useResource } from '../api/use-resource';
import { LatencyChart } from '../charts/latency-chart';
import { SpendChart } from '../charts/spend-chart';
import { hrefFor } from '../components/hash-route';
import { Badge, Card, Meter, PageHeader, Segmented, Stat } from '../components/layout-parts';
import { EmptyState, ResourceView } from '../components/states';
import type { Bucket, Summary, TimeseriesPoint, TimeseriesResult } from '../lib/api-types';
import { formatCount, formatPercent, formatUsd } from '../lib/format';
import { buildBudgetGauges, buildBurnMeter } from '../lib/spend-gauges';
import { floorToBucket, listBucketStarts, providerOf, stackCostSeries, summarizeLatency } from '../lib/timeseries';

type Range = '24h' | '7d' | '30d';
type Dimension = 'model' | 'provider' | 'client';

const RANGES: Record<Range, { bucket: Bucket; hours: number; label: string }> = {
  '24h': { bucket: 'hour', hours: 24, label: 'last 24 hours' },
  '7d': { bucket: 'day', hours: 24 * 7, label: 'last 7 days' },
  '30d': { bucket: 'day', hours: 24 * 30, label: 'last 30 days' },
};

const LIVE_MS = 3000;
const FALLBACK_MS = 5000;

export default function OverviewPage() {
  const [range, setRange] = useState<Range>('24h');
  const [dimension, setDimension] = useState<Dimension>('model');
  const summary = useResource((api) => api.getSummary(), [], { pollMs: LIVE_MS });
  const { bucket, hours } = RANGES[range];
  const span = useMemo(() => {
    const to = new Date();
    const from = floorToBucket(new Date(to.getTime() - (hours - 1) * 3_600_000), bucket);
    return { from, to };
  }, [range, bucket, hours]);
  const by = dimension === 'provider' ? 'target' : dimension;
  const seriesSource = useRef<'server' | 'requests' | null>(null);
  const series = useResource(
    (api) => api.getTimeseries({ bucket, by, from: span.from.toISOString(), to: new Date().toISOString() }),
    [bucket, by, span.from.getTime()],
    // Rebuilding from the request log reads up to 1,000 records: poll that more gently.
    { pollMs: seriesSource.current === 'requests' ? FALLBACK_MS : LIVE_MS },
  );
  seriesSource.current = series.data?.source ?? seriesSource.current;

  return (
    <div className="page">
      <PageHeader
        title="Overview"
        description={<>Spend and health across every client, live. <LiveDot updatedAt={summary.updatedAt} /></>}
        actions={
          <Segmented
            label="Time range"
            value={range}
            onChange={setRange}
            options={[
              { value: '24h', label: '24 h' },
              { value: '7d', label: '7 days' },
              { value: '30d', label: '30 days' },
            ]}
          />
        }
      />
      <ResourceView resource={summary} feature="the spend summary" loadingRows={2}>
        {(data) => <SummaryTiles summary={data} />}
      </ResourceView>

      <div className="grid grid-2-1">
        <Card
          id="spend-over-time"
          title="Spend over time"
          subtitle={`Stacked by ${dimension}, ${RANGES[range].label}`}
          actions={
            <Segmented
              label="Stack by"
              value={dimension}
              onChange={setDimension}
              options={[
                { value: 'model', label: 'Model' },
                { value: 'provider', label: 'Provider' },
                { value: 'client', label: 'Client' },
              ]}
            />
          }
        >
          <ResourceView
            resource={series}
            feature="spend over time"
            isEmpty={(result) => result.points.length === 0}
            empty={<NoTraffic />}
          >
            {(result) => (
              <>
                <SpendOverTime points={result.points} dimension={dimension} bucket={bucket} from={span.from} />
                <SeriesNote result={result} />
              </>
            )}
          </ResourceView>
        </Card>
        <Card id="budgets" title="Budgets" subtitle="Spent against each limit">
          <ResourceView resource={summary} feature="budgets" loadingRows={3}>
            {(data) => <BudgetList summary={data} />}
          </ResourceView>
        </Card>
      </div>

      <Card id="latency" title="Latency and errors" subtitle={`p50 and p95 time to answer, error rate, ${RANGES[range].label}`}>
        <ResourceView resource={series} feature="latency" isEmpty={(result) => result.points.length === 0} empty={<NoTraffic />}>
          {(result) => <LatencyOverTime points={result.points} bucket={bucket} from={span.from} />}
        </ResourceView>
      </Card>
    </div>
  );
}

function LiveDot({ updatedAt }: { updatedAt: Date | null }) {
  return (
    <span className="live" title={updatedAt ? `Updated ${updatedAt.toLocaleTimeString()}` : 'Connecting'}>
      <span className="live-dot" aria-hidden="true" /> Live
    </span>
  );
}

function SummaryTiles({ summary }: { summary: Summary }) {
  const burn = buildBurnMeter(summary, new Date());
  const unknown = summary.today.unknownCostRequests;
  return (
    <div className="stats" data-testid="summary-tiles">
      <Stat
        testId="stat-today"
        label="Spent today"
        value={formatUsd(summary.today.costUsd)}
        detail={
          <>
            <span data-testid="today-requests">{formatCount(summary.today.requests)}</span> requests
            {unknown > 0 ? <> · <Badge tone="warn" title="No price is known for these requests' models">{formatCount(unknown)} unpriced</Badge></> : null}
          </>
        }
      />
      <div className="stat stat-burn" data-testid="stat-burn">
        <div className="stat-label">Burn rate</div>
        <div className="stat-value num">
          {formatUsd(burn.usdPerHour)}
          <span className="stat-unit">/h</span>
        </div>
        <Meter ratio={burn.ratio} level={burn.level} label="Burn rate against scale" />
        <div className="stat-detail">{burn.scaleLabel}</div>
      </div>
      <Stat label="Projected today" value={formatUsd(summary.burn.projectedTodayUsd)} detail="at the current rate" />
      <Stat
        testId="stat-month"
        label="Projected this month"
        value={formatUsd(summary.burn.projectedMonthUsd)}
        detail={<>{formatUsd(summary.month.costUsd)} so far</>}
      />
    </div>
  );
}

function SeriesNote({ result }: { result: TimeseriesResult }) {
  if (result.source === 'server') return null;
  return (
    <p className="chart-note">
      Rebuilt from the request log{result.partial ? '; only the latest 1,000 requests are included' : ''}.
    </p>
  );
}

function BudgetList({ summary }: { summary: Summary }) {
  if (summary.derived) {
    return (
      <EmptyState icon="info" title="Budget status not reported">
        This gateway version doesn’t report budgets to the dashboard. Limits still apply to requests.
      </EmptyState>
    );
  }
  const gauges = buildBudgetGauges(summary.budgets);
  const openBreakers = summary.breakers.filter((b) => b.state !== 'closed');
  return (
    <div className="budget-list">
      {gauges.length === 0 ? (
        <EmptyState icon="savings" title="No budgets set">
          Give a client a budget on the <a href={hrefFor('clients')}>Clients</a> page to cap its spend.
        </EmptyState>
      ) : (
        <ul className="gauges">
          {gauges.map((g) => (
            <li key={g.id} className="gauge">
              <div className="gauge-head">
                <span className="gauge-name">
                  {g.label} <span className="muted">· {g.scope === 'global' ? 'global' : g.scope} · per {g.period}</span>
                </span>
                <span className="gauge-figure num">
                  {formatUsd(g.spentUsd)} <span className="muted">/ {formatUsd(g.limitUsd)}</span>
                </span>
              </div>
              <Meter ratio={g.ratio} level={g.level} label={`${g.label} budget used`} />
              <div className="gauge-foot muted">
                {g.ratio >= 1 ? <Badge tone="bad">Exceeded</Badge> : `${formatPercent(g.ratio, 0)} used · ${formatUsd(g.remainingUsd)} left`}
              </div>
            </li>
          ))}
        </ul>
      )}
      {openBreakers.length > 0 ? (
        <div className="breakers">
          <h3>Circuit breakers</h3>
          {openBreakers.map((b) => (
            <div key={b.account} className="breaker">
              <span className="mono">{b.account}</span>
              <Badge tone={b.state === 'open' ? 'bad' : 'warn'}>{b.state.replace('_', ' ')}</Badge>
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

function SpendOverTime({ points, dimension, bucket, from }: { points: TimeseriesPoint[]; dimension: Dimension; bucket: Bucket; from: Date }) {
  const series = useMemo(
    () =>
      stackCostSeries(points, {
        buckets: listBucketStarts(from, new Date(), bucket),
        group: dimension === 'provider' ? providerOf : undefined,
      }),
    [points, dimension, bucket, from],
  );
  return <SpendChart series={series} bucket={bucket} />;
}

function LatencyOverTime({ points, bucket, from }: { points: TimeseriesPoint[]; bucket: Bucket; from: Date }) {
  const rows = useMemo(() => summarizeLatency(points, listBucketStarts(from, new Date(), bucket)), [points, bucket, from]);
  return <LatencyChart rows={rows} bucket={bucket} />;
}

function NoTraffic() {
  return (
    <EmptyState
      icon="requests"
      title="No traffic in this range"
      action={<a className="button" href={hrefFor('connect')}>Connect a tool</a>}
    >
      Point a tool or SDK at the gateway and its requests show up here within seconds.
    </EmptyState>
  );
}
