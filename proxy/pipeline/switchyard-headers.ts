// The response headers every answer carries (contract §3).

import type { RequestTrace } from './request-trace';

/**
 * Adds Switchyard's headers to the answer's own `headers` and returns them. Filled in place, not
 * spread into a new object: it runs once per response, in code gone cold since the last one.
 */
export function withSwitchyardHeaders<H extends Record<string, string | number>>(trace: RequestTrace, headers: H): H {
  const out = headers as Record<string, string | number>;
  out['x-switchyard-request-id'] = trace.id;
  out['x-switchyard-overhead-ms'] = trace.overheadMs().toFixed(3);
  if (trace.target) out['x-switchyard-target'] = trace.target;
  return headers;
}
