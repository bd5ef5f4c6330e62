// LiteLLM's `num_retries`, `timeout` and `stream_timeout` (router_settings defaults, or a deployment's
// own litellm_params) → Switchyard's `routes[].retry.attempts`, `routing.deadlineMs` and
// `providers[].timeoutMs`. https://docs.litellm.ai/docs/proxy/reliability, /docs/proxy/timeout

import { litellmNumber } from './litellm-number';

/** The schema's ceiling on `retry.attempts` (proxy/config/schema.ts). */
export const MAX_ROUTE_ATTEMPTS = 10;

type Report = (line: string) => void;

/** `num_retries: N` — a count of retries, so N+1 attempts; anything but a whole number ≥ 0 is reported. */
export function readNumRetries(value: unknown, field: string, report: Report): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = litellmNumber(value);
  if (Number.isInteger(n) && n >= 0) return n;
  report(`${field} ${JSON.stringify(value)} is not a whole number of retries; ignored`);
  return undefined;
}

/** LiteLLM's timeouts are in seconds (fractions allowed); Switchyard's are whole milliseconds. */
export function readTimeoutMs(value: unknown, field: string, report: Report): number | undefined {
  if (value === undefined || value === null) return undefined;
  const seconds = litellmNumber(value);
  if (Number.isFinite(seconds) && seconds > 0) return Math.max(1, Math.round(seconds * 1000));
  report(`${field} ${JSON.stringify(value)} is not a number of seconds; ignored`);
  return undefined;
}

/**
 * The route's attempts per target from its deployments' retry counts: the largest one (a route has
 * one retry setting, LiteLLM one per deployment), capped at the schema's ceiling. Both are reported.
 */
export function routeAttempts(route: string, retries: number[], report: Report): number | undefined {
  if (retries.length === 0) return undefined;
  const most = Math.max(...retries);
  if (retries.some((n) => n !== most)) {
    report(`route "${route}": its deployments ask for different num_retries (${[...new Set(retries)].join(', ')}); the route retries each target up to ${most} times`);
  }
  if (most + 1 > MAX_ROUTE_ATTEMPTS) {
    report(`route "${route}": num_retries ${most} is more than Switchyard allows; retry.attempts capped at ${MAX_ROUTE_ATTEMPTS} (${MAX_ROUTE_ATTEMPTS - 1} retries)`);
    return MAX_ROUTE_ATTEMPTS;
  }
  return most + 1;
}

/**
 * LiteLLM's `timeout` bounds a whole call, `stream_timeout` a stream's wait for its first chunk
 * (https://docs.litellm.ai/docs/proxy/timeout). Switchyard's `providers[].timeoutMs` is that first-byte
 * wait, so `stream_timeout` maps onto it. A whole-call limit exists only router-wide
 * (`routing.deadlineMs`), so the router's `timeout` becomes that, and a deployment's own is reported.
 */
export interface LitellmTimeouts {
  /** Whole-call limit, router-wide. */
  deadlineMs?: number;
  /** Wait for the first chunk; a deployment's own wins over the router's. */
  firstByteMs?: number;
}

export function readRouterTimeouts(router: Record<string, unknown>, report: Report): LitellmTimeouts {
  const deadlineMs = readTimeoutMs(router.timeout, 'router_settings.timeout', report);
  if (deadlineMs !== undefined) {
    report(`router_settings.timeout ${String(router.timeout)} s → routing.deadlineMs ${deadlineMs}: no attempt starts or waits for its first byte past it, but a stream that has started is not cut`);
  }
  return { deadlineMs, firstByteMs: readTimeoutMs(router.stream_timeout, 'router_settings.stream_timeout', report) };
}

/** The first-byte wait of one deployment; its own whole-call `timeout` has no home and is reported. */
export function readDeploymentFirstByteMs(params: Record<string, unknown>, router: LitellmTimeouts, reportHere: Report): number | undefined {
  const wholeCallMs = readTimeoutMs(params.timeout, 'litellm_params.timeout', reportHere);
  if (wholeCallMs !== undefined) {
    reportHere(`litellm_params.timeout ${String(params.timeout)} s limits a whole call to this deployment; Switchyard has no such limit per provider (routing.deadlineMs is one for every request), so it is not carried over`);
  }
  return readTimeoutMs(params.stream_timeout, 'litellm_params.stream_timeout', reportHere) ?? router.firstByteMs;
}
