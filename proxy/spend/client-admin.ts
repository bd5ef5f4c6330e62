// Gateway keys through the admin API: create (the key is shown once), revoke, list with spend.
// Only the key's SHA-256 hash is stored; keys from the config file are listed but never changed here.

import { z } from 'zod';
import { allowedModelsSchema, budgetSchema, expiresAtSchema, rateLimitSchema } from '../config/schema';
import { GatewayError } from '../errors';
import { hashKey } from '../gateway/runtime';
import type { Store } from '../store/store';
import { StoreConflictError } from '../store/store';
import type { BudgetPeriod } from './budget-period';
import { windowOf } from './budget-period';
import { clientScope } from './budget-scopes';
import { generateClientKey, type GatewayClient } from './client-directory';
import type { SpendControl } from './spend-control';

const createClientSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, 'must be 1–64 letters, digits, ".", "_", "@" or "-"'),
    budget: budgetSchema.optional(),
    rateLimit: rateLimitSchema.optional(),
    allowedModels: allowedModelsSchema.optional(),
    expiresAt: expiresAtSchema.optional(),
  })
  .strict();

export interface ClientView {
  name: string;
  source: 'config' | 'api';
  createdAt: string | null;
  expiresAt: string | null;
  expired: boolean;
  budget: GatewayClient['budget'];
  rateLimit: GatewayClient['rateLimit'];
  allowedModels: string[] | null;
  /** The budget's period, or `day` for a client without a budget. */
  period: BudgetPeriod;
  /** Known spend in the current period (UTC). */
  spentUsd: number;
}

export async function createApiClient(spend: SpendControl, store: Store, body: unknown, now = Date.now()): Promise<ClientView & { key: string }> {
  const parsed = createClientSchema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.code === 'unrecognized_keys' ? issue.keys[0]! : issue.path.map(String).join('.');
    throw new GatewayError('invalid_request', `${field || 'body'}: ${issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message}`, { code: 'invalid_value' });
  }
  const input = parsed.data;
  if (spend.clients.byName.has(input.name)) throw conflict(input.name);
  const key = generateClientKey();
  try {
    await store.createApiClient({
      name: input.name,
      keyHash: hashKey(key),
      createdAt: now,
      expiresAt: input.expiresAt ? Date.parse(input.expiresAt) : null,
      revokedAt: null,
      budget: input.budget ?? null,
      rateLimit: input.rateLimit ?? null,
      allowedModels: input.allowedModels ?? null,
    });
  } catch (err) {
    if (err instanceof StoreConflictError) throw conflict(input.name);
    throw err;
  }
  await spend.reloadClients();
  const client = spend.clients.byName.get(input.name)!;
  return { ...(await viewOf(spend, store, client, now)), key };
}

export async function revokeApiClient(spend: SpendControl, store: Store, name: string, now = Date.now()): Promise<void> {
  const client = spend.clients.byName.get(name);
  if (client?.source === 'config') {
    throw new GatewayError('invalid_request', `client "${name}" is defined in the config file; remove it there`, { status: 409, code: 'config_client' });
  }
  if (!(await store.revokeApiClient(name, now))) throw new GatewayError('not_found', `no client named "${name}"`, { code: 'not_found' });
  await spend.reloadClients();
}

export async function listClientViews(spend: SpendControl, store: Store, now = Date.now()): Promise<ClientView[]> {
  return Promise.all([...spend.clients.byName.values()].map((client) => viewOf(spend, store, client, now)));
}

async function viewOf(spend: SpendControl, store: Store, client: GatewayClient, now: number): Promise<ClientView> {
  const scope = clientScope(client);
  const period = scope?.period ?? 'day';
  let spentUsd: number;
  if (scope) spentUsd = (await spend.ledger.usage(scope, now)).spentUsd;
  else {
    const window = windowOf(period, now);
    spentUsd = await store.spentUsd({ from: window.from, to: window.to, client: client.name });
  }
  return {
    name: client.name,
    source: client.source,
    createdAt: client.createdAt === null ? null : new Date(client.createdAt).toISOString(),
    expiresAt: client.expiresAt === null ? null : new Date(client.expiresAt).toISOString(),
    expired: client.expiresAt !== null && client.expiresAt <= now,
    budget: client.budget,
    rateLimit: client.rateLimit,
    allowedModels: client.allowedModels,
    period,
    spentUsd,
  };
}

function conflict(name: string): GatewayError {
  return new GatewayError('invalid_request', `a client named "${name}" already exists`, { status: 409, code: 'conflict' });
}
