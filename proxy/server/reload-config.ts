// Hot reload: when the config file changes, load it again and swap it in; an edit that does not load
// (bad JSON, an invalid field, a missing env var) leaves the running config untouched, is logged, and
// is shown by GET /api/config/status until a good edit replaces it.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseConfigText, type LoadOptions } from '../config/load-config';
import { watchConfigFile, type ConfigWatcher } from '../config/watch-config-file';
import type { Gateway } from '../gateway/gateway';

export interface ConfigReloader {
  /**
   * Reads the file now and applies it if it changed. `force` applies it even when the text is the
   * same, so secrets behind `keychain:` references that changed are read again.
   */
  reload(force?: boolean): Promise<boolean>;
  close(): void;
}

export function startConfigReloader(gateway: Gateway, file: string, options: LoadOptions): ConfigReloader {
  let lastDigest: string | undefined;
  let running: Promise<boolean> = Promise.resolve(false);

  const reloadOnce = async (force = false): Promise<boolean> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      // Some editors delete then recreate the file; the recreation's own event reloads and clears this.
      lastDigest = undefined;
      return fail(`${file}: cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const textDigest = digest(text);
    if (!force && textDigest === lastDigest && gateway.configStatus.lastError === null) return false;
    try {
      const config = await parseConfigText(text, file, options);
      gateway.applyConfig(config);
    } catch (err) {
      lastDigest = textDigest;
      return fail((err as Error).message);
    }
    lastDigest = textDigest;
    gateway.configStatus = { path: file, loadedAt: Date.now(), lastError: null };
    gateway.log.info({ config: file }, 'config reloaded');
    return true;
  };

  const fail = (message: string): false => {
    gateway.configStatus = { ...gateway.configStatus, lastError: { message, at: Date.now() } };
    gateway.log.warn({ config: file, problem: message }, 'config reload failed; keeping the running config');
    return false;
  };

  // Reloads run one after another, so two quick saves can never apply out of order.
  const reload = (force = false) => (running = running.then(() => reloadOnce(force), () => reloadOnce(force)));
  const watcher: ConfigWatcher = watchConfigFile(file, () => void reload());
  return { reload, close: () => watcher.close() };
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
