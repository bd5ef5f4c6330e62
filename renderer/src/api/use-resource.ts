// Loads one thing from the API and keeps it fresh. Polling pauses while the tab is hidden and
// keeps the last good data on screen during refreshes, so live views never flash.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api-error';
import { useApi } from './api-context';
import type { DashboardApi } from './dashboard-api';

export type ResourceState<T> =
  | { status: 'loading' }
  | { status: 'unavailable' }
  | { status: 'error'; error: ApiError | Error }
  | { status: 'ready'; data: T };

export interface Resource<T> {
  state: ResourceState<T>;
  /** The last good data, even while a refresh failed. */
  data: T | undefined;
  refreshing: boolean;
  updatedAt: Date | null;
  reload: () => Promise<void>;
}

export function useResource<T>(
  load: (api: DashboardApi) => Promise<T>,
  deps: unknown[],
  options: { pollMs?: number } = {},
): Resource<T> {
  const api = useApi();
  // Which inputs the current state belongs to: when they change, the old data must not be shown
  // (or compared against) as if it answered the new question, even for the one render before the
  // effect starts the new load.
  const key = JSON.stringify(deps);
  const [tagged, setTagged] = useState<{ key: string; state: ResourceState<T> }>({ key, state: { status: 'loading' } });
  const keyRef = useRef(key);
  keyRef.current = key;
  const setState = useCallback((next: ResourceState<T>) => setTagged({ key: keyRef.current, state: next }), []);
  const state: ResourceState<T> = tagged.key === key ? tagged.state : { status: 'loading' };
  const [refreshing, setRefreshing] = useState(false);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const lastGood = useRef<T | undefined>(undefined);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(
    async (background: boolean) => {
      const mine = ++generation.current;
      if (!background) {
        lastGood.current = undefined;
        setState({ status: 'loading' });
      }
      setRefreshing(true);
      try {
        const data = await loadRef.current(api);
        if (mine !== generation.current) return;
        lastGood.current = data;
        setState({ status: 'ready', data });
        setUpdatedAt(new Date());
      } catch (error) {
        if (mine !== generation.current) return;
        if (error instanceof ApiError && error.kind === 'not_available') setState({ status: 'unavailable' });
        // A failed background refresh keeps the data on screen; the error shows only on first load.
        else if (!background || lastGood.current === undefined) setState({ status: 'error', error: error as Error });
      } finally {
        if (mine === generation.current) setRefreshing(false);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, setState, ...deps],
  );

  useEffect(() => {
    void run(false);
  }, [run]);

  useEffect(() => {
    if (!options.pollMs) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void run(true);
    }, options.pollMs);
    return () => window.clearInterval(timer);
  }, [run, options.pollMs]);

  const reload = useCallback(() => run(lastGood.current !== undefined), [run]);
  const data = state.status === 'ready' ? state.data : tagged.key === key ? lastGood.current : undefined;
  return { state, data, refreshing, updatedAt, reload };
}
