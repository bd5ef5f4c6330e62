// LiteLLM's `num_retries` and `timeout` (router_settings defaults, or a deployment's own litellm_params)
// → Switchyard's `routes[].retry.attempts` and `providers[].timeoutMs`.
// https://docs.litellm.ai/docs/proxy/reliability

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

/** `timeout` is in seconds (fractions allowed); Switchyard's timeoutMs is whole milliseconds. */
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
