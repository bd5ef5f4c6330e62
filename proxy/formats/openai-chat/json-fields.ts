// Typed readers for client JSON bodies: each failure names the exact field path in an
// invalid_request error, so a client learns what to fix without reading our source.

import { GatewayError } from '../../errors';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function invalidField(path: string, expectation: string): GatewayError {
  return new GatewayError('invalid_request', `'${path}' ${expectation}`, { code: 'invalid_request' });
}

export function expectObject(value: unknown, path: string): JsonObject {
  if (!isObject(value)) throw invalidField(path, 'must be an object');
  return value;
}

export function expectArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw invalidField(path, 'must be an array');
  return value;
}

export function expectString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw invalidField(path, 'must be a string');
  return value;
}

export function optionalString(value: unknown, path: string): string | undefined {
  return value === undefined || value === null ? undefined : expectString(value, path);
}

export function optionalBoolean(value: unknown, path: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidField(path, 'must be a boolean');
  return value;
}

export function optionalNumber(value: unknown, path: string, range?: { min?: number; max?: number }): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidField(path, 'must be a number');
  if (range?.min !== undefined && value < range.min) throw invalidField(path, `must be at least ${range.min}`);
  if (range?.max !== undefined && value > range.max) throw invalidField(path, `must be at most ${range.max}`);
  return value;
}

export function optionalInteger(value: unknown, path: string, min = 0): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidField(path, 'must be an integer');
  if (value < min) throw invalidField(path, `must be at least ${min}`);
  return value;
}

export function optionalObject(value: unknown, path: string): JsonObject | undefined {
  return value === undefined || value === null ? undefined : expectObject(value, path);
}

/** `stop`-style fields: one string or a list of strings. */
export function optionalStringList(value: unknown, path: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return [value];
  const list = expectArray(value, path);
  return list.map((item, i) => expectString(item, `${path}[${i}]`));
}

export function expectOneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalidField(path, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
  }
  return value as T;
}

/** Tool arguments are JSON text in the canonical model; a provider that wants an object gets it parsed. */
export function parseArguments(text: string, path: string): JsonObject {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidField(path, 'must be valid JSON');
  }
  if (!isObject(parsed)) throw invalidField(path, 'must be a JSON object');
  return parsed;
}

/**
 * Extras are keyed `<client format>.<field>` (e.g. `openai-chat.logprobs`), so a provider codec can
 * tell which API's semantics a value carries and pass through only what it truly speaks.
 */
export function extraKey(format: string, field: string): string {
  return `${format}.${field}`;
}
