// A small JSON call to a provider outside a generation (token counts, for the client or for the
// savings ledger): post, read at most 1 MB, parse.

import { GatewayError } from '../errors';
import type { Gateway } from '../gateway/gateway';
import type { Target } from '../gateway/runtime';
import { postToProvider, type ProviderPost } from './post-to-provider';
import { readUpstreamBody } from './read-upstream-body';

const MAX_ANSWER_BYTES = 1024 * 1024;

/** `key` is the account routing picked and its attempt's cancel; without it, the provider's first key. */
export async function postJsonToProvider(gateway: Gateway, target: Target, path: string, payload: unknown, extraHeaders: Record<string, string> = {}, key: Pick<ProviderPost, 'secret' | 'cancel'> = {}): Promise<unknown> {
  const response = await postToProvider(gateway.upstream, target, { path, body: JSON.stringify(payload), headers: { 'content-type': 'application/json', ...extraHeaders, ...target.provider.headers }, ...key });
  const text = (await readUpstreamBody(response.body, MAX_ANSWER_BYTES)).toString();
  try {
    return JSON.parse(text);
  } catch {
    throw new GatewayError('upstream_error', `${target.ref} answered with a body that is not JSON`, { status: 502 });
  }
}
