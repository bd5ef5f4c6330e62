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
  /** Requests whose cost is unknown (no usage or no price); not included in costUsd. */
  unknownCost: number;
}

export interface SpendQuery {
  by: SpendGrouping;
  from?: number;
  to?: number;
  client?: string;
}

export interface Store {
  /** Queues the record; it is durable after the next flush (milliseconds later). */
  recordRequest(record: RequestRecord): void;
  listRequests(query: RequestQuery): Promise<RequestRecord[]>;
  spend(query: SpendQuery): Promise<SpendRow[]>;
  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string | null): Promise<void>;
  /** Writes everything queued so far. */
  flush(): Promise<void>;
  close(): Promise<void>;
}
