// Query parameters and refusals shared by the admin routers. A parameter that is present but
// unreadable is refused with 400, never silently replaced by its default.

import type { Response } from 'express';

export interface IntRange {
  fallback: number;
  min: number;
  max: number;
}

/** The fallback when absent; clamped into range when a whole number; null when unreadable. */
export function intParam(value: unknown, range: IntRange): number | null {
  if (value === undefined || value === '') return range.fallback;
  if (typeof value !== 'string' || !/^-?\d+$/.test(value.trim())) return null;
  return Math.min(range.max, Math.max(range.min, Number(value)));
}

/** undefined when absent, null when present but not an ISO date or epoch milliseconds. */
export function timeParam(value: unknown): number | undefined | null {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') return null;
  const n = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * The first field of a JSON object body that is not among `known` (with its path), else undefined.
 * An admin write with a misspelt field is refused: answering 200 while changing nothing hides the typo.
 */
export function unknownField(body: unknown, known: readonly string[], path = ''): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const extra = Object.keys(body).find((key) => !known.includes(key));
  return extra === undefined ? undefined : `${path}${extra}`;
}

export function badRequest(res: Response, message: string): void {
  res.status(400).json({ error: { message, type: 'invalid_request_error', code: 'invalid_value' } });
}

export function notFound(res: Response, message: string): void {
  res.status(404).json({ error: { message, type: 'invalid_request_error', code: 'not_found' } });
}
