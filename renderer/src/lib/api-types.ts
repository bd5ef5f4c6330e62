// Shapes of the admin API (/api/*) exactly as the gateway serves them.
// Kept free of DOM and React so the node tests can import them too.

export type RequestStatus = 'ok' | 'error';

export interface Attempt {
  target: string;
  status: number | string;
  latencyMs: number;
  error?: string | null;
}

export interface RequestRecord {
  id: string;
  client: string | null;
  model: string;
  target: string | null;
  status: RequestStatus;
  /** The HTTP status the client got, when the gateway reports it. */
  httpStatus?: number;
  /** Null when the upstream reported no usage (failures, some streams). */
  inputTokens: number | null;
  outputTokens: number | null;
  cachedTokens: number | null;
  costUsd: number | null;
  latencyMs: number;
  overheadMs: number;
  startedAt: string;
  format?: string;
  stream?: boolean;
  error?: string | null;
  attempts: Attempt[];
}

export interface RequestFilters {
  limit?: number;
  offset?: number;
  client?: string;
  model?: string;
  target?: string;
  status?: RequestStatus | '';
}

export type BudgetPeriod = 'day' | 'month' | 'total';

export interface BudgetStatus {
  scope: 'client' | 'global' | 'provider';
  name: string;
  limitUsd: number;
  spentUsd: number;
  period: BudgetPeriod | string;
}

export interface Summary {
  /** True when built from /api/spend because the gateway has no /api/summary: budgets unknown. */
  derived?: boolean;
  today: { costUsd: number; requests: number; unknownCostRequests: number };
  month: { costUsd: number };
  burn: { usdPerHour: number; projectedTodayUsd: number; projectedMonthUsd: number };
  budgets: BudgetStatus[];
  breakers: Array<{ account: string; state: string }>;
  paused: boolean;
}

export type Bucket = 'hour' | 'day';
export type SeriesDimension = 'model' | 'target' | 'client';

export interface TimeseriesPoint {
  t: string;
  key: string;
  requests: number;
  errors: number;
  costUsd: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface TimeseriesResult {
  points: TimeseriesPoint[];
  /** 'requests' when rebuilt from the request log because the gateway has no /api/timeseries. */
  source: 'server' | 'requests';
  /** The request log ran out before the start of the range. */
  partial: boolean;
}

export interface TimeseriesQuery {
  bucket: Bucket;
  from?: string;
  to?: string;
  by: SeriesDimension;
}

export type SpendDimension = 'client' | 'target' | 'model' | 'day' | 'hour';

export interface SpendRow {
  key: string;
  requests: number;
  costUsd: number | null;
}

export type Strategy = 'fallback' | 'weighted' | 'cheapest' | 'fastest';

export interface RouteTarget {
  target: string;
  weight?: number;
}

export interface Route {
  name: string;
  strategy: Strategy | string;
  targets: RouteTarget[];
  /** Where the route as served comes from: the config file, the active profile, or an edit made here. */
  source?: 'config' | 'profile' | 'override' | string;
}

export interface Profiles {
  active: string | null;
  profiles: string[];
}

export interface Provider {
  id: string;
  kind: string;
  name: string;
  baseUrl: string;
  keyRef: string | null;
  hasKey: boolean;
  models: string[];
}

export interface ConnectionTest {
  ok: boolean;
  latencyMs: number;
  status?: number;
  error?: string;
}

export interface ClientBudget {
  usd: number;
  period: BudgetPeriod | string;
}

export interface ClientRateLimit {
  rpm?: number;
  tpm?: number;
}

export interface GatewayClient {
  name: string;
  createdAt: string | null;
  budget?: ClientBudget | null;
  rateLimit?: ClientRateLimit | null;
  allowedModels?: string[] | null;
  expiresAt?: string | null;
  spentUsd: number;
  source: 'config' | 'api' | string;
}

export interface NewClient {
  name: string;
  budget?: ClientBudget;
  rateLimit?: ClientRateLimit;
}

export interface CreatedClient {
  name: string;
  key: string;
}

export interface LedgerEntry {
  requestId: string;
  method: string;
  baseline: number | string | Record<string, unknown>;
  actual: number | string | Record<string, unknown>;
  savedUsd: number | null;
  evidence: unknown;
  verified?: boolean;
  at?: string;
}

export interface Ledger {
  totalSavedUsd: number;
  entries: LedgerEntry[];
}

export interface Suggestion {
  id: string;
  title: string;
  detail: string;
  monthlyEffectUsd: number | null;
  data?: unknown;
}

export interface Settings {
  port: number;
  host: string;
  dataDir: string;
  version: string;
  compression: { enabled: boolean };
  cache: { enabled: boolean };
}

export type SettingsPatch = Partial<{
  compression: { enabled: boolean };
  cache: { enabled: boolean };
}>;
