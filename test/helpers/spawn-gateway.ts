// Starts `node bin/switchyard.js serve` as a real child process on a free port and waits for /health.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

export interface SpawnedGateway {
  url: string;
  port: number;
  dataDir: string;
  configPath: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for exit; returns the exit code. */
  stop(): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `switchyard-${prefix}-`));
}

export async function spawnGateway(config: unknown, options: { env?: Record<string, string>; dataDir?: string; extraArgs?: string[] } = {}): Promise<SpawnedGateway> {
  const dataDir = options.dataDir ?? tempDir('data');
  const configPath = join(tempDir('config'), 'switchyard.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  // Port 0: the gateway takes a free port itself and prints its address. A port picked here and
  // handed over could be taken meanwhile by another test's gateway, whose /health would then answer.
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'switchyard.js'), 'serve', '--config', configPath, '--data-dir', dataDir, '--port', '0', ...(options.extraArgs ?? [])], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Generous: a cold start on a busy 2-core CI machine can take many seconds.
  const deadline = Date.now() + 60_000;
  let url: string | undefined;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway exited early (${child.exitCode}): ${output}`);
    url ??= /Switchyard gateway on (http:\/\/\S+)/.exec(output)?.[1];
    if (url) {
      try {
        const res = await fetch(`${url}/health`);
        if (res.status === 200) break;
      } catch {
        // not answering yet
      }
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`gateway did not become healthy: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const port = Number(new URL(url).port);
  return {
    url, port, dataDir, configPath, child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
