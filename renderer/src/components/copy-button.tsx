// Copies text with the Clipboard API, falling back to a hidden textarea where it isn't allowed
// (plain-HTTP origins other than localhost, some embedded webviews).
import { useEffect, useState } from 'react';
import { Icon } from './icons';

export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission denied: try the fallback.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'offscreen';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

export function CopyButton({ text, label = 'Copy', compact = false }: { text: string; label?: string; compact?: boolean }) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (status === 'idle') return;
    const timer = window.setTimeout(() => setStatus('idle'), 1800);
    return () => window.clearTimeout(timer);
  }, [status]);
  return (
    <button
      type="button"
      className={`button button-ghost button-small copy-button${status === 'copied' ? ' copied' : ''}`}
      onClick={async () => setStatus((await copyText(text)) ? 'copied' : 'failed')}
      aria-label={compact ? label : undefined}
    >
      <Icon name={status === 'copied' ? 'check' : 'copy'} size={15} />
      {compact ? null : <span>{status === 'copied' ? 'Copied' : status === 'failed' ? 'Press Ctrl+C' : label}</span>}
      <span className="visually-hidden" aria-live="polite">{status === 'copied' ? 'Copied to clipboard' : ''}</span>
    </button>
  );
}
