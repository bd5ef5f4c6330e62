// Number, money and time formatting shared by every view. Pure: no DOM, no locale surprises
// (always en-US digits so tables line up with tabular numerals).

const usdWhole = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const usdCents = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Money with precision that fits its size; null means the price is not known, never $0. */
export function formatUsd(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'unknown';
  const abs = Math.abs(value);
  if (abs === 0) return '$0.00';
  if (abs >= 10_000) return usdWhole.format(value);
  if (abs >= 0.01) return usdCents.format(value);
  if (abs >= 0.0001) return `${value < 0 ? '-' : ''}$${abs.toFixed(4)}`;
  return `${value < 0 ? '-' : ''}<$0.0001`;
}

/** Short money for chart axes: $0, $0.05, $1.2, $12, $1.2k. */
export function formatUsdAxis(value: number): string {
  if (!Number.isFinite(value) || value === 0) return '$0';
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  if (abs >= 1000) return `${sign}$${trimZeros((abs / 1000).toFixed(1))}k`;
  if (abs >= 10) return `${sign}$${Math.round(abs)}`;
  if (abs >= 1) return `${sign}$${trimZeros(abs.toFixed(2))}`;
  if (abs >= 0.1) return `${sign}$${trimZeros(abs.toFixed(2))}`;
  if (abs >= 0.001) return `${sign}$${trimZeros(abs.toFixed(3))}`;
  return `${sign}$${trimZeros(abs.toPrecision(1))}`;
}

/** Token counts: 950, 12.3k, 4.5M. */
export function formatTokens(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 1_000_000) return `${trimZeros((value / 1_000_000).toFixed(1))}M`;
  if (abs >= 10_000) return `${trimZeros((value / 1000).toFixed(1))}k`;
  return integer.format(value);
}

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return integer.format(value);
}

/** Durations: 0 ms, 42 ms, 1.25 s, 2m 05s. */
export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value < 1000) return `${Math.round(value)} ms`;
  if (value < 60_000) return `${trimZeros((value / 1000).toFixed(2))} s`;
  const minutes = Math.floor(value / 60_000);
  const seconds = Math.round((value % 60_000) / 1000);
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  const pct = ratio * 100;
  if (pct !== 0 && Math.abs(pct) < 0.1) return '<0.1%';
  return `${trimZeros(pct.toFixed(digits))}%`;
}

/** "just now", "5 min ago", "3 h ago", then a date. */
export function formatRelativeTime(iso: string | null | undefined, now: Date): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '—';
  const seconds = Math.round((now.getTime() - at.getTime()) / 1000);
  if (seconds < 0) return formatDateTime(iso);
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return formatDateTime(iso);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Local wall-clock date and time: "Nov 24, 14:05:09". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '—';
  return `${MONTHS[at.getMonth()]} ${at.getDate()}, ${pad2(at.getHours())}:${pad2(at.getMinutes())}:${pad2(at.getSeconds())}`;
}

/**
 * Axis label for a bucket start: local wall-clock "14:00" for hours (":30" where the time zone is
 * offset by half an hour), and the UTC date "Nov 24" for days, since day buckets are UTC days.
 */
export function formatBucketLabel(iso: string, bucket: 'hour' | 'day'): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  if (bucket === 'day') return `${MONTHS[at.getUTCMonth()]} ${at.getUTCDate()}`;
  return `${pad2(at.getHours())}:${pad2(at.getMinutes())}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
