// The request log's row for one request, read through the admin API as a user would. Rows are
// written in batches, so it is polled for a short while before the test gives up.

export interface LoggedRequest {
  id: string;
  client: string | null;
  model: string;
  target: string | null;
  status: number;
  inputTokens: number | null;
  outputTokens: number | null;
  cachedTokens: number | null;
  costUsd: number | null;
  error: string | null;
  attempts: Array<{ target: string; status: number | null; latencyMs: number; error: string | null }>;
}

/** How long a row may take to appear: batches are written within milliseconds, but CI machines are slow. */
const WAIT_MS = 5_000;

/** The newest of the last 200 logged requests that `matches`, once it is there. */
export async function findLoggedRequest(gatewayUrl: string, adminToken: string, matches: (row: LoggedRequest) => boolean): Promise<LoggedRequest> {
  for (const deadline = Date.now() + WAIT_MS; ; await new Promise((r) => setTimeout(r, 20))) {
    const res = await fetch(`${gatewayUrl}/api/requests?limit=200`, { headers: { authorization: `Bearer ${adminToken}` } });
    const row = ((await res.json()) as { requests: LoggedRequest[] }).requests.find(matches);
    if (row) return row;
    if (Date.now() > deadline) throw new Error('the request was never logged');
  }
}
