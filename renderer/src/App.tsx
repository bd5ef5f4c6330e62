// Root: theme, sign-in, and the shell with its pages (each page is its own lazily loaded chunk).
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import { ApiProvider } from './api/api-context';
import { forgetToken, resolveConnection, type Connection } from './api/connection';
import { createHttpApi } from './api/http-api';
import { useResource } from './api/use-resource';
import { hrefFor, PAGES, useHashRoute, type PageId } from './components/hash-route';
import { ShellEventsContext } from './components/shell-events';
import { Sidebar } from './components/sidebar';
import { LoadingState } from './components/states';
import { ThemeProvider } from './components/theme';
import { ToastProvider } from './components/toast';
import { SignInPage } from './pages/sign-in-page';

const PAGE_COMPONENTS: Record<PageId, ComponentType> = {
  overview: lazy(() => import('./pages/overview-page')),
  requests: lazy(() => import('./pages/requests-page')),
  routing: lazy(() => import('./pages/routing-page')),
  providers: lazy(() => import('./pages/providers-page')),
  clients: lazy(() => import('./pages/clients-page')),
  savings: lazy(() => import('./pages/savings-page')),
  advisor: lazy(() => import('./pages/advisor-page')),
  connect: lazy(() => import('./pages/connect-page')),
  settings: lazy(() => import('./pages/settings-page')),
};

export function App() {
  return (
    <ThemeProvider>
      <ToastProvider>
        <Root />
      </ToastProvider>
    </ThemeProvider>
  );
}

function Root() {
  const [connection, setConnection] = useState<Connection | null | 'resolving'>('resolving');
  const [rejected, setRejected] = useState(false);

  useEffect(() => {
    resolveConnection()
      .then(setConnection)
      .catch(() => setConnection(null));
  }, []);

  const signOut = useCallback(() => {
    forgetToken();
    setConnection(null);
  }, []);

  const api = useMemo(() => {
    if (connection === 'resolving' || connection === null) return null;
    return createHttpApi({
      baseUrl: connection.baseUrl,
      token: connection.token,
      setTrayProfile: connection.bridge?.setTrayProfile?.bind(connection.bridge),
      onUnauthorized: () => {
        if (connection.source === 'bridge') return;
        forgetToken();
        setRejected(true);
        setConnection(null);
      },
    });
  }, [connection]);

  if (connection === 'resolving') return <div className="boot"><LoadingState rows={2} label="Starting" /></div>;
  if (connection === null || api === null) {
    return (
      <SignInPage
        rejected={rejected}
        onSignedIn={(next) => {
          setRejected(false);
          setConnection(next);
        }}
      />
    );
  }
  return (
    <ApiProvider api={api}>
      <Shell onSignOut={connection.source === 'browser' ? signOut : undefined} />
    </ApiProvider>
  );
}

function Shell({ onSignOut }: { onSignOut?: () => void }) {
  const page = useHashRoute();
  const summary = useResource((api) => api.getSummary(), [], { pollMs: 5000 });
  const profile = useResource((api) => api.getProfiles(), [page], { pollMs: 15000 });
  const Page = PAGE_COMPONENTS[page];
  const reloadProfile = profile.reload;
  const events = useMemo(() => ({ profileChanged: () => void reloadProfile() }), [reloadProfile]);
  const label = PAGES.find((p) => p.id === page)?.label ?? 'Switchyard';

  const firstPage = useRef(true);
  useEffect(() => {
    document.title = `${label} · Switchyard`;
    // After navigating, keyboard and screen-reader users land on the new page's content; on the
    // first load focus stays at the top so Tab reaches the skip link first.
    if (firstPage.current) firstPage.current = false;
    else document.getElementById('main')?.focus({ preventScroll: true });
  }, [label]);

  return (
    <ShellEventsContext.Provider value={events}>
    <div className="shell">
      <a className="skip-link" href={hrefFor(page)} onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <Sidebar page={page} todayUsd={summary.data?.today.costUsd ?? null} activeProfile={profile.data?.active} onSignOut={onSignOut} />
      <main id="main" className="main" tabIndex={-1}>
        {summary.data?.paused ? (
          <div className="banner banner-warn" role="status">Traffic is paused: the gateway refuses new requests until it is resumed.</div>
        ) : null}
        <Suspense fallback={<LoadingState rows={4} label={`Loading ${label}`} />}>
          <Page key={page} />
        </Suspense>
      </main>
    </div>
    </ShellEventsContext.Provider>
  );
}
