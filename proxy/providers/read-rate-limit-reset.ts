// How long a 429 asks us to wait when it carries no Retry-After: until the exhausted limit resets.
// OpenAI and the OpenAI-compatible providers (Groq, Azure, OpenRouter…) send that in
// `x-ratelimit-reset-requests` / `-tokens` as a duration ("20ms", "1s", "6m0s"; Azure plain seconds),
// https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers — Anthropic in
// `anthropic-ratelimit-*-reset` as an RFC 3339 time, https://docs.anthropic.com/en/api/rate-limits#response-headers

import { header, readRetryAfter, type Headers } from './read-retry-after';

const LIMITS = ['requests', 'tokens'].map((name) => ({ remaining: `x-ratelimit-remaining-${name}`, reset: `x-ratelimit-reset-${name}` })).concat(
  ['requests', 'tokens', 'input-tokens', 'output-tokens'].map((name) => ({ remaining: `anthropic-ratelimit-${name}-remaining`, reset: `anthropic-ratelimit-${name}-reset` })),
);

const DURATION = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?$/;

/** Seconds a 429 asks to wait: `retry-after-ms` / `retry-after` first, else the reset of the exhausted limit. */
export function readRateLimitWait(headers: Headers, now: number = Date.now()): number | undefined {
  return readRetryAfter(headers, now) ?? readRateLimitReset(headers, now);
}

/** Seconds an error answer asks to wait, for every classifier: its Retry-After; a 429 also the limit's reset. */
export function readErrorWait(status: number, headers: Headers): number | undefined {
  return status === 429 ? readRateLimitWait(headers) : readRetryAfter(headers);
}

/**
 * Seconds until the limits that are used up (`remaining` 0) reset, the longest of them; when no
 * limit says it is used up (a request larger than the tokens left), the longest reset given.
 */
export function readRateLimitReset(headers: Headers, now: number): number | undefined {
  let exhausted: number | undefined;
  let longest: number | undefined;
  for (const limit of LIMITS) {
    const value = header(headers, limit.reset);
    const seconds = value === undefined ? undefined : parseReset(value.trim(), now);
    if (seconds === undefined) continue;
    longest = Math.max(longest ?? 0, seconds);
    if (header(headers, limit.remaining)?.trim() === '0') exhausted = Math.max(exhausted ?? 0, seconds);
  }
  return exhausted ?? longest;
}

function parseReset(value: string, now: number): number | undefined {
  if (value === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds : undefined;
  const parts = DURATION.exec(value);
  if (parts) {
    const [, h = '0', m = '0', s = '0', ms = '0'] = parts;
    return Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}
