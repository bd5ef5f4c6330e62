// Every gateway key the gateway accepts: config `clients` (hashed when loaded) and keys created
// through the admin API (stored hashed). Rebuilt whole when either changes; lookups are by hash.

import { randomBytes } from 'node:crypto';
import type { BudgetConfig, ClientConfig, RateLimitConfig } from '../config/schema';
import { hashKey } from '../gateway/runtime';
import type { ApiClientRecord } from '../store/store';
import { compileModelMatcher, type ModelMatcher } from './model-matcher';

export interface GatewayClient {
  name: string;
  source: 'config' | 'api';
  keyHash: string;
  createdAt: number | null;
  /** Epoch ms after which the key is refused. */
  expiresAt: number | null;
  budget: BudgetConfig | null;
  rateLimit: RateLimitConfig | null;
  allowedModels: string[] | null;
  /** null: every model is allowed. */
  matcher: ModelMatcher | null;
}

export class ClientDirectory {
  readonly byKeyHash: ReadonlyMap<string, GatewayClient>;
  readonly byName: ReadonlyMap<string, GatewayClient>;

  constructor(clients: GatewayClient[]) {
    this.byKeyHash = new Map(clients.map((c) => [c.keyHash, c]));
    this.byName = new Map(clients.map((c) => [c.name, c]));
  }

  get size(): number {
    return this.byKeyHash.size;
  }

  static build(config: readonly ClientConfig[], api: readonly ApiClientRecord[]): ClientDirectory {
    const fromConfig = config.map((c): GatewayClient => ({
      name: c.name,
      source: 'config',
      keyHash: hashKey(c.key),
      createdAt: null,
      expiresAt: c.expiresAt ? Date.parse(c.expiresAt) : null,
      budget: c.budget ?? null,
      rateLimit: c.rateLimit ?? null,
      allowedModels: c.allowedModels ?? null,
      matcher: c.allowedModels ? compileModelMatcher(c.allowedModels) : null,
    }));
    const configNames = new Set(config.map((c) => c.name));
    // A config client wins a name clash: the config file is the operator's last word.
    const fromApi = api.filter((r) => r.revokedAt === null && !configNames.has(r.name)).map((r): GatewayClient => ({
      name: r.name,
      source: 'api',
      keyHash: r.keyHash,
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      budget: r.budget,
      rateLimit: r.rateLimit,
      allowedModels: r.allowedModels,
      matcher: r.allowedModels ? compileModelMatcher(r.allowedModels) : null,
    }));
    return new ClientDirectory([...fromConfig, ...fromApi]);
  }
}

/** A new gateway key: `sy-` and 32 base64url characters (192 random bits). */
export function generateClientKey(): string {
  return 'sy-' + randomBytes(24).toString('base64url');
}
