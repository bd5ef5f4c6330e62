// One real `switchyard serve` in front of three scripted fake upstreams (OpenAI, Anthropic, Gemini),
// shared by every test of an e2e file, plus readers for what the gateway recorded.

import { startFakeAnthropic, type FakeAnthropic } from './fake-anthropic';
import { startFakeGemini, type FakeGemini } from './fake-gemini';
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai';
import { textReply } from './scripted-reply';
import { spawnGateway, type SpawnedGateway } from '../helpers/spawn-gateway';
import type { LoggedRequest } from '../helpers/find-logged-request';

export const ADMIN_TOKEN = 'e2e-admin-token';
export const KEYS = { openai: 'oa-upstream-key', anthropic: 'an-upstream-key', gemini: 'gm-upstream-key' } as const;

/** The model each provider answers as, with the price (USD per 1M tokens) the config gives it. */
export const MODELS = {
  openai: 'oa/gpt-4o',
  anthropic: 'an/claude-sonnet-4-5',
  gemini: 'gm/gemini-2.5-flash',
} as const;
export const PRICES = {
  openai: { input: 2.5, cachedInput: 1.25, output: 10 },
  anthropic: { input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 },
  gemini: { input: 0.3, cachedInput: 0.075, output: 2.5 },
} as const;

export interface E2EWorld {
  gateway: SpawnedGateway;
  openai: FakeOpenAI;
  anthropic: FakeAnthropic;
  gemini: FakeGemini;
  /** Restores every fake's default answer. */
  resetReplies(): void;
  /** How many requests the gateway has recorded so far. */
  recordedCount(): Promise<number>;
  /** The newest recorded request, once more than `after` are recorded. */
  rowAfter(after: number): Promise<LoggedRequest>;
  close(): Promise<void>;
}

async function listRows(url: string): Promise<LoggedRequest[]> {
  const res = await fetch(`${url}/api/requests?limit=1000`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  if (res.status !== 200) throw new Error(`GET /api/requests answered ${res.status}`);
  return ((await res.json()) as { requests: LoggedRequest[] }).requests;
}

export async function startE2EWorld(): Promise<E2EWorld> {
  const [openai, anthropic, gemini] = await Promise.all([
    startFakeOpenAI({ apiKey: KEYS.openai, reply: () => textReply('Hello from GPT.') }),
    startFakeAnthropic({ apiKey: KEYS.anthropic }),
    startFakeGemini({ apiKey: KEYS.gemini }),
  ]);
  const split = (ref: string) => ref.split('/')[1]!;
  const config = {
    adminToken: ADMIN_TOKEN,
    providers: [
      { id: 'oa', kind: 'openai', baseUrl: `${openai.url}/v1`, apiKey: KEYS.openai, prices: { [split(MODELS.openai)]: PRICES.openai } },
      { id: 'an', kind: 'anthropic', baseUrl: `${anthropic.url}/v1`, apiKey: KEYS.anthropic, prices: { [split(MODELS.anthropic)]: PRICES.anthropic } },
      { id: 'gm', kind: 'gemini', baseUrl: `${gemini.url}/v1beta`, apiKey: KEYS.gemini, prices: { [split(MODELS.gemini)]: PRICES.gemini } },
    ],
    routes: [
      // Counting tokens needs a tokenizer the gateway does not have for this one.
      { name: 'mystery', strategy: 'fallback', targets: ['oa/mystery-model-1'] },
    ],
    // The error tables make the fakes refuse the key (401) for one request, then answer otherwise: a
    // refused key's breaker opens at once, and a 1 ms cooldown lets the next request probe it again.
    routing: { breaker: { cooldownMs: 1 } },
  };
  let gateway: SpawnedGateway;
  try {
    gateway = await spawnGateway(config);
  } catch (err) {
    // Open fake servers would keep the test process alive: a failed start must not hang the suite.
    await Promise.all([openai.close(), anthropic.close(), gemini.close()]);
    throw err;
  }
  return {
    gateway, openai, anthropic, gemini,
    resetReplies() {
      openai.reply = () => textReply('Hello from GPT.');
      anthropic.reply = () => textReply('Hello from Claude.');
      gemini.reply = () => textReply('Hello from Gemini.');
    },
    recordedCount: async () => (await listRows(gateway.url)).length,
    async rowAfter(after) {
      // Records are written off the client's critical path: poll briefly.
      const deadline = Date.now() + 5_000;
      for (;;) {
        const rows = await listRows(gateway.url);
        if (rows.length > after) return rows[0]!;
        if (Date.now() > deadline) throw new Error(`no request recorded after ${after}: ${gateway.output().slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async close() {
      await gateway.stop();
      await Promise.all([openai.close(), anthropic.close(), gemini.close()]);
    },
  };
}

/** Cost the way a bill reads, from provider-independent counts and a price per 1M tokens. */
export function expectedCost(usage: { fresh: number; output: number; cacheRead?: number; cacheWrite?: number }, price: { input: number; output: number; cachedInput?: number; cacheWrite?: number }): number {
  const micro = usage.fresh * price.input + (usage.cacheRead ?? 0) * (price.cachedInput ?? price.input) + (usage.cacheWrite ?? 0) * (price.cacheWrite ?? price.input) + usage.output * price.output;
  return micro / 1e6;
}
