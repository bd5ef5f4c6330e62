// A small JSON call to one target outside a generation (a client's token count) with its key taken
// from the account pool, as generation takes it: a refused or cooling key gives way to the
// provider's next, and each attempt's outcome reaches that key's breaker.

import type { Gateway } from '../gateway/gateway';
import type { ResolvedRoute, Runtime, Target } from '../gateway/runtime';
import { runRoute } from '../routing/run-route';
import { postJsonToProvider } from './post-json-to-provider';
import { RequestTrace } from './request-trace';

export interface PooledJsonCall {
  runtime: Runtime;
  /** The route the target came from: its retry settings apply. */
  route: ResolvedRoute;
  target: Target;
  path: string;
  payload: unknown;
  headers?: Record<string, string>;
}

const NO_FACTS = { estimatedPromptTokens: 0, maxOutputTokens: 0 };

export async function postJsonWithPooledKey(gateway: Gateway, call: PooledJsonCall): Promise<unknown> {
  let answer: unknown;
  // Only this target: another target's count would be another model's.
  const route = { ...call.route, targets: [call.target] };
  // The trace only serves routing: a token count is not a request of the log.
  await runRoute({ state: gateway.routing, runtime: call.runtime, route, facts: NO_FACTS, stream: false, trace: new RequestTrace() }, {
    send: (target, account, cancel) => postJsonToProvider(gateway, target, call.path, call.payload, call.headers, { secret: account.secret, cancel }),
    deliver: async (json) => {
      answer = json;
      return 200;
    },
    committed: () => false,
    statusOf: () => 200,
  });
  return answer;
}
