// Starts test/fakes/provider-fake in a child process and resolves once it prints its port.

import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface RunningFake {
  origin: string;
  requests(): Promise<Array<{ method: string; url: string; headers: Record<string, string>; body: string }>>;
  stop(): Promise<void>;
}

export function startProviderFake(env: Record<string, string> = {}): Promise<RunningFake> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'provider-fake.js')], { env: { ...process.env, ...env, SWITCHYARD_PROVIDER_FAKE: '1' }, stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`provider fake exited early with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (!out.includes('\n')) return;
      const origin = `http://127.0.0.1:${Number(line)}`;
      resolve({
        origin,
        requests: async () => (await fetch(`${origin}/__requests`)).json() as never,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.stdin?.end();
          }),
      });
    });
  });
}
