// A typed client for the gateway's admin API: the desktop shell reads and changes the gateway
// exactly like the dashboard does, over HTTP with the admin token. Answers are validated, not trusted.

import { z } from 'zod';
import type { BreakerStatus, GatewayEvent, GatewaySummary, ProfileState } from './admin-types';

export interface AdminClient {
  getProfile(): Promise<ProfileState>;
  setProfile(name: string | null): Promise<ProfileState>;
  getSummary(): Promise<GatewaySummary>;
  setPaused(paused: boolean): Promise<void>;
  getEvents(since?: string): Promise<GatewayEvent[]>;
  getBreakers(): Promise<BreakerStatus[]>;
}

export class AdminApiError extends Error {
  constructor(message: string, readonly status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AdminApiError';
  }
}

export interface AdminClientOptions {
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const profileSchema = z.object({ active: z.string().nullable(), profiles: z.array(z.string()) });

const money = z.number().finite();
// A state this client does not know yet counts as closed rather than failing the whole answer.
const breakerSchema = z.object({
  account: z.string(),
  provider: z.string().optional(),
  state: z.enum(['closed', 'open', 'half_open']).catch('closed'),
});
const breakersSchema = z.object({ breakers: z.array(breakerSchema) });
const summarySchema = z.object({
  today: z.object({ costUsd: money, requests: z.number().int().nonnegative() }),
  burn: z.object({ usdPerHour: money, projectedTodayUsd: money, projectedMonthUsd: money }),
  budgets: z.array(z.object({ scope: z.string(), name: z.string(), limitUsd: money, spentUsd: money, period: z.string() })),
  breakers: z.array(breakerSchema),
  paused: z.boolean(),
});

const eventsSchema = z.object({
  events: z.array(
    z.object({
      id: z.union([z.string(), z.number()]).transform(String),
      kind: z.string(),
      message: z.string(),
      at: z.union([z.string(), z.number()]).transform((at) => (typeof at === 'number' ? new Date(at).toISOString() : at)),
    }),
  ),
});

export function createAdminClient(options: AdminClientOptions): AdminClient {
  const fetchImpl = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 5000;

  async function call<T>(method: 'GET' | 'PUT', path: string, schema: z.ZodType<T> | undefined, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new AdminApiError(`gateway unreachable (${method} ${path}): ${(err as Error).message}`, undefined, { cause: err });
    }
    const text = await response.text();
    if (!response.ok) {
      throw new AdminApiError(`${method} ${path} answered ${response.status}: ${errorMessage(text)}`, response.status);
    }
    if (!schema) return undefined as T;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new AdminApiError(`${method} ${path} answered with invalid JSON`, response.status, { cause: err });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new AdminApiError(`${method} ${path} answered an unexpected shape: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`, response.status);
    }
    return parsed.data;
  }

  return {
    getProfile: () => call('GET', '/api/profile', profileSchema),
    async setProfile(name) {
      await call('PUT', '/api/profile', undefined, { name });
      return call('GET', '/api/profile', profileSchema);
    },
    getSummary: () => call('GET', '/api/summary', summarySchema),
    setPaused: (paused) => call('PUT', '/api/paused', undefined, { paused }),
    async getEvents(since) {
      const query = since === undefined ? '' : `?since=${encodeURIComponent(since)}`;
      return (await call('GET', `/api/events${query}`, eventsSchema)).events;
    },
    getBreakers: async () => (await call('GET', '/api/breakers', breakersSchema)).breakers,
  };
}

/** The message inside an error body of any API shape, cut short; never the whole body. */
function errorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof body.error === 'string' ? body.error : body.error?.message ?? body.message;
    if (typeof message === 'string') return message.slice(0, 200);
  } catch {
    // not JSON: fall through
  }
  return text.slice(0, 200) || '(empty body)';
}
