// Hash routing (#/requests): works from file:// in Electron and needs no server rewrites.
import { useEffect, useState } from 'react';

export const PAGES = [
  { id: 'overview', label: 'Overview', icon: 'overview' },
  { id: 'requests', label: 'Requests', icon: 'requests' },
  { id: 'routing', label: 'Routing', icon: 'routing' },
  { id: 'providers', label: 'Providers & keys', icon: 'providers' },
  { id: 'clients', label: 'Clients', icon: 'clients' },
  { id: 'savings', label: 'Savings', icon: 'savings' },
  { id: 'advisor', label: 'Advisor', icon: 'advisor' },
  { id: 'connect', label: 'Connect a tool', icon: 'connect' },
  { id: 'settings', label: 'Settings', icon: 'settings' },
] as const;

export type PageId = (typeof PAGES)[number]['id'];

function readPage(): PageId {
  const id = window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (PAGES.find((p) => p.id === id)?.id ?? 'overview') as PageId;
}

export function useHashRoute(): PageId {
  const [page, setPage] = useState<PageId>(readPage);
  useEffect(() => {
    const onChange = () => setPage(readPage());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return page;
}

export function hrefFor(page: PageId): string {
  return `#/${page}`;
}
