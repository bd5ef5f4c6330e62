// What the gateway keeps: the request log, spend queries and small settings. SQLite by default;
// Postgres in team mode. Writes are queued and batched off the request's critical path.

export interface AttemptRecord {
  target: string;
  status: number | null;
  latencyMs: number;
  /** Error class (a GatewayError kind), null on success. */
  error: string | null;
}

export interface RequestRecord {
  id: string;
  startedAt: number;
  client: string | null;
  /** What the client asked for (route name or provider/model). */
  model: string;
  /** The `<provider id>/<model>` that answered, null if none did. */
  target: string | null;
  format: string;
  stream: boolean;
  status: number;
  inputTokens: number | null;
  outputTokens: number | null;
  cachedTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  costUsd: number | null;
  latencyMs: number;
  overheadMs: number;
  ttfbMs: number | null;
  error: string | null;
  attempts: AttemptRecord[];
}

export interface RequestQuery {
  limit: number;
  offset?: number;
  client?: string;
  model?: string;
  target?: string;
  /** `ok` for 2xx, `error` for everything else. */
  status?: 'ok' | 'error';
}

export type SpendGrouping = 'client' | 'target' | 'model' | 'day' | 'hour';

export interface SpendRow {
  key: string;
  requests: number;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  /** Answered requests whose cost is unknown (no usage or no price); not included in costUsd. Refused and failed requests cost nothing. */
  unknownCost: number;
}

export interface SpendQuery {
  by: SpendGrouping;
  from?: number;
  to?: number;
  client?: string;
}

/** A gateway key created through the admin API; only the key's SHA-256 hash is kept. */
export interface ApiClientRecord {
  name: string;
  keyHash: string;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  budget: { usd: number; period: 'day' | 'month' | 'total'; alerts: number[] } | null;
  rateLimit: { rpm?: number; tpm?: number } | null;
  allowedModels: string[] | null;
}

export type EventKind = 'budget_threshold' | 'budget_exceeded' | 'price_unknown';

export interface NewEvent {
  kind: EventKind;
  /** `client`, `global`, `provider` or `target`. */
  scope: string;
  name: string;
  percent: number | null;
  message: string;
  at: number;
  /** Events with the same key are recorded once (e.g. one threshold crossing per period). */
  dedupeKey?: string;
}

export interface EventRecord extends Omit<NewEvent, 'dedupeKey'> {
  id: number;
}

export interface SpentFilter {
  from: number;
  to: number;
  client?: string;
  /** Requests answered by this provider id. */
  provider?: string;
}

export interface TimeseriesQuery {
  bucket: 'hour' | 'day';
  from: number;
  to: number;
  by?: 'model' | 'target' | 'client';
}

export interface TimeseriesPoint {
  /** Bucket start, epoch ms (UTC). */
  t: number;
  key: string;
  requests: number;
  errors: number;
  costUsd: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export type SavingMethod = 'compression' | 'response_cache' | 'prompt_cache';

/** One saving in the ledger (README "Optimisation"): what the request would have cost, what it did. */
export interface SavingRecord {
  requestId: string;
  at: number;
  method: SavingMethod;
  /** USD without the optimisation; null when it could not be measured. */
  baseline: number | null;
  /** USD with it; null when it could not be measured. */
  actual: number | null;
  /** baseline − actual when verified; 0 when not (an unmeasured saving is never counted). */
  savedUsd: number;
  verified: boolean;
  /** The measured facts behind the numbers (token counts, prices, how they were counted). */
  evidence: Record<string, unknown>;
}

/** What the advisor needs to know about one answered request. */
export interface RequestInsight {
  requestId: string;
  at: number;
  client: string | null;
  route: string;
  target: string | null;
  /** The response-cache key of the request (a hash of its canonical form). */
  fingerprint: string;
  /** The response cache applied to it (temperature 0 or opted in, and enabled). */
  cacheable: boolean;
  cacheHit: boolean;
  /** Who put prompt-cache hints on it: the client, the gateway, or nobody. */
  promptCache: 'client' | 'gateway' | 'none';
  inputTokens: number | null;
  outputTokens: number | null;
  cachedTokens: number | null;
  costUsd: number | null;
  /** Characters of tool output in the request, per command that produced it. */
  toolOutputs: Array<{ command: string; chars: number }>;
}

export interface RetentionOptions {
  now: number;
  /** Raw request rows are kept this many whole days; older days live on as daily rollups. */
  rawDays: number;
}

export interface RetentionResult {
  /** Days newly rolled up. */
  rolledDays: number;
  /** Raw request rows deleted. */
  prunedRows: number;
}

export interface StoreBacklog {
  /** False while writes go to the local journal because the database is unreachable. */
  reachable: boolean;
  /** Rows waiting in the local journal. */
  pendingRows: number;
  /** Rows dropped since start because the journal was full. */
  droppedRows: number;
  /** Rows the database refused since start (set aside, not retried). */
  refusedRows: number;
}

export interface Store {
  /** Queues the record; it is durable after the next flush (milliseconds later). */
  recordRequest(record: RequestRecord): void;
  listRequests(query: RequestQuery): Promise<RequestRecord[]>;
  spend(query: SpendQuery): Promise<SpendRow[]>;
  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string | null): Promise<void>;
  /**
   * Replaces a setting with `change(current)` (null deletes it) in one step that no other writer of
   * that setting, on this or another instance, can come between; returns what is now stored. For a
   * setting that holds several independent edits (one per route, say), so that two instances
   * editing different parts of it at once both keep theirs.
   */
  updateSetting(key: string, change: (current: string | undefined) => string | null): Promise<string | null>;
  /** Sum of known costs of the requests matching the filter (started in [from, to)). */
  spentUsd(filter: SpentFilter): Promise<number>;
  timeseries(query: TimeseriesQuery): Promise<TimeseriesPoint[]>;
  /** Fails with StoreConflictError when a live client already has the name. */
  createApiClient(record: ApiClientRecord): Promise<void>;
  /** Live (unrevoked) API clients. */
  listApiClients(): Promise<ApiClientRecord[]>;
  /** Returns false when no live client has the name. */
  revokeApiClient(name: string, at: number): Promise<boolean>;
  /** Returns the stored event, or null when one with the same dedupe key exists. */
  addEvent(event: NewEvent): Promise<EventRecord | null>;
  /** Events with id > sinceId, oldest first. */
  listEvents(sinceId: number, limit: number): Promise<EventRecord[]>;
  /** Queues a ledger entry; durable after the next flush. */
  recordSaving(record: SavingRecord): void;
  /** Ledger entries, newest first. */
  listSavings(query: { limit: number; offset?: number }): Promise<SavingRecord[]>;
  /** Sum of savedUsd over verified entries. */
  totalSavedUsd(): Promise<number>;
  /** Queues an advisor observation; durable after the next flush. */
  recordInsight(insight: RequestInsight): void;
  /** Observations with at in [from, to), oldest first, at most `limit`. */
  listInsights(query: { from: number; to: number; limit: number }): Promise<RequestInsight[]>;
  /**
   * Rolls every completed UTC day into daily rollups (idempotent) and deletes raw rows older than
   * `rawDays` once their day is rolled up. Spend, time-series and budget reads combine both.
   */
  applyRetention(options: RetentionOptions): Promise<RetentionResult>;
  /** Where the log's writes stand, for /metrics; only a store with a remote database has one. */
  backlog?(): StoreBacklog;
  /** Makes everything queued so far survive a crash of this process (reads see it either way). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export class StoreConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreConflictError';
  }
}

/** The store's database did not answer (stopped, unreachable, timed out); a query it refused is not this. */
export class StoreUnavailableError extends Error {
  constructor(database: string, cause: unknown) {
    super(`${database} is unreachable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}
