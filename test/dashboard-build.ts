// Builds the dashboard bundle for the browser tests when it is missing or older than its sources.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './helpers/spawn-gateway';

export function ensureDashboardBuilt(): void {
  const index = join(REPO_ROOT, 'dist', 'renderer', 'index.html');
  const sources = join(REPO_ROOT, 'renderer');
  if (existsSync(index) && newestMtime(sources) <= statSync(index).mtimeMs) return;
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(sources, 'vite.config.mts'), '--logLevel', 'error'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
