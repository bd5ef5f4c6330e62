// Routing: the active profile, and each route's strategy and ordered targets, editable in place.
import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context';
import { describeError } from '../api/api-error';
import { useResource } from '../api/use-resource';
import { Icon } from '../components/icons';
import { useShellEvents } from '../components/shell-events';
import { Badge, Card, PageHeader } from '../components/layout-parts';
import { EmptyState, ResourceView } from '../components/states';
import { useToast } from '../components/toast';
import type { Profiles, Route, RouteTarget } from '../lib/api-types';
import { formatPercent } from '../lib/format';
import { addTarget, moveTarget, removeTarget, sameRoute, STRATEGIES, toRouteBody, validateRoute, weightShares } from '../lib/route-edit';

export default function RoutingPage() {
  const routes = useResource((api) => api.listRoutes(), []);
  const profiles = useResource((api) => api.getProfiles(), []);
  const models = useResource((api) => api.listModels(), []);
  const providers = useResource((api) => api.listProviders(), []);
  // Pickers offer every <provider>/<model> the gateway knows, from /v1/models or else the providers.
  const targetOptions = (models.data ?? []).filter((m) => m.includes('/'));
  const fallbackOptions = (providers.data ?? []).flatMap((p) => p.models.map((m) => `${p.id}/${m}`));
  const options = targetOptions.length > 0 ? targetOptions : fallbackOptions;

  return (
    <div className="page">
      <PageHeader title="Routing" description="A route is a model name clients send. Its strategy picks among its targets; changes apply to the next request." />
      <Card id="profiles" title="Profile" subtitle="A profile overrides some routes at once, e.g. “cheap” for the weekend.">
        <ResourceView resource={profiles} feature="profiles" loadingRows={1}>
          {(data) => <ProfilePicker profiles={data} onChanged={() => { void profiles.reload(); void routes.reload(); }} />}
        </ResourceView>
      </Card>
      <datalist id="route-targets">
        {options.map((o) => <option key={o} value={o} />)}
      </datalist>
      <ResourceView
        resource={routes}
        feature="routes" framed
        loadingRows={4}
        isEmpty={(list) => list.length === 0}
        empty={
          <Card>
            <EmptyState icon="routing" title="No routes configured">
              Clients can still call any <code>provider/model</code> directly. Add <code>routes</code> to the config file to give them fallbacks and strategies.
            </EmptyState>
          </Card>
        }
      >
        {(list) => (
          <div className="route-list">
            {list.map((route) => (
              <RouteEditor key={route.name} route={route} activeProfile={profiles.data?.active ?? null} onSaved={() => void routes.reload()} />
            ))}
          </div>
        )}
      </ResourceView>
    </div>
  );
}

function ProfilePicker({ profiles, onChanged }: { profiles: Profiles; onChanged: () => void }) {
  const api = useApi();
  const toast = useToast();
  const shell = useShellEvents();
  const [busy, setBusy] = useState(false);
  const choices: Array<string | null> = [null, ...profiles.profiles];
  async function choose(name: string | null) {
    if (name === profiles.active || busy) return;
    setBusy(true);
    try {
      await api.setProfile(name);
      toast(name ? `Profile “${name}” is active` : 'Back to the default routes');
      onChanged();
      shell.profileChanged();
    } catch (e) {
      toast(describeError(e), 'bad');
    } finally {
      setBusy(false);
    }
  }
  if (profiles.profiles.length === 0) {
    return <p className="muted">No profiles in the config. Routes apply as written.</p>;
  }
  return (
    <div className="profile-choices" role="radiogroup" aria-label="Active profile" data-testid="profile-picker">
      {choices.map((name) => {
        const active = name === profiles.active;
        return (
          <button
            key={name ?? '__default'}
            type="button"
            role="radio"
            aria-checked={active}
            className={active ? 'profile-choice active' : 'profile-choice'}
            disabled={busy}
            onClick={() => void choose(name)}
          >
            <span className="radio-dot" aria-hidden="true" />
            <span>{name ?? 'Default'}</span>
            {active ? <Badge tone="accent">Active</Badge> : null}
          </button>
        );
      })}
    </div>
  );
}

function RouteEditor({ route, activeProfile, onSaved }: { route: Route; activeProfile: string | null; onSaved: () => void }) {
  const api = useApi();
  const toast = useToast();
  const [draft, setDraft] = useState<Route>(route);
  const [adding, setAdding] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(route), [route]);

  const dirty = !sameRoute(draft, route);
  const problems = validateRoute(draft);
  const shares = weightShares(draft.targets);
  const setTargets = (targets: RouteTarget[]) => setDraft({ ...draft, targets });

  async function revert() {
    setSaving(true);
    setError(null);
    try {
      await api.revertRoute(route.name);
      toast(`Route “${route.name}” is back to its configured targets`);
      onSaved();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setSaving(false);
    }
  }

  async function save() {
    if (problems.length > 0) return;
    setSaving(true);
    setError(null);
    try {
      await api.saveRoute(route.name, toRouteBody(draft));
      toast(`Route “${route.name}” saved`);
      onSaved();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card
      className="route-card"
      id={`route-${route.name}`}
      title={
        <span className="route-title">
          <span className="mono">{route.name}</span>
          {route.source === 'override' ? <Badge tone="accent" title="Edited here; the config file still holds the original">edited</Badge> : null}
          {route.source === 'profile' ? <Badge tone="warn" title="The active profile sets this route">from profile</Badge> : null}
        </span>
      }
      subtitle={STRATEGIES.find((s) => s.id === draft.strategy)?.hint}
      actions={
        <label className="field field-inline">
          <span className="field-label">Strategy</span>
          <select value={draft.strategy} aria-label={`Strategy for ${route.name}`} onChange={(e) => setDraft({ ...draft, strategy: e.target.value, targets: draft.targets.map((t) => ({ ...t, weight: t.weight ?? 1 })) })}>
            {STRATEGIES.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
          </select>
        </label>
      }
    >
      {activeProfile && route.source === undefined ? <p className="hint"><Icon name="info" size={14} /> Profile “{activeProfile}” is active and may override this route.</p> : null}
      {route.source === 'profile' ? <p className="hint"><Icon name="info" size={14} /> Profile “{activeProfile ?? ''}” sets this route while it is active.</p> : null}
      <ol className="targets" aria-label={`Targets of ${route.name}`}>
        {draft.targets.map((t, i) => (
          <li key={`${t.target}-${i}`} className="target">
            <span className="target-rank num">{draft.strategy === 'fallback' ? i + 1 : '•'}</span>
            <span className="target-name mono">{t.target}</span>
            {draft.strategy === 'weighted' ? (
              <span className="target-weight">
                <input
                  type="number"
                  min={0}
                  step={1}
                  value={t.weight ?? 1}
                  aria-label={`Weight of ${t.target}`}
                  onChange={(e) => setTargets(draft.targets.map((x, j) => (j === i ? { ...x, weight: e.target.value === '' ? 0 : Number(e.target.value) } : x)))}
                />
                <span className="muted num">{formatPercent(shares[i], 0)}</span>
              </span>
            ) : null}
            <span className="target-actions">
              <button type="button" className="icon-button" disabled={i === 0} onClick={() => setTargets(moveTarget(draft.targets, i, i - 1))} aria-label={`Move ${t.target} up`}>
                <Icon name="up" size={16} />
              </button>
              <button type="button" className="icon-button" disabled={i === draft.targets.length - 1} onClick={() => setTargets(moveTarget(draft.targets, i, i + 1))} aria-label={`Move ${t.target} down`}>
                <Icon name="down" size={16} />
              </button>
              <button type="button" className="icon-button icon-button-danger" onClick={() => setTargets(removeTarget(draft.targets, i))} aria-label={`Remove ${t.target}`}>
                <Icon name="trash" size={16} />
              </button>
            </span>
          </li>
        ))}
      </ol>
      <form
        className="add-target"
        onSubmit={(e) => {
          e.preventDefault();
          setTargets(addTarget(draft.targets, adding, draft.strategy));
          setAdding('');
        }}
      >
        <input type="text" list="route-targets" value={adding} onChange={(e) => setAdding(e.target.value)} placeholder="provider/model" aria-label={`Add a target to ${route.name}`} />
        <button type="submit" className="button button-small" disabled={!adding.trim()}>
          <Icon name="plus" size={15} /> Add target
        </button>
      </form>
      {dirty && problems.length > 0 ? (
        <ul className="form-problems" role="alert">{problems.map((p) => <li key={p}>{p}</li>)}</ul>
      ) : null}
      {error ? <p className="form-error" role="alert"><Icon name="alert" size={16} /> {error}</p> : null}
      <div className="card-footer">
        <span className="muted">{dirty ? 'Unsaved changes' : 'Saved'}</span>
        <div className="button-row">
          {route.source === 'override' && !dirty ? (
            <button type="button" className="button button-ghost" disabled={saving} onClick={() => void revert()}>Revert to config</button>
          ) : null}
          <button type="button" className="button button-ghost" disabled={!dirty || saving} onClick={() => { setDraft(route); setError(null); }}>Reset</button>
          <button type="button" className="button button-primary" disabled={!dirty || saving || problems.length > 0} onClick={() => void save()}>
            {saving ? 'Saving…' : 'Save route'}
          </button>
        </div>
      </div>
    </Card>
  );
}
