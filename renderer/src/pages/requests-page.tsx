// Requests: the filterable log; each row opens to its attempts, tokens, cost and overhead.
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { useResource } from '../api/use-resource';
import { Icon } from '../components/icons';
import { Badge, Card, PageHeader } from '../components/layout-parts';
import { EmptyState, ResourceView } from '../components/states';
import type { RequestFilters, RequestRecord } from '../lib/api-types';
import { formatDateTime, formatMs, formatRelativeTime, formatTokens, formatUsd } from '../lib/format';

const PAGE_SIZE = 50;

export default function RequestsPage() {
  const [draft, setDraft] = useState<RequestFilters>({ client: '', model: '', target: '', status: '' });
  const [filters, setFilters] = useState<RequestFilters>(draft);
  const [offset, setOffset] = useState(0);
  const [live, setLive] = useState(true);
  const [open, setOpen] = useState<string | null>(null);

  // Text filters apply shortly after typing stops; the status select applies at once.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setFilters(draft);
      setOffset(0);
    }, 350);
    return () => window.clearTimeout(timer);
  }, [draft]);

  const requests = useResource(
    (api) => api.listRequests({ ...filters, limit: PAGE_SIZE, offset }),
    [filters.client, filters.model, filters.target, filters.status, offset],
    { pollMs: live && offset === 0 ? 3000 : undefined },
  );
  const models = useResource((api) => api.listModels(), []);
  const fresh = useFreshIds(requests.data, JSON.stringify([filters, offset]));
  const filtered = Boolean(filters.client || filters.model || filters.target || filters.status);

  return (
    <div className="page">
      <PageHeader
        title="Requests"
        description="Every request through the gateway, newest first, with each upstream attempt."
        actions={
          <label className="switch">
            <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} />
            <span className="switch-track" aria-hidden="true" />
            <span>Live updates</span>
          </label>
        }
      />
      <Card>
        <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); setFilters(draft); setOffset(0); }}>
          <FilterField label="Client" value={draft.client ?? ''} onChange={(client) => setDraft({ ...draft, client })} />
          <FilterField label="Model" value={draft.model ?? ''} onChange={(model) => setDraft({ ...draft, model })} list="request-models" />
          <FilterField label="Target" value={draft.target ?? ''} onChange={(target) => setDraft({ ...draft, target })} list="request-models" placeholder="provider/model" />
          <label className="field field-inline">
            <span className="field-label">Status</span>
            <select value={draft.status ?? ''} onChange={(e) => setDraft({ ...draft, status: e.target.value as RequestFilters['status'] })}>
              <option value="">Any</option>
              <option value="ok">OK</option>
              <option value="error">Error</option>
            </select>
          </label>
          {filtered ? (
            <button type="button" className="button button-ghost" onClick={() => setDraft({ client: '', model: '', target: '', status: '' })}>
              Clear
            </button>
          ) : null}
          <datalist id="request-models">
            {(models.data ?? []).map((m) => <option key={m} value={m} />)}
          </datalist>
        </form>
        <ResourceView
          resource={requests}
          feature="the request log"
          loadingRows={6}
          isEmpty={(rows) => rows.length === 0}
          empty={
            filtered || offset > 0 ? (
              <EmptyState icon="search" title="No matching requests">Nothing matches these filters. Clear them to see everything.</EmptyState>
            ) : (
              <EmptyState icon="requests" title="No requests yet" action={<a className="button" href="#/connect">Connect a tool</a>}>
                Requests appear here the moment traffic flows through the gateway.
              </EmptyState>
            )
          }
        >
          {(rows) => (
            <div className="table-wrap">
              <table className="table table-requests" data-testid="requests-table">
                <thead>
                  <tr>
                    <th scope="col"><span className="visually-hidden">Details</span></th>
                    <th scope="col">Time</th>
                    <th scope="col">Client</th>
                    <th scope="col">Model → target</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">Tokens in / out</th>
                    <th scope="col" className="num">Cost</th>
                    <th scope="col" className="num">Latency</th>
                    <th scope="col" className="num">Overhead</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <Fragment key={r.id}>
                      <tr className={`${fresh.has(r.id) ? 'row-fresh ' : ''}${open === r.id ? 'row-open' : ''}`} data-request-id={r.id}>
                        <td>
                          <button
                            type="button"
                            className="icon-button disclosure"
                            aria-expanded={open === r.id}
                            aria-controls={`request-${r.id}`}
                            aria-label={`Details of request ${r.id}`}
                            onClick={() => setOpen(open === r.id ? null : r.id)}
                          >
                            <Icon name="chevron" size={16} />
                          </button>
                        </td>
                        <td className="nowrap" title={formatDateTime(r.startedAt)}>{formatRelativeTime(r.startedAt, new Date())}</td>
                        <td className="nowrap">{r.client ?? <span className="muted">anonymous</span>}</td>
                        <td className="nowrap">
                          <span className="mono">{r.model}</span>
                          {r.target && r.target !== r.model ? <span className="muted mono"> → {r.target}</span> : null}
                        </td>
                        <td><StatusBadge record={r} /></td>
                        <td className="num">{formatTokens(r.inputTokens)} / {formatTokens(r.outputTokens)}</td>
                        <td className="num">{formatUsd(r.costUsd)}</td>
                        <td className="num">{formatMs(r.latencyMs)}</td>
                        <td className="num">{formatMs(r.overheadMs)}</td>
                      </tr>
                      {open === r.id ? (
                        <tr className="row-detail" id={`request-${r.id}`}>
                          <td colSpan={9}><RequestDetail record={r} /></td>
                        </tr>
                      ) : null}
                    </Fragment>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </ResourceView>
        <div className="pager">
          <span className="muted">{offset > 0 ? `Showing from #${offset + 1}` : 'Newest first'}</span>
          <div className="pager-buttons">
            <button type="button" className="button button-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>Newer</button>
            <button type="button" className="button button-small" disabled={(requests.data?.length ?? 0) < PAGE_SIZE} onClick={() => setOffset(offset + PAGE_SIZE)}>Older</button>
          </div>
        </div>
      </Card>
    </div>
  );
}

function FilterField({ label, value, onChange, list, placeholder }: { label: string; value: string; onChange: (v: string) => void; list?: string; placeholder?: string }) {
  return (
    <label className="field field-inline">
      <span className="field-label">{label}</span>
      <input type="search" value={value} list={list} placeholder={placeholder ?? 'Any'} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

function StatusBadge({ record }: { record: RequestRecord }) {
  const ok = record.status === 'ok';
  const fellBack = ok && record.attempts.length > 1;
  return (
    <span className="status-cell">
      <Badge tone={ok ? 'good' : 'bad'}>{ok ? 'OK' : record.httpStatus ? `Error ${record.httpStatus}` : 'Error'}</Badge>
      {fellBack ? <Badge tone="warn" title="Earlier attempts failed">{record.attempts.length} attempts</Badge> : null}
    </span>
  );
}

function RequestDetail({ record }: { record: RequestRecord }) {
  return (
    <div className="request-detail">
      <dl className="facts">
        <div><dt>Request id</dt><dd className="mono">{record.id}</dd></div>
        <div><dt>Started</dt><dd>{formatDateTime(record.startedAt)}</dd></div>
        <div><dt>Format</dt><dd>{record.format ?? '—'}{record.stream ? ' · streamed' : ''}</dd></div>
        <div><dt>Tokens</dt><dd className="num">{formatTokens(record.inputTokens)} in · {formatTokens(record.outputTokens)} out · {formatTokens(record.cachedTokens)} cached</dd></div>
        <div><dt>Cost</dt><dd className="num">{formatUsd(record.costUsd)}</dd></div>
        <div><dt>Gateway overhead</dt><dd className="num">{formatMs(record.overheadMs)} of {formatMs(record.latencyMs)}</dd></div>
      </dl>
      {record.error ? <p className="form-error"><Icon name="alert" size={16} /> {record.error}</p> : null}
      <h3 className="detail-heading">Attempts</h3>
      {record.attempts.length === 0 ? (
        <p className="muted">No upstream attempt was made (refused before routing).</p>
      ) : (
        <ol className="attempts">
          {record.attempts.map((a, i) => {
            const ok = typeof a.status === 'number' ? a.status < 400 : a.status === 'ok';
            return (
              <li key={i} className={ok ? 'attempt attempt-ok' : 'attempt attempt-failed'}>
                <span className="attempt-index num">{i + 1}</span>
                <span className="mono">{a.target}</span>
                <Badge tone={ok ? 'good' : 'bad'}>{String(a.status)}</Badge>
                <span className="num muted">{formatMs(a.latencyMs)}</span>
                {a.error ? <span className="attempt-error">{a.error}</span> : null}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

/** Ids that arrived since the previous refresh, so new rows can flash once. */
function useFreshIds(rows: RequestRecord[] | undefined, query: string): Set<string> {
  const seen = useRef<{ query: string; ids: Set<string> } | null>(null);
  return useMemo(() => {
    if (!rows) return new Set<string>();
    // A new filter or page is a new list, not new arrivals.
    const previous = seen.current?.query === query ? seen.current.ids : null;
    seen.current = { query, ids: new Set(rows.map((r) => r.id)) };
    if (!previous) return new Set<string>();
    return new Set(rows.filter((r) => !previous.has(r.id)).map((r) => r.id));
  }, [rows, query]);
}
