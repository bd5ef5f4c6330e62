// Savings: every saving the gateway claims, with the evidence behind it and totals by method.
import { Fragment, useState } from 'react';
import { useResource } from '../api/use-resource';
import { Icon } from '../components/icons';
import { Badge, Card, PageHeader, Stat } from '../components/layout-parts';
import { EmptyState, ResourceView } from '../components/states';
import type { Ledger } from '../lib/api-types';
import { formatCount, formatDateTime, formatUsd } from '../lib/format';
import { describeLedgerChange, labelSavingsMethod, totalSavingsByMethod } from '../lib/savings-totals';

export default function SavingsPage() {
  const ledger = useResource((api) => api.getLedger(), [], { pollMs: 15000 });
  return (
    <div className="page">
      <PageHeader title="Savings" description="What compression, caching and routing saved, entry by entry, with the evidence to check it." />
      <ResourceView
        resource={ledger}
        feature="the savings ledger" framed
        loadingRows={5}
        isEmpty={(data) => data.entries.length === 0}
        empty={
          <Card>
            <EmptyState icon="savings" title="Nothing saved yet">
              Savings appear here when compression shrinks a tool output, the cache answers a repeat, or a cheaper route serves a request.
            </EmptyState>
          </Card>
        }
      >
        {(data) => <LedgerView ledger={data} />}
      </ResourceView>
    </div>
  );
}

function LedgerView({ ledger }: { ledger: Ledger }) {
  const totals = totalSavingsByMethod(ledger.entries);
  const verified = ledger.entries.filter((e) => e.verified).length;
  const [open, setOpen] = useState<number | null>(null);
  return (
    <>
      <div className="stats">
        <Stat label="Saved in total" value={formatUsd(ledger.totalSavedUsd)} tone="calm" testId="stat-saved" />
        <Stat label="Ledger entries" value={formatCount(ledger.entries.length)} detail={`${formatCount(verified)} verified against the provider’s usage`} />
        {totals.slice(0, 2).map((t) => (
          <Stat key={t.method} label={labelSavingsMethod(t.method)} value={formatUsd(t.savedUsd)} detail={`${formatCount(t.entries)} entries`} />
        ))}
      </div>
      <div className="grid grid-1-2">
        <Card title="By method">
          <ul className="method-list">
            {totals.map((t) => {
              const share = ledger.totalSavedUsd > 0 ? t.savedUsd / ledger.totalSavedUsd : 0;
              return (
                <li key={t.method}>
                  <div className="method-head">
                    <span>{labelSavingsMethod(t.method)}</span>
                    <span className="num">{formatUsd(t.savedUsd)}</span>
                  </div>
                  <div className="bar"><div className="bar-fill" style={{ width: `${Math.max(2, share * 100)}%` }} /></div>
                  <div className="muted small">{formatCount(t.entries)} entries · {formatCount(t.verified)} verified</div>
                </li>
              );
            })}
          </ul>
        </Card>
        <Card title="Ledger" subtitle="Newest first. Open an entry for its evidence.">
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col"><span className="visually-hidden">Evidence</span></th>
                  <th scope="col">When</th>
                  <th scope="col">Method</th>
                  <th scope="col">Baseline → actual</th>
                  <th scope="col" className="num">Saved</th>
                  <th scope="col">Check</th>
                </tr>
              </thead>
              <tbody>
                {ledger.entries.map((e, i) => (
                  <Fragment key={`${e.requestId}-${i}`}>
                    <tr>
                      <td>
                        <button type="button" className="icon-button disclosure" aria-expanded={open === i} aria-label={`Evidence for request ${e.requestId}`} onClick={() => setOpen(open === i ? null : i)}>
                          <Icon name="chevron" size={16} />
                        </button>
                      </td>
                      <td className="small nowrap">{e.at ? formatDateTime(e.at) : '—'}</td>
                      <td>{labelSavingsMethod(e.method)}</td>
                      <td className="small">{describeLedgerChange(e.baseline, e.actual)}</td>
                      <td className="num">{formatUsd(e.savedUsd)}</td>
                      <td>{e.verified ? <Badge tone="good">verified</Badge> : <Badge tone="neutral">estimated</Badge>}</td>
                    </tr>
                    {open === i ? (
                      <tr className="row-detail">
                        <td colSpan={6}>
                          <div className="evidence">
                            <div className="muted small">Request <span className="mono">{e.requestId}</span></div>
                            <pre>{typeof e.evidence === 'string' ? e.evidence : JSON.stringify(e.evidence, null, 2)}</pre>
                          </div>
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      </div>
    </>
  );
}
