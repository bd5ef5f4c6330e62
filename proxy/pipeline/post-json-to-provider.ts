// A small JSON call to a provider outside a generation (token counts, for the client or for the
// savings ledger): post, read at most 1 MB, parse.

import { GatewayError } from '../errors';
import type { Gateway } from '../gateway/gateway';
import type { Target } from '../gateway/runtime';
import { postToProvider } from './post-to-provider';
import { readUpstreamBody } from './read-upstream-body';

const MAX_ANSWER_BYTES = 1024 * 1024;

export async function postJsonToProvider(gateway: Gateway, target: Target, path: string, payload: unknown, extraHeaders: Record<string, string> = {}): Promise<unknown> {
  const response = await postToProvider(gateway.upstream, target, { path, body: JSON.stringify(payload), headers: { 'content-type': 'application/json', ...extraHeaders, ...target.provider.headers } });
  const text = (await readUpstreamBody(response.body, MAX_ANSWER_BYTES)).toString();
  try {
    return JSON.parse(text);
  } catch {
    throw new GatewayError('upstream_error', `${target.ref} answered with a body that is not JSON`, { status: 502 });
  }
}
