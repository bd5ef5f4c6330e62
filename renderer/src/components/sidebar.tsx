// Left navigation: brand, pages, live spend, theme and sign-out.
import { formatUsd } from '../lib/format';
import { hrefFor, PAGES, type PageId } from './hash-route';
import { Icon, type IconName } from './icons';
import { useTheme, type ThemeChoice } from './theme';

const THEME_NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const THEME_ICON: Record<ThemeChoice, IconName> = { system: 'monitor', light: 'sun', dark: 'moon' };
const THEME_LABEL: Record<ThemeChoice, string> = { system: 'System theme', light: 'Light theme', dark: 'Dark theme' };

export function Sidebar({
  page,
  todayUsd,
  activeProfile,
  onSignOut,
}: {
  page: PageId;
  todayUsd: number | null;
  activeProfile: string | null | undefined;
  onSignOut?: () => void;
}) {
  const { choice, setChoice } = useTheme();
  return (
    <aside className="sidebar">
      <a className="brand" href={hrefFor('overview')}>
        <span className="brand-mark" aria-hidden="true">
          <svg viewBox="0 0 32 32" width="28" height="28"><rect width="32" height="32" rx="8" className="brand-bg" /><path d="M8 22h6l4-12h6" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" /><circle cx="8" cy="22" r="2.2" fill="#fff" /><circle cx="24" cy="10" r="2.2" fill="#fff" /></svg>
        </span>
        <span className="brand-name">Switchyard</span>
      </a>
      <nav aria-label="Main">
        <ul className="nav-list">
          {PAGES.map((p) => (
            <li key={p.id}>
              <a href={hrefFor(p.id)} className={p.id === page ? 'nav-link active' : 'nav-link'} aria-current={p.id === page ? 'page' : undefined}>
                <Icon name={p.icon} />
                <span>{p.label}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="sidebar-footer">
        <div className="sidebar-spend" aria-live="off">
          <span className="sidebar-spend-label">Today</span>
          <span className="sidebar-spend-value num" data-testid="sidebar-today">{todayUsd === null ? '—' : formatUsd(todayUsd)}</span>
          <span className="sidebar-profile">{activeProfile ? `Profile: ${activeProfile}` : 'Default routes'}</span>
        </div>
        <div className="sidebar-tools">
          <button type="button" className="icon-button" onClick={() => setChoice(THEME_NEXT[choice])} aria-label={`${THEME_LABEL[choice]} (switch)`} title={THEME_LABEL[choice]}>
            <Icon name={THEME_ICON[choice]} />
          </button>
          {onSignOut ? (
            <button type="button" className="icon-button" onClick={onSignOut} aria-label="Sign out" title="Sign out">
              <Icon name="logout" />
            </button>
          ) : null}
        </div>
      </div>
    </aside>
  );
}
