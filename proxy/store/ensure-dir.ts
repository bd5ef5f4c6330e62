// Creates a directory and its missing parents one level at a time. Node 20's own recursive
// mkdirSync never returns for a path under a parent that refuses children (`/proc/x`): it keeps
// retrying the parent, which exists. Here such a path fails at once with the OS's own error.

import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export function ensureDir(dir: string, mode?: number): void {
  const target = resolve(dir);
  const missing: string[] = [];
  for (let at = target; !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const path of missing) {
    try {
      mkdirSync(path, mode === undefined ? undefined : { mode });
    } catch (err) {
      // Another process made it between the check and here.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  if (!statSync(target).isDirectory()) throw new Error(`${target} exists and is not a directory`);
}
