// The peer gateways benchmarked beside Switchyard, installed on demand into bench/peers/ (exact
// pins and a lockfile there; never Switchyard's own dependencies) and launched against the same
// fake upstream. A peer that cannot be installed or started is skipped with a line saying why.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startNode, type Proc } from './processes';
import type { RequestSpec } from './load';

export interface PeerTarget {
  name: string;
  proc: Proc;
  /** The request this peer takes for a scenario (its own headers or API). */
  request(stream: boolean): RequestSpec;
  /** Scratch files to delete afterwards. */
  scratch?: string;
}

export interface PeerLaunch {
  started: PeerTarget[];
  skipped: string[];
}

const PEERS_DIR = join(__dirname, '..', '..', 'bench', 'peers');
const PORTKEY_ENTRY = join(PEERS_DIR, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');
const CCR_ENTRY = join(PEERS_DIR, 'node_modules', '@musistudio', 'claude-code-router', 'dist', 'cli.js');

/** Installs the pinned peers if they are missing; returns an error line instead of throwing. */
export function ensurePeersInstalled(log: (line: string) => void): string | undefined {
  if (existsSync(PORTKEY_ENTRY) && existsSync(CCR_ENTRY)) return undefined;
  log('installing peer gateways into bench/peers (npm ci, pinned by bench/peers/package-lock.json)…');
  try {
    const lock = existsSync(join(PEERS_DIR, 'package-lock.json'));
    // Scripts off: neither peer needs a build step, and the bench should not run foreign install hooks.
    execFileSync('npm', [lock ? 'ci' : 'install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', '--ignore-scripts'], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000 });
    return undefined;
  } catch (err) {
    return `peer install failed (${(err as Error).message.split('\n')[0]})`;
  }
}

export const openaiChatBody = (stream: boolean) =>
  JSON.stringify({ model: 'bench-model', stream, messages: [{ role: 'user', content: 'Write one sentence about railway switchyards and why they matter for freight.' }] });

export const anthropicBody = (stream: boolean) =>
  JSON.stringify({ model: 'bench-model', max_tokens: 256, stream, messages: [{ role: 'user', content: 'Write one sentence about railway switchyards and why they matter for freight.' }] });

/** Portkey: provider and upstream chosen per request by its x-portkey-* headers. */
async function startPortkey(upstreamPort: number, core: number): Promise<PeerTarget> {
  const port = await freePort();
  const proc = await startNode([PORTKEY_ENTRY, `--port=${port}`, '--headless'], { core, port, timeoutMs: 60_000 });
  const headers = {
    'x-portkey-provider': 'openai',
    'x-portkey-custom-host': `http://127.0.0.1:${upstreamPort}/v1`,
    authorization: 'Bearer sk-bench',
  };
  return { name: 'portkey gateway 1.15.2', proc, request: (stream) => ({ path: '/v1/chat/completions', headers, body: openaiChatBody(stream) }) };
}

/** claude-code-router: Anthropic Messages in, OpenAI Chat Completions out; config under $HOME. */
async function startClaudeCodeRouter(upstreamPort: number, core: number): Promise<PeerTarget> {
  const port = await freePort();
  const home = mkdtempSync(join(tmpdir(), 'switchyard-bench-ccr-'));
  mkdirSync(join(home, '.claude-code-router'));
  writeFileSync(join(home, '.claude-code-router', 'config.json'), JSON.stringify({
    LOG: false,
    HOST: '127.0.0.1',
    PORT: port,
    Providers: [{ name: 'bench', api_base_url: `http://127.0.0.1:${upstreamPort}/v1/chat/completions`, api_key: 'sk-bench', models: ['bench-model'] }],
    Router: { default: 'bench,bench-model' },
  }));
  const proc = await startNode([CCR_ENTRY, 'start'], { core, port, cwd: home, env: { HOME: home }, timeoutMs: 60_000 });
  return { name: 'claude-code-router 1.0.73', proc, scratch: home, request: (stream) => ({ path: '/v1/messages', headers: { 'x-api-key': 'unused' }, body: anthropicBody(stream) }) };
}

export async function startPeers(upstreamPort: number, core: number, log: (line: string) => void): Promise<PeerLaunch> {
  const installError = ensurePeersInstalled(log);
  if (installError) return { started: [], skipped: [`portkey gateway: ${installError}`, `claude-code-router: ${installError}`] };
  const started: PeerTarget[] = [];
  const skipped: string[] = [];
  for (const [name, start] of [['portkey gateway', startPortkey], ['claude-code-router', startClaudeCodeRouter]] as const) {
    try {
      started.push(await start(upstreamPort, core));
    } catch (err) {
      skipped.push(`${name}: could not start (${(err as Error).message.slice(0, 300)})`);
    }
  }
  return { started, skipped };
}
