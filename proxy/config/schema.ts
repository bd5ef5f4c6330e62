// The config file's shape, validated with zod so every problem names its field.

import { z } from 'zod';
import { azureOptionsSchema, bedrockOptionsSchema, vertexOptionsSchema } from '../providers/provider-options';

const price = z
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

const routeBody = z
  .object({
    strategy: strategy.default('fallback'),
    targets: z.array(target).min(1, 'needs at least one target'),
  })
  .strict();

const route = routeBody.extend({ name: z.string().min(1) }).strict();

const provider = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9._-]+$/, 'may use letters, digits, ".", "_" and "-" only'),
    kind: z.string().min(1),
    baseUrl: z.string().url().optional(),
    apiKey: z.string().min(1).optional(),
    timeoutMs: z.number().int().positive().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    models: z.array(z.string().min(1)).optional(),
    prices: z.record(z.string(), price).optional(),
    azure: azureOptionsSchema.optional(),
    vertex: vertexOptionsSchema.optional(),
    bedrock: bedrockOptionsSchema.optional(),
  })
  .strict();

const budget = z
  .object({
    usd: z.number().nonnegative(),
    period: z.enum(['day', 'month', 'total']).default('day'),
  })
  .strict();

const client = z
  .object({
    name: z.string().min(1),
    key: z.string().min(8, 'must be at least 8 characters'),
    budget: budget.optional(),
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
    allowedHosts: z.array(z.string().min(1)).default([]),
    providers: z.array(provider).default([]),
    routes: z.array(route).default([]),
    profiles: z.array(profile).default([]),
    clients: z.array(client).default([]),
    prices: z.record(z.string(), price).optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ProviderConfig = z.infer<typeof provider>;
export type RouteConfig = z.infer<typeof route>;
export type RouteBody = z.infer<typeof routeBody>;
export type TargetConfig = z.infer<typeof target>;
export type ClientConfig = z.infer<typeof client>;
export type PriceConfig = z.infer<typeof price>;
export type BudgetConfig = z.infer<typeof budget>;
