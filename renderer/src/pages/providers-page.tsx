// Providers & keys: accounts, their keys (write-only), and a connection test.
import { useState, type FormEvent } from 'react';
import { useApi } from '../api/api-context';
import { describeError } from '../api/api-error';
import { useResource } from '../api/use-resource';
import { Dialog } from '../components/dialog';
import { Icon } from '../components/icons';
import { SecretInput } from '../components/secret-input';
import { Badge, Card, PageHeader } from '../components/layout-parts';
import { EmptyState, ResourceView } from '../components/states';
import { useToast } from '../components/toast';
import type { ConnectionTest, Provider } from '../lib/api-types';
import { formatMs } from '../lib/format';

export default function ProvidersPage() {
  const providers = useResource((api) => api.listProviders(), []);
  return (
    <div className="page">
      <PageHeader title="Providers & keys" description="Upstream accounts. Keys are write-only: once saved they are never shown again, here or anywhere." />
      <ResourceView
        resource={providers}
        feature="providers" framed
        loadingRows={4}
        isEmpty={(list) => list.length === 0}
        empty={
          <Card>
            <EmptyState icon="providers" title="No providers configured">
              Add a provider to the config file’s <code>providers</code> list, then set its key here.
            </EmptyState>
          </Card>
        }
      >
        {(list) => (
          <div className="provider-grid">
            {list.map((p) => <ProviderCard key={p.id} provider={p} onChanged={() => void providers.reload()} />)}
          </div>
        )}
      </ResourceView>
    </div>
  );
}

/** Only keys kept in the key store (or not set yet) can be changed from here; the server refuses the rest. */
function keyEditableHere(keyRef: string | null): boolean {
  return keyRef === null || keyRef.startsWith('keychain:');
}

function describeKeySource(keyRef: string | null): string {
  if (!keyRef) return 'No key configured';
  const [kind, name] = [keyRef.slice(0, keyRef.indexOf(':')), keyRef.slice(keyRef.indexOf(':') + 1)];
  if (kind === 'env') return `From environment variable ${name}`;
  if (kind === 'keychain') return `From the key store as ${name}`;
  return keyRef;
}

function ProviderCard({ provider, onChanged }: { provider: Provider; onChanged: () => void }) {
  const api = useApi();
  const toast = useToast();
  const [dialog, setDialog] = useState<'set' | 'remove' | null>(null);
  const [test, setTest] = useState<ConnectionTest | 'running' | { failed: string } | null>(null);

  async function runTest() {
    setTest('running');
    try {
      setTest(await api.testProvider(provider.id));
    } catch (e) {
      setTest({ failed: describeError(e) });
    }
  }

  async function removeKey() {
    try {
      await api.deleteProviderKey(provider.id);
      toast(`Key for ${provider.name} removed`);
      setDialog(null);
      onChanged();
    } catch (e) {
      toast(describeError(e), 'bad');
    }
  }

  const shown = provider.models.slice(0, 6);
  return (
    <Card
      className="provider-card"
      id={`provider-${provider.id}`}
      title={provider.name}
      subtitle={<><span className="mono">{provider.id}</span> · <span className="mono">{provider.baseUrl}</span></>}
      actions={<Badge tone="neutral">{provider.kind}</Badge>}
    >
      <div className="key-status">
        <span className={provider.hasKey ? 'key-dot key-dot-on' : 'key-dot'} aria-hidden="true" />
        <div>
          <div className="key-status-title">{provider.hasKey ? 'Key set' : 'No key'}</div>
          <div className="muted small">{describeKeySource(provider.keyRef)}</div>
        </div>
      </div>
      <div className="chips" aria-label="Models">
        {shown.map((m) => <span key={m} className="chip mono">{m}</span>)}
        {provider.models.length > shown.length ? <span className="chip chip-more">+{provider.models.length - shown.length} more</span> : null}
        {provider.models.length === 0 ? <span className="muted small">No models listed</span> : null}
      </div>
      <TestResult test={test} />
      <div className="card-footer">
        <button type="button" className="button button-small" onClick={() => void runTest()} disabled={test === 'running'}>
          <Icon name="plug" size={15} /> {test === 'running' ? 'Testing…' : 'Test connection'}
        </button>
        {keyEditableHere(provider.keyRef) ? (
          <div className="button-row">
            {provider.hasKey ? (
              <button type="button" className="button button-small button-ghost button-danger" onClick={() => setDialog('remove')}>Remove key</button>
            ) : null}
            <button type="button" className="button button-small button-primary" onClick={() => setDialog('set')}>
              <Icon name="key" size={15} /> {provider.hasKey ? 'Replace key' : 'Add key'}
            </button>
          </div>
        ) : (
          <span className="muted small">Change this key where it is set</span>
        )}
      </div>
      <SetKeyDialog
        open={dialog === 'set'}
        provider={provider}
        onClose={() => setDialog(null)}
        onSaved={() => {
          setDialog(null);
          toast(`Key for ${provider.name} saved`);
          setTest(null);
          onChanged();
        }}
      />
      <Dialog
        open={dialog === 'remove'}
        title={`Remove the key for ${provider.name}?`}
        onClose={() => setDialog(null)}
        footer={
          <>
            <button type="button" className="button button-ghost" onClick={() => setDialog(null)}>Cancel</button>
            <button type="button" className="button button-danger-solid" onClick={() => void removeKey()}>Remove key</button>
          </>
        }
      >
        <p>Requests routed to <strong>{provider.id}</strong> will fail, and routes fall back to their next target, until a new key is added.</p>
      </Dialog>
    </Card>
  );
}

function TestResult({ test }: { test: ConnectionTest | 'running' | { failed: string } | null }) {
  if (test === null || test === 'running') return null;
  if ('failed' in test) {
    return <p className="test-result test-bad" role="status"><Icon name="alert" size={15} /> {test.failed}</p>;
  }
  return test.ok ? (
    <p className="test-result test-good" role="status"><Icon name="check" size={15} /> Connected in {formatMs(test.latencyMs)}</p>
  ) : (
    <p className="test-result test-bad" role="status">
      <Icon name="alert" size={15} /> Failed{test.status ? ` (HTTP ${test.status})` : ''}: {test.error ?? 'no answer'}
    </p>
  );
}

function SetKeyDialog({ open, provider, onClose, onSaved }: { open: boolean; provider: Provider; onClose: () => void; onSaved: () => void }) {
  const api = useApi();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setValue('');
    setError(null);
    onClose();
  };
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!value.trim()) {
      setError('Paste the key first.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.setProviderKey(provider.id, value.trim());
      setValue('');
      onSaved();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog open={open} title={`${provider.hasKey ? 'Replace' : 'Add'} the key for ${provider.name}`} onClose={close}>
      <form onSubmit={submit} className="stack">
        <label className="field">
          <span className="field-label">API key</span>
          <SecretInput onValue={setValue} autoFocus />
        </label>
        <p className="muted small">Stored in the gateway’s key store and never shown back.</p>
        {error ? <p className="form-error" role="alert"><Icon name="alert" size={16} /> {error}</p> : null}
        <div className="dialog-footer">
          <button type="button" className="button button-ghost" onClick={close}>Cancel</button>
          <button type="submit" className="button button-primary" disabled={busy}>{busy ? 'Saving…' : 'Save key'}</button>
        </div>
      </form>
    </Dialog>
  );
}
