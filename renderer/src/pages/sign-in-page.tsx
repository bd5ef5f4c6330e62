// Asks for the admin token when the page was opened without `#token=`.
import { useState, type FormEvent } from 'react';
import { storeToken, type Connection } from '../api/connection';
import { createHttpApi } from '../api/http-api';
import { describeError, isApiError } from '../api/api-error';
import { Icon } from '../components/icons';
import { SecretInput } from '../components/secret-input';

export function SignInPage({ rejected, onSignedIn }: { rejected: boolean; onSignedIn: (connection: Connection) => void }) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(rejected ? 'That admin token was not accepted. Enter it again.' : null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = token.trim();
    if (!value) {
      setError('Enter the admin token.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // Any admin call proves the token; the request log is in every gateway version.
      await createHttpApi({ baseUrl: '', token: value }).listRequests({ limit: 1 });
      storeToken(value);
      onSignedIn({ baseUrl: '', token: value, source: 'browser' });
    } catch (e) {
      setError(isApiError(e, 'unauthorized') ? 'That admin token was not accepted.' : describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="sign-in">
      <form className="sign-in-card" onSubmit={submit} noValidate>
        <div className="sign-in-brand">
          <svg viewBox="0 0 32 32" width="40" height="40" aria-hidden="true"><rect width="32" height="32" rx="8" className="brand-bg" /><path d="M8 22h6l4-12h6" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" /><circle cx="8" cy="22" r="2.2" fill="#fff" /><circle cx="24" cy="10" r="2.2" fill="#fff" /></svg>
          <h1>Sign in to Switchyard</h1>
          <p>Enter the gateway’s admin token (the <code>adminToken</code> in its config). It is kept for this tab only.</p>
        </div>
        <label className="field">
          <span className="field-label">Admin token</span>
          <SecretInput
            autoComplete="current-password"
            onValue={setToken}
            autoFocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'sign-in-error' : undefined}
          />
        </label>
        {error ? (
          <p className="form-error" id="sign-in-error" role="alert">
            <Icon name="alert" size={16} /> {error}
          </p>
        ) : null}
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <p className="sign-in-hint">Tip: <code>/#token=…</code> in the address signs in directly.</p>
      </form>
    </div>
  );
}
