// Connect a tool: copy-ready settings for each tool and SDK, with this gateway's address filled in.
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useApi } from '../api/api-context';
import { useResource } from '../api/use-resource';
import { CopyButton } from '../components/copy-button';
import { hrefFor } from '../components/hash-route';
import { Icon } from '../components/icons';
import { SecretInput } from '../components/secret-input';
import { Card, PageHeader } from '../components/layout-parts';
import { buildToolGuides, maskSecret, normalizeGatewayUrl } from '../lib/connect-snippets';

export default function ConnectPage() {
  const api = useApi();
  const models = useResource((a) => a.listModels(), []);
  const routes = useResource((a) => a.listRoutes(), []);
  const [key, setKey] = useState('');
  const [model, setModel] = useState('');
  const [tab, setTab] = useState('claude-code');
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  const gatewayUrl = normalizeGatewayUrl(api.gatewayUrl);
  const suggestedModel = model || routes.data?.[0]?.name || models.data?.[0] || 'smart';
  // Snippets on screen show a masked key; the copy buttons carry the real one.
  const guides = useMemo(() => buildToolGuides({ gatewayUrl, clientKey: key || null, model: suggestedModel }), [gatewayUrl, key, suggestedModel]);
  const shownGuides = useMemo(() => buildToolGuides({ gatewayUrl, clientKey: key ? maskSecret(key) : null, model: suggestedModel }), [gatewayUrl, key, suggestedModel]);
  const index = Math.max(0, guides.findIndex((g) => g.id === tab));
  const guide = guides[index];
  const shown = shownGuides[index];

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const step = event.key === 'ArrowDown' || event.key === 'ArrowRight' ? 1 : event.key === 'ArrowUp' || event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = guides[(index + step + guides.length) % guides.length];
    setTab(next.id);
    tabRefs.current[next.id]?.focus();
  }

  return (
    <div className="page">
      <PageHeader title="Connect a tool" description="Point any tool at the gateway. Settings below are exact; copy them as they are." />
      <Card>
        <div className="connect-inputs">
          <div className="field">
            <span className="field-label">Gateway URL</span>
            <div className="input-with-button">
              <code className="readout" data-testid="gateway-url">{gatewayUrl}</code>
              <CopyButton text={gatewayUrl} compact label="Copy gateway URL" />
            </div>
          </div>
          <label className="field">
            <span className="field-label">Client key (fills the snippets; never saved)</span>
            <SecretInput onValue={setKey} placeholder="sy-…" />
            <span className="muted small">Don’t have one? Create it on the <a href={hrefFor('clients')}>Clients</a> page.</span>
          </label>
          <label className="field">
            <span className="field-label">Model or route</span>
            <input type="text" list="connect-models" value={model} onChange={(e) => setModel(e.target.value)} placeholder={suggestedModel} />
            <datalist id="connect-models">
              {(routes.data ?? []).map((r) => <option key={`r-${r.name}`} value={r.name} />)}
              {(models.data ?? []).map((m) => <option key={m} value={m} />)}
            </datalist>
          </label>
        </div>
      </Card>
      <div className="connect-layout">
        <div className="tool-tabs" role="tablist" aria-label="Tools" aria-orientation="vertical">
          {guides.map((g, i) => (
            <button
              key={g.id}
              ref={(el) => { tabRefs.current[g.id] = el; }}
              type="button"
              role="tab"
              id={`tab-${g.id}`}
              aria-selected={g.id === guide.id}
              aria-controls={`panel-${g.id}`}
              tabIndex={g.id === guide.id ? 0 : -1}
              className={g.id === guide.id ? 'tool-tab active' : 'tool-tab'}
              onClick={() => setTab(g.id)}
              onKeyDown={(e) => onTabKey(e, i)}
            >
              {g.title}
              <Icon name="chevron" size={15} />
            </button>
          ))}
        </div>
        <section className="card tool-panel" role="tabpanel" id={`panel-${guide.id}`} aria-labelledby={`tab-${guide.id}`}>
          <div className="card-header">
            <div>
              <h2>{guide.title}</h2>
              <p className="card-subtitle">{guide.summary}</p>
            </div>
          </div>
          <div className="card-body stack">
            {guide.blocks.map((block, i) => (
              <div className="snippet" key={block.label}>
                <div className="snippet-head">
                  <span>{block.label}</span>
                  <CopyButton text={block.code} />
                </div>
                <pre className={`code code-${block.language}`}><code>{shown.blocks[i].code}</code></pre>
              </div>
            ))}
            {guide.note ? <p className="hint"><Icon name="info" size={14} /> {guide.note}</p> : null}
          </div>
        </section>
      </div>
    </div>
  );
}
