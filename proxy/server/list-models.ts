// GET /v1/models: every route name and every known `<provider id>/<model>` (catalog, config and what
// the provider itself lists), in OpenAI's list shape.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Gateway } from '../gateway/gateway';
import type { ProviderRuntime } from '../gateway/runtime';
import { authenticate } from '../pipeline/authenticate';
import { sendErrorNow } from '../pipeline/send-error';
import { clientFormat } from '../formats/registry';
import { toGatewayError } from '../errors';
import { discoverModels } from '../providers/discovery/discover-models';
import { mergeModels, type KnownModel } from '../providers/discovery/merge-models';

const DISCOVERY_TIMEOUT_MS = 2_000;

/** The models a provider is known to serve; discovery results are cached by the discovery module. */
export async function knownModels(provider: ProviderRuntime): Promise<KnownModel[]> {
  const discovered = provider.entry?.listsModels
    ? await discoverModels(provider.entry, provider.baseUrl, provider.secret, undefined, { timeoutMs: DISCOVERY_TIMEOUT_MS })
    : [];
  return mergeModels(provider.entry?.models, provider.models, discovered);
}

export async function listModels(gateway: Gateway, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    authenticate(gateway.spend.clients, req, gateway.openWithoutKeys);
  } catch (err) {
    return sendErrorNow(res, clientFormat('openai-chat'), toGatewayError(err));
  }
  const runtime = gateway.runtime;
  const created = Math.floor(Date.now() / 1000);
  const owners = new Map<string, string>();
  for (const name of runtime.routes.keys()) owners.set(name, 'switchyard');
  for (const route of runtime.routes.values()) for (const t of route.targets) owners.set(t.ref, t.provider.id);
  const providers = [...runtime.providers.values()];
  const listings = await Promise.all(providers.map((p) => knownModels(p)));
  providers.forEach((p, i) => {
    for (const model of listings[i]!) if (!owners.has(`${p.id}/${model.id}`)) owners.set(`${p.id}/${model.id}`, p.id);
  });
  const data = [...owners].map(([id, owner]) => ({ id, object: 'model', created, owned_by: owner }));
  const body = JSON.stringify({ object: 'list', data });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
