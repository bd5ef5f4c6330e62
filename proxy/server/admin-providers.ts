// Admin API for providers: what is configured (never a key value), write-only key changes through
// the key store, and a connection test that makes one cheap authenticated call.

import express, { type Response } from 'express';
import type { Gateway } from '../gateway/gateway';
import type { ProviderRuntime } from '../gateway/runtime';
import type { KeyStore } from '../keys/key-store';
import { providerKeyRefs } from '../config/load-config';
import { headerValueProblem } from '../config/header-safe';
import { authorizeRequest } from '../providers/auth/authorize';
import { classifyNetworkError } from '../upstream/upstream-client';
import { isValidKeyName, KEY_NAME_RULE } from '../keys/key-name';
import { knownModels } from './list-models';
import { badRequest, notFound } from './admin-query';

const MAX_KEY_CHARS = 8192;
const TEST_TIMEOUT_MS = 10_000;

export function createProvidersRouter(gateway: Gateway, keyStore: KeyStore | undefined): express.Router {
  const router = express.Router();

  router.get('/providers', async (_req, res) => {
    const runtime = gateway.runtime;
    const providers = await Promise.all(
      runtime.config.providers.map(async (config) => {
        const provider = runtime.providers.get(config.id)!;
        return {
          id: provider.id,
          kind: provider.kind,
          name: provider.entry?.name ?? provider.id,
          baseUrl: provider.baseUrl,
          keyRef: providerKeyRefs.get(config) ?? null,
          hasKey: provider.accounts.some((a) => a.secret !== undefined && a.secret !== ''),
          auth: provider.auth,
          models: (await knownModels(provider)).map((m) => m.id),
        };
      }),
    );
    res.json({ providers });
  });

  /** The key-store name a provider's key lives under, or why it cannot be changed here. */
  const keyNameFor = (res: Response, id: string): string | undefined => {
    const config = gateway.runtime.config.providers.find((p) => p.id === id);
    if (!config) return void notFound(res, `no provider "${id}"`);
    if (!keyStore) return void conflict(res, 'this gateway runs without a key store');
    // A key pool is read from the config file only: a stored key would be reported set, yet never used.
    if (config.apiKeys) return void conflict(res, `the keys of "${id}" come from its "apiKeys" in the config file; change them there`);
    const ref = providerKeyRefs.get(config);
    const name = ref === undefined ? id : ref.startsWith('keychain:') ? ref.slice('keychain:'.length) : undefined;
    if (name === undefined) return void conflict(res, `the key of "${id}" comes from ${ref === 'literal' ? 'the config file' : ref}; change it there`);
    if (!isValidKeyName(name)) return void conflict(res, `"${name}" cannot name a stored key (${KEY_NAME_RULE}); set the key in the config file`);
    return name;
  };

  router.put('/providers/:id/key', async (req, res) => {
    const apiKey = (req.body as { apiKey?: unknown } | undefined)?.apiKey;
    if (typeof apiKey !== 'string' || apiKey.trim() === '' || apiKey.length > MAX_KEY_CHARS) {
      return badRequest(res, `"apiKey" must be a non-empty string of at most ${MAX_KEY_CHARS} characters`);
    }
    const problem = headerValueProblem(apiKey.trim());
    if (problem) return badRequest(res, `"apiKey" ${problem}`);
    const name = keyNameFor(res, req.params.id);
    if (name === undefined) return;
    await keyStore!.set(name, apiKey.trim());
    await gateway.reloadConfig(true);
    res.json({ id: req.params.id, hasKey: true });
  });

  router.delete('/providers/:id/key', async (req, res) => {
    const name = keyNameFor(res, req.params.id);
    if (name === undefined) return;
    const deleted = await keyStore!.delete(name);
    await gateway.reloadConfig(true);
    res.json({ id: req.params.id, deleted });
  });

  router.post('/providers/:id/test', async (req, res) => {
    const provider = gateway.runtime.providers.get(req.params.id);
    if (!provider) return notFound(res, `no provider "${req.params.id}"`);
    res.json(await testConnection(gateway, provider));
  });

  return router;
}

/** One authenticated GET of the provider's model list: proves the URL, the network and the key. */
async function testConnection(gateway: Gateway, provider: ProviderRuntime): Promise<{ ok: boolean; latencyMs: number; status?: number; error?: string }> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  if (!provider.entry?.listsModels && provider.wire !== 'openai') {
    return { ok: false, latencyMs: 0, error: `${provider.kind} has no model-list endpoint to test against; send a request instead` };
  }
  try {
    const headers: Record<string, string> = { accept: 'application/json', ...provider.headers };
    if (provider.wire === 'anthropic') headers['anthropic-version'] = '2023-06-01';
    const url = provider.baseUrl + (provider.entry?.modelsPath ?? '/models');
    const signed = await authorizeRequest(provider.auth, provider.accounts[0]?.secret ?? provider.secret, { method: 'GET', url, headers, body: '' }, provider.authOptions);
    // The provider's own first-byte limit, capped so the settings screen never waits long.
    const response = await gateway.upstream.send({ url: new URL(signed.url), method: 'GET', headers: signed.headers, timeoutMs: Math.min(provider.timeoutMs, TEST_TIMEOUT_MS) });
    // Only the status matters: reading a body that stalls could hold the test for minutes.
    response.body.destroy();
    const ok = response.status >= 200 && response.status < 300;
    return { ok, latencyMs: elapsed(), status: response.status, ...(ok ? {} : { error: response.status === 401 || response.status === 403 ? 'the provider refused the key' : `the provider answered HTTP ${response.status}` }) };
  } catch (err) {
    return { ok: false, latencyMs: elapsed(), error: classifyNetworkError(err).message };
  }
}

function conflict(res: Response, message: string) {
  res.status(409).json({ error: { message, type: 'invalid_request_error', code: 'conflict' } });
}
