// The empty, loading, error and not-available states every view shares.
import type { ReactNode } from 'react';
import { describeError, isApiError } from '../api/api-error';
import type { Resource } from '../api/use-resource';
import { Icon, type IconName } from './icons';

export function LoadingState({ rows = 3, label = 'Loading' }: { rows?: number; label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="visually-hidden">{label}…</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton" style={{ width: `${92 - i * 14}%` }} />
      ))}
    </div>
  );
}

export function EmptyState({ icon = 'info', title, children, action }: { icon?: IconName; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="state state-empty">
      <div className="state-icon"><Icon name={icon} size={22} /></div>
      <h3>{title}</h3>
      {children ? <p>{children}</p> : null}
      {action ? <div className="state-action">{action}</div> : null}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const offline = isApiError(error, 'network');
  return (
    <div className="state state-error" role="alert">
      <div className="state-icon"><Icon name="alert" size={22} /></div>
      <h3>{offline ? 'Can’t reach the gateway' : 'This didn’t load'}</h3>
      <p>{describeError(error)}</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          <Icon name="refresh" size={16} /> Try again
        </button>
      ) : null}
    </div>
  );
}

export function UnavailableState({ feature }: { feature: string }) {
  return (
    <div className="state state-unavailable">
      <div className="state-icon"><Icon name="info" size={22} /></div>
      <h3>Not available in this version</h3>
      <p>This gateway doesn’t serve {feature} yet. Update Switchyard to use it.</p>
    </div>
  );
}

/** Renders a resource's state, handing ready data to `children`. */
export function ResourceView<T>({
  resource,
  feature,
  children,
  isEmpty,
  empty,
  loadingRows,
  framed = false,
}: {
  resource: Resource<T>;
  feature: string;
  children: (data: T) => ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  loadingRows?: number;
  /** Top-level views draw their states on a card so the page keeps its shape. */
  framed?: boolean;
}) {
  const { state } = resource;
  const frame = (node: ReactNode) => (framed ? <div className="card state-frame">{node}</div> : node);
  if (state.status === 'loading') return <>{frame(<LoadingState rows={loadingRows} label={`Loading ${feature}`} />)}</>;
  if (state.status === 'unavailable') return <>{frame(<UnavailableState feature={feature} />)}</>;
  if (state.status === 'error') return <>{frame(<ErrorState error={state.error} onRetry={() => void resource.reload()} />)}</>;
  if (isEmpty && isEmpty(state.data) && empty) return <>{empty}</>;
  return <>{children(state.data)}</>;
}
