// Settings: where the gateway runs, the optimisations it applies, and this dashboard's look.
import { useState } from 'react';
import { useApi } from '../api/api-context';
import { describeError } from '../api/api-error';
import { useResource } from '../api/use-resource';
import { Card, PageHeader, Segmented } from '../components/layout-parts';
import { ResourceView } from '../components/states';
import { useTheme, type ThemeChoice } from '../components/theme';
import { useToast } from '../components/toast';
import type { Settings, SettingsPatch } from '../lib/api-types';

export default function SettingsPage() {
  const settings = useResource((api) => api.getSettings(), []);
  const { choice, setChoice } = useTheme();
  return (
    <div className="page">
      <PageHeader title="Settings" description="The gateway’s own settings apply at once; the rest of the configuration lives in its config file." />
      <div className="grid grid-2">
        <Card title="Gateway">
          <ResourceView resource={settings} feature="settings" loadingRows={4}>
            {(data) => (
              <dl className="facts facts-stacked">
                <div><dt>Listening on</dt><dd className="mono">{data.host}:{data.port}</dd></div>
                <div><dt>Data directory</dt><dd className="mono">{data.dataDir}</dd></div>
                <div><dt>Version</dt><dd className="mono">{data.version}</dd></div>
              </dl>
            )}
          </ResourceView>
        </Card>
        <Card title="Appearance">
          <div className="setting-row">
            <div>
              <div className="setting-title">Theme</div>
              <div className="muted small">System follows your operating system’s light or dark mode.</div>
            </div>
            <Segmented<ThemeChoice>
              label="Theme"
              value={choice}
              onChange={setChoice}
              options={[
                { value: 'system', label: 'System' },
                { value: 'light', label: 'Light' },
                { value: 'dark', label: 'Dark' },
              ]}
            />
          </div>
        </Card>
      </div>
      <Card title="Optimisations" subtitle="Savings from these appear, with evidence, on the Savings page.">
        <ResourceView resource={settings} feature="settings" loadingRows={2}>
          {(data) => <OptimisationToggles settings={data} onSaved={() => void settings.reload()} />}
        </ResourceView>
      </Card>
    </div>
  );
}

function OptimisationToggles({ settings, onSaved }: { settings: Settings; onSaved: () => void }) {
  const api = useApi();
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  async function update(name: string, patch: SettingsPatch) {
    setBusy(name);
    try {
      await api.updateSettings(patch);
      toast('Settings saved');
      onSaved();
    } catch (e) {
      toast(describeError(e), 'bad');
    } finally {
      setBusy(null);
    }
  }
  return (
    <div className="settings-list">
      <Toggle
        title="Compress tool output"
        detail="Shrinks long command output (logs, test runs, listings) before it reaches the model."
        checked={settings.compression.enabled}
        disabled={busy !== null}
        onChange={(enabled) => void update('compression', { compression: { enabled } })}
      />
      <Toggle
        title="Response cache"
        detail="Answers an identical repeated request from the cache instead of paying for it again."
        checked={settings.cache.enabled}
        disabled={busy !== null}
        onChange={(enabled) => void update('cache', { cache: { enabled } })}
      />
    </div>
  );
}

function Toggle({ title, detail, checked, disabled, onChange }: { title: string; detail: string; checked: boolean; disabled: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="setting-row">
      <div>
        <div className="setting-title">{title}</div>
        <div className="muted small">{detail}</div>
      </div>
      <span className="switch">
        <input type="checkbox" role="switch" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
        <span className="switch-track" aria-hidden="true" />
      </span>
    </label>
  );
}
