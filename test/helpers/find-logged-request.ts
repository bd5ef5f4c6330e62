// The request log's row for one request, read through the admin API as a user would. Rows are
// written in batches, so it is polled for a short while before the test gives up.

export interface LoggedRequest {
  id: string;
  model: string;
  status: number;
  error: string | null;
  attempts: Array<{ target: string; status: number | null; error: string | null }>;
}

/** The newest of the last 50 logged requests that `matches`, once it is there. */
export async function findLoggedRequest(gatewayUrl: string, adminToken: string, matches: (row: LoggedRequest) => boolean): Promise<LoggedRequest> {
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${gatewayUrl}/api/requests?limit=50`, { headers: { authorization: `Bearer ${adminToken}` } });
    const row = ((await res.json()) as { requests: LoggedRequest[] }).requests.find(matches);
    if (row) return row;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the request was never logged');
}
