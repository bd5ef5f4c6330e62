// Clients: gateway keys with their budgets and rate limits. A new key is shown exactly once.
import { useState, type FormEvent } from 'react';
import { useApi } from '../api/api-context';
import { describeError } from '../api/api-error';
import { useResource } from '../api/use-resource';
import { CopyButton } from '../components/copy-button';
import { Dialog } from '../components/dialog';
import { hrefFor } from '../components/hash-route';
import { Icon } from '../components/icons';
import { Badge, Card, Meter, PageHeader } from '../components/layout-parts';
import { EmptyState, ResourceView } from '../components/states';
import { useToast } from '../components/toast';
import type { CreatedClient, GatewayClient, NewClient } from '../lib/api-types';
import { formatCount, formatDateTime, formatUsd } from '../lib/format';
import { levelFor } from '../lib/spend-gauges';

export default function ClientsPage() {
  const clients = useResource((api) => api.listClients(), [], { pollMs: 10000 });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedClient | null>(null);
  const [removing, setRemoving] = useState<GatewayClient | null>(null);
  const api = useApi();
  const toast = useToast();

  async function remove(client: GatewayClient) {
    try {
      await api.deleteClient(client.name);
      toast(`Client “${client.name}” deleted; its key stops working now`);
      setRemoving(null);
      void clients.reload();
    } catch (e) {
      toast(describeError(e), 'bad');
    }
  }

  const newButton = (
    <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
      <Icon name="plus" size={16} /> New client key
    </button>
  );

  return (
    <div className="page">
      <PageHeader title="Clients" description="Each tool or teammate gets its own gateway key, with its own budget and rate limit." actions={newButton} />
      <ResourceView
        resource={clients}
        feature="clients" framed
        loadingRows={4}
        isEmpty={(list) => list.length === 0}
        empty={
          <Card>
            <EmptyState icon="clients" title="No client keys yet" action={newButton}>
              Without client keys the gateway only accepts requests from this machine. Create one per tool to see and cap each one’s spend.
            </EmptyState>
          </Card>
        }
      >
        {(list) => (
          <Card>
            <div className="table-wrap">
              <table className="table" data-testid="clients-table">
                <thead>
                  <tr>
                    <th scope="col">Client</th>
                    <th scope="col">Budget</th>
                    <th scope="col" className="num">Spent</th>
                    <th scope="col">Rate limit</th>
                    <th scope="col">Models</th>
                    <th scope="col">Created</th>
                    <th scope="col"><span className="visually-hidden">Actions</span></th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((c) => (
                    <tr key={c.name} data-client={c.name}>
                      <td>
                        <div className="cell-title">{c.name}</div>
                        <div className="muted small">{c.source === 'config' ? 'from config file' : 'created here'}{c.expiresAt ? ` · expires ${formatDateTime(c.expiresAt)}` : ''}</div>
                      </td>
                      <td className="cell-budget">
                        {c.budget ? (
                          <>
                            <div className="small">{formatUsd(c.budget.usd)} per {c.budget.period}</div>
                            <Meter ratio={c.budget.usd > 0 ? c.spentUsd / c.budget.usd : 1} level={levelFor(c.budget.usd > 0 ? c.spentUsd / c.budget.usd : 1)} label={`${c.name} budget used`} />
                          </>
                        ) : (
                          <span className="muted">No limit</span>
                        )}
                      </td>
                      <td className="num">{formatUsd(c.spentUsd)}</td>
                      <td>{describeRateLimit(c)}</td>
                      <td>{c.allowedModels && c.allowedModels.length > 0 ? <span className="small mono">{c.allowedModels.join(', ')}</span> : <span className="muted">All</span>}</td>
                      <td className="small nowrap">{c.createdAt ? formatDateTime(c.createdAt) : '—'}</td>
                      <td className="cell-actions">
                        {c.source === 'config' ? (
                          <Badge tone="neutral" title="Edit the config file to change this client">config</Badge>
                        ) : (
                          <button type="button" className="icon-button icon-button-danger" aria-label={`Delete client ${c.name}`} onClick={() => setRemoving(c)}>
                            <Icon name="trash" size={16} />
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        )}
      </ResourceView>

      <NewClientDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(client) => {
          setCreating(false);
          setCreated(client);
          void clients.reload();
        }}
      />
      <Dialog
        open={created !== null}
        title="Copy the new key now"
        dismissable={false}
        onClose={() => setCreated(null)}
        footer={
          <>
            <a className="button button-ghost" href={hrefFor('connect')} onClick={() => setCreated(null)}>Connect a tool</a>
            <button type="button" className="button button-primary" onClick={() => setCreated(null)}>I’ve stored it</button>
          </>
        }
      >
        {created ? (
          <div className="stack">
            <p>This is the only time the key for <strong>{created.name}</strong> is shown. Store it in your tool or password manager.</p>
            <div className="secret-once" data-testid="new-client-key">
              <code>{created.key}</code>
              <CopyButton text={created.key} label="Copy key" />
            </div>
          </div>
        ) : null}
      </Dialog>
      <Dialog
        open={removing !== null}
        title={`Delete client “${removing?.name ?? ''}”?`}
        onClose={() => setRemoving(null)}
        footer={
          <>
            <button type="button" className="button button-ghost" onClick={() => setRemoving(null)}>Cancel</button>
            <button type="button" className="button button-danger-solid" onClick={() => removing && void remove(removing)}>Delete client</button>
          </>
        }
      >
        <p>Its key stops working immediately. Its past requests stay in the log.</p>
      </Dialog>
    </div>
  );
}

function describeRateLimit(client: GatewayClient): string {
  const parts: string[] = [];
  if (client.rateLimit?.rpm) parts.push(`${formatCount(client.rateLimit.rpm)} req/min`);
  if (client.rateLimit?.tpm) parts.push(`${formatCount(client.rateLimit.tpm)} tok/min`);
  return parts.length > 0 ? parts.join(' · ') : 'None';
}

function NewClientDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (client: CreatedClient) => void }) {
  const api = useApi();
  const [name, setName] = useState('');
  const [budget, setBudget] = useState('');
  const [period, setPeriod] = useState('month');
  const [rpm, setRpm] = useState('');
  const [tpm, setTpm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function reset() {
    setName('');
    setBudget('');
    setPeriod('month');
    setRpm('');
    setTpm('');
    setError(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(trimmed)) {
      setError('Use letters, digits, dot, dash or underscore (up to 64), starting with a letter or digit.');
      return;
    }
    const body: NewClient = { name: trimmed };
    if (budget.trim()) {
      const usd = Number(budget);
      if (!Number.isFinite(usd) || usd <= 0) {
        setError('The budget must be a positive amount in USD.');
        return;
      }
      body.budget = { usd, period };
    }
    if (rpm.trim() || tpm.trim()) {
      const limit: NonNullable<NewClient['rateLimit']> = {};
      if (rpm.trim()) limit.rpm = Math.floor(Number(rpm));
      if (tpm.trim()) limit.tpm = Math.floor(Number(tpm));
      if (Object.values(limit).some((v) => !Number.isFinite(v) || v <= 0)) {
        setError('Rate limits must be positive whole numbers.');
        return;
      }
      body.rateLimit = limit;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await api.createClient(body);
      reset();
      onCreated(created);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} title="New client key" onClose={() => { reset(); onClose(); }}>
      <form onSubmit={submit} className="stack" noValidate>
        <label className="field">
          <span className="field-label">Name</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. claude-code-laptop" autoFocus required />
        </label>
        <div className="field-row">
          <label className="field">
            <span className="field-label">Budget (USD, optional)</span>
            <input type="number" min="0" step="0.01" inputMode="decimal" value={budget} onChange={(e) => setBudget(e.target.value)} placeholder="No limit" />
          </label>
          <label className="field">
            <span className="field-label">Per</span>
            <select value={period} onChange={(e) => setPeriod(e.target.value)}>
              <option value="day">Day</option>
              <option value="month">Month</option>
              <option value="total">Total</option>
            </select>
          </label>
        </div>
        <div className="field-row">
          <label className="field">
            <span className="field-label">Requests per minute</span>
            <input type="number" min="1" step="1" value={rpm} onChange={(e) => setRpm(e.target.value)} placeholder="No limit" />
          </label>
          <label className="field">
            <span className="field-label">Tokens per minute</span>
            <input type="number" min="1" step="1" value={tpm} onChange={(e) => setTpm(e.target.value)} placeholder="No limit" />
          </label>
        </div>
        {error ? <p className="form-error" role="alert"><Icon name="alert" size={16} /> {error}</p> : null}
        <div className="dialog-footer">
          <button type="button" className="button button-ghost" onClick={() => { reset(); onClose(); }}>Cancel</button>
          <button type="submit" className="button button-primary" disabled={busy}>{busy ? 'Creating…' : 'Create key'}</button>
        </div>
      </form>
    </Dialog>
  );
}
