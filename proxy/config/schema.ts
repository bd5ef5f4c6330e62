// The config file's shape, validated with zod so every problem names its field.

import { z } from 'zod';
import { azureOptionsSchema, bedrockOptionsSchema, vertexOptionsSchema } from '../providers/provider-options';

export const priceSchema = z
  .object({
    input: z.number().nonnegative(),
    output: z.number().nonnegative(),
    cachedInput: z.number().nonnegative().optional(),
    cacheWrite: z.number().nonnegative().optional(),
    reasoningOutput: z.number().nonnegative().optional(),
    perRequest: z.number().nonnegative().optional(),
  })
  .strict();

const targetRef = z.string().regex(/^[^/\s]+\/\S+$/, 'must be "<provider id>/<model>"');

const target = z.union([
  targetRef,
  z.object({ target: targetRef, weight: z.number().positive().optional() }).strict(),
]);

const strategy = z.enum(['fallback', 'weighted', 'cheapest', 'fastest']);

/** Per-route retries on one target before failing over to the next. */
const retry = z
  .object({
    attempts: z.number().int().min(1).max(10).optional(),
    backoffMs: z.number().int().nonnegative().optional(),
    maxBackoffMs: z.number().int().nonnegative().optional(),
  })
  .strict();

export const routeBodySchema = z
  .object({
    strategy: strategy.default('fallback'),
    targets: z.array(target).min(1, 'needs at least one target'),
    retry: retry.optional(),
  })
  .strict();
const routeBody = routeBodySchema;

/** Per-client and per-route switches over the global `optimize` block (README "Optimisation"). */
const optimizeOverride = z
  .object({
    compression: z.object({ enabled: z.boolean() }).strict().optional(),
    cache: z.object({ enabled: z.boolean().optional(), nonDeterministic: z.boolean().optional() }).strict().optional(),
  })
  .strict();

export const optimizeSchema = z
  .object({
    compression: z
      .object({
        enabled: z.boolean().default(false),
        /** Tool outputs shorter than this are forwarded unchanged. */
        minChars: z.number().int().nonnegative().default(400),
      })
      .strict()
      .default({ enabled: false, minChars: 400 }),
    cache: z
      .object({
        enabled: z.boolean().default(true),
        ttlSeconds: z.number().int().positive().default(3600),
        maxBytes: z.number().int().positive().default(64 * 1024 * 1024),
        /** Cache answers sampled at a temperature above 0 too (they are then replayed, not resampled). */
        nonDeterministic: z.boolean().default(false),
      })
      .strict()
      .default({ enabled: true, ttlSeconds: 3600, maxBytes: 64 * 1024 * 1024, nonDeterministic: false }),
    promptCache: z
      .object({ anthropic: z.boolean().default(true), openai: z.boolean().default(true) })
      .strict()
      .default({ anthropic: true, openai: true }),
  })
  .strict();

const route = routeBody.extend({ name: z.string().min(1), optimize: optimizeOverride.optional() }).strict();

const percent = z.number().positive().max(1000);

/** A spending limit: requests are refused once a period's spend would pass `usd`. */
export const budgetSchema = z
  .object({
    usd: z.number().nonnegative(),
    period: z.enum(['day', 'month', 'total']).default('day'),
    /** Percentages of `usd` whose crossing is recorded as an event once per period. */
    alerts: z.array(percent).max(10).default([50, 80, 100]),
  })
  .strict();

export const rateLimitSchema = z
  .object({
    /** Requests per minute. */
    rpm: z.number().int().positive().optional(),
    /** Tokens (input + output) per minute. */
    tpm: z.number().int().positive().optional(),
  })
  .strict();

/** Route names or `<provider>/<model>` patterns, where `*` matches any run of characters. */
export const allowedModelsSchema = z.array(z.string().min(1)).max(200);

export const expiresAtSchema = z.string().refine((value) => Number.isFinite(Date.parse(value)), 'must be an ISO 8601 date-time');

const provider = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9._-]+$/, 'may use letters, digits, ".", "_" and "-" only'),
    kind: z.string().min(1),
    // Anything else (ftp:, file:, a typo'd scheme) would only fail at request time, as "unreachable".
    baseUrl: z.string().url().regex(/^https?:\/\//i, 'must be an http:// or https:// URL').optional(),
    apiKey: z.string().min(1).optional(),
    /** More keys (accounts) for the same provider: balanced, each with its own breaker and cooldown. */
    apiKeys: z.array(z.string().min(1)).optional(),
    timeoutMs: z.number().int().positive().optional(),
    /** Longest silence allowed between a started answer's chunks. */
    idleTimeoutMs: z.number().int().positive().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    models: z.array(z.string().min(1)).optional(),
    prices: z.record(z.string(), priceSchema).optional(),
    budget: budgetSchema.optional(),
    azure: azureOptionsSchema.optional(),
    vertex: vertexOptionsSchema.optional(),
    bedrock: bedrockOptionsSchema.optional(),
  })
  .strict();

const client = z
  .object({
    name: z.string().min(1),
    key: z.string().min(8, 'must be at least 8 characters'),
    budget: budgetSchema.optional(),
    allowedModels: allowedModelsSchema.optional(),
    expiresAt: expiresAtSchema.optional(),
    rateLimit: rateLimitSchema.optional(),
    optimize: optimizeOverride.optional(),
  })
  .strict();

const breaker = z
  .object({
    failures: z.number().int().min(1).optional(),
    failureRate: z.number().gt(0).max(1).optional(),
    minRequests: z.number().int().min(1).optional(),
    windowMs: z.number().int().positive().optional(),
    cooldownMs: z.number().int().positive().optional(),
  })
  .strict();

const routing = z
  .object({
    maxAttempts: z.number().int().min(1).max(20).optional(),
    deadlineMs: z.number().int().positive().optional(),
    retryAfterCapMs: z.number().int().nonnegative().optional(),
    rateLimitCooldownMs: z.number().int().nonnegative().optional(),
    exploration: z.number().min(0).max(1).optional(),
    breaker: breaker.optional(),
  })
  .strict();

const header = z
  .object({
    name: z.string().min(1),
    value: z.string().optional(),
    pattern: z
      .string()
      .refine((p) => {
        try {
          new RegExp(p);
          return true;
        } catch {
          return false;
        }
      }, 'must be a valid regular expression')
      .optional(),
  })
  .strict()
  .refine((h) => (h.value === undefined) !== (h.pattern === undefined), 'needs exactly one of "value" or "pattern"');

const rule = z
  .object({
    when: z
      .object({
        client: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
        model: z.string().min(1).optional(),
        minPromptTokens: z.number().int().nonnegative().optional(),
        maxPromptTokens: z.number().int().nonnegative().optional(),
        hasTools: z.boolean().optional(),
        hasImages: z.boolean().optional(),
        header: header.optional(),
      })
      .strict()
      .default({}),
    route: z.string().min(1).optional(),
    target: targetRef.optional(),
  })
  .strict()
  .refine((r) => (r.route === undefined) !== (r.target === undefined), 'needs exactly one of "route" or "target"');

/** Raw request rows older than `rawDays` are deleted once their day is rolled up into daily totals. */
const retention = z
  .object({
    rawDays: z.number().int().min(1).max(3650).default(30),
  })
  .strict();

const profile = z
  .object({
    name: z.string().min(1),
    routes: z.record(z.string(), routeBody),
  })
  .strict();

export const configSchema = z
  .object({
    adminToken: z.string().min(8, 'must be at least 8 characters').optional(),
    maxBodyBytes: z.number().int().positive().optional(),
    allowedOrigins: z.array(z.string().regex(/^https?:\/\/[^/]+$/, 'must be scheme://host[:port]')).default([]),
    // Compared with the Host header's name alone: a scheme or a port here could never match.
    allowedHosts: z.array(z.string().regex(/^(?:\[[0-9A-Fa-f:.]+\]|[^\s:/[\]]+)$/, 'must be a host name without scheme or port (e.g. "gateway.example.com" or "[::1]")')).default([]),
    providers: z.array(provider).default([]),
    routes: z.array(route).default([]),
    profiles: z.array(profile).default([]),
    clients: z.array(client).default([]),
    prices: z.record(z.string(), priceSchema).optional(),
    /** A JSON price file (see README "Prices"); relative paths are resolved against the config file. */
    priceFile: z.string().min(1).optional(),
    /** A limit on everything the gateway spends. */
    budget: budgetSchema.optional(),
    /** Output tokens reserved for a request that sets no max_tokens (budget admission). */
    defaultMaxTokens: z.number().int().positive().optional(),
    routing: routing.optional(),
    rules: z.array(rule).default([]),
    optimize: optimizeSchema.optional(),
    /** Team mode: a `postgres://` URL (or `env:NAME`) for the shared store; SQLite under the data dir without it. */
    database: z.string().regex(/^(postgres(ql)?:\/\/|env:)/, 'must be a postgres:// URL or env:NAME').optional(),
    /** Team mode: a `redis://` URL (or `env:NAME`) for budgets and rate limits shared by every instance. */
    redis: z.string().regex(/^(rediss?:\/\/|env:)/, 'must be a redis:// or rediss:// URL or env:NAME').optional(),
    /** What a request needing a budget or rate check gets while Redis is unreachable: refused (503) or let through. */
    redisFailure: z.enum(['closed', 'open']).default('closed'),
    retention: retention.optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ProviderConfig = z.infer<typeof provider>;
export type RouteConfig = z.infer<typeof route>;
export type RouteBody = z.infer<typeof routeBody>;
export type TargetConfig = z.infer<typeof target>;
export type ClientConfig = z.infer<typeof client>;
export type PriceConfig = z.infer<typeof priceSchema>;
export type BudgetConfig = z.infer<typeof budgetSchema>;
export type RateLimitConfig = z.infer<typeof rateLimitSchema>;
export type RetryConfig = z.infer<typeof retry>;
export type RoutingConfig = z.infer<typeof routing>;
export type BreakerConfig = z.infer<typeof breaker>;
export type RuleConfig = z.infer<typeof rule>;
export type OptimizeConfig = z.infer<typeof optimizeSchema>;
export type OptimizeOverride = z.infer<typeof optimizeOverride>;
export type RetentionConfig = z.infer<typeof retention>;
