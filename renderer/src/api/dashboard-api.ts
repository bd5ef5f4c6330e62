// The one data interface every view uses. Views never know whether it is reached over HTTP from a
// browser tab or through the Electron preload bridge: both end up here.
import type {
  ConnectionTest,
  CreatedClient,
  GatewayClient,
  Ledger,
  NewClient,
  Profiles,
  Provider,
  RequestFilters,
  RequestRecord,
  Route,
  RouteTarget,
  Settings,
  SettingsPatch,
  SpendDimension,
  SpendRow,
  Suggestion,
  Summary,
  TimeseriesQuery,
  TimeseriesResult,
} from '../lib/api-types';

export interface DashboardApi {
  /** Where clients should send traffic, e.g. http://127.0.0.1:8787. */
  readonly gatewayUrl: string;
  listRequests(filters: RequestFilters): Promise<RequestRecord[]>;
  /** Falls back to a summary derived from /api/spend on gateways without /api/summary. */
  getSummary(): Promise<Summary>;
  /** Falls back to points rebuilt from the request log on gateways without /api/timeseries. */
  getTimeseries(query: TimeseriesQuery): Promise<TimeseriesResult>;
  getSpend(by: SpendDimension, range?: { from?: string; to?: string }): Promise<SpendRow[]>;
  listRoutes(): Promise<Route[]>;
  saveRoute(name: string, route: { strategy: string; targets: RouteTarget[] }): Promise<Route>;
  /** Drops the edit made here, so the route reverts to the config file (or active profile). */
  revertRoute(name: string): Promise<void>;
  getProfiles(): Promise<Profiles>;
  setProfile(name: string | null): Promise<void>;
  listProviders(): Promise<Provider[]>;
  setProviderKey(id: string, apiKey: string): Promise<void>;
  deleteProviderKey(id: string): Promise<void>;
  testProvider(id: string): Promise<ConnectionTest>;
  listClients(): Promise<GatewayClient[]>;
  createClient(client: NewClient): Promise<CreatedClient>;
  deleteClient(name: string): Promise<void>;
  getLedger(): Promise<Ledger>;
  listSuggestions(): Promise<Suggestion[]>;
  getSettings(): Promise<Settings>;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  /** Model and route names for pickers (GET /v1/models). */
  listModels(): Promise<string[]>;
}
