// The response headers every answer carries (contract §3).

import type { RequestTrace } from './request-trace';

export function switchyardHeaders(trace: RequestTrace): Record<string, string> {
  const headers: Record<string, string> = {
    'x-switchyard-request-id': trace.id,
    'x-switchyard-overhead-ms': trace.overheadMs().toFixed(3),
  };
  if (trace.target) headers['x-switchyard-target'] = trace.target;
  return headers;
}
