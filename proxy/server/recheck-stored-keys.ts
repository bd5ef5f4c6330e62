// A key rotated in the key store (`switchyard keys set` in another terminal) reaches a running
// gateway without a restart. The key-store lookups of the running config are made again every 30 s,
// and at once when a provider refuses its key (at most every few seconds per provider). A changed
// value reloads the config, which resolves every secret afresh; the new key is a new account
// (routing/account-pool.ts), free of the old key's refusal. Lookups are bounded, so a hung keychain
// delays no request for long; values are compared, never logged.

import { providerKeyStoreReads, type KeyStoreRead, type SecretLookup } from '../config/load-config';
import type { Gateway } from '../gateway/gateway';
import type { ProviderRuntime } from '../gateway/runtime';
import { within } from '../within';

export const KEY_RECHECK_INTERVAL_MS = 30_000;

export interface StoredKeyRecheckOptions {
  /** How often every provider's stored keys are looked up again. */
  intervalMs?: number;
  /** A refusal looks a provider's keys up again at most this often. */
  minGapMs?: number;
  /** One lookup that takes longer counts as "cannot tell": that key stays as it is. */
  lookupTimeoutMs?: number;
  /** How long a refused request waits for the check of its provider before it gives up on it. */
  waitMs?: number;
}

export interface StoredKeyRecheck {
  /**
   * Looks the provider's stored keys up again (unless that was done moments ago) and reloads when
   * one changed; resolves, within `waitMs`, with the provider as configured then.
   */
  recheck(providerId: string): Promise<ProviderRuntime | undefined>;
  /** Looks every provider's stored keys up now; resolves true when a changed key was applied. */
  checkAll(): Promise<boolean>;
  close(): void;
}

/**
 * Whether a fresh lookup found another key than the running config holds. A key the config names
 * that is gone now is no change: reloading would fail on it, so the running key stays.
 */
export function storedKeyChanged(read: KeyStoreRead, found: string | undefined): boolean {
  const now = found || undefined;
  if (now === undefined && !read.implicit) return false;
  return now !== read.value;
}

export function startStoredKeyRecheck(gateway: Gateway, lookup: SecretLookup, options: StoredKeyRecheckOptions = {}): StoredKeyRecheck {
  const minGapMs = options.minGapMs ?? 1_000;
  const lookupTimeoutMs = options.lookupTimeoutMs ?? 5_000;
  const waitMs = options.waitMs ?? 2_000;
  const checkedAt = new Map<string, number>();
  const checking = new Map<string, Promise<boolean>>();
  let sweeping: Promise<boolean> | undefined;

  /** True when a lookup answered, in time, with another key; a failed or slow one cannot tell. */
  const changed = async (read: KeyStoreRead): Promise<boolean> => {
    try {
      return storedKeyChanged(read, await within(lookupTimeoutMs, `key store lookup of ${read.name}`, lookup(read.name)));
    } catch {
      return false;
    }
  };

  const check = async (providerId?: string): Promise<boolean> => {
    const changedProviders: string[] = [];
    for (const provider of gateway.runtime.config.providers) {
      if (providerId !== undefined && provider.id !== providerId) continue;
      for (const read of providerKeyStoreReads.get(provider) ?? []) {
        if (!(await changed(read))) continue;
        changedProviders.push(provider.id);
        break;
      }
    }
    if (changedProviders.length === 0) return false;
    gateway.log.info({ providers: changedProviders }, 'a stored provider key changed; reloading the config to use it');
    return gateway.reloadConfig(true).catch(() => false);
  };

  const recheck = async (providerId: string): Promise<ProviderRuntime | undefined> => {
    let running = checking.get(providerId);
    if (!running && Date.now() - (checkedAt.get(providerId) ?? -Infinity) >= minGapMs) {
      checkedAt.set(providerId, Date.now());
      running = check(providerId).finally(() => checking.delete(providerId));
      checking.set(providerId, running);
    }
    if (running) await within(waitMs, 'key store recheck', running).catch(() => undefined);
    return gateway.runtime.providers.get(providerId);
  };

  const checkAll = () => (sweeping ??= check().finally(() => (sweeping = undefined)));
  const timer = setInterval(() => void checkAll(), options.intervalMs ?? KEY_RECHECK_INTERVAL_MS);
  timer.unref();
  return { recheck, checkAll, close: () => clearInterval(timer) };
}
