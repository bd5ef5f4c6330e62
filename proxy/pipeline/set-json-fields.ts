// Sets top-level fields of a JSON object's bytes without parsing or re-serialising the rest: a
// pass-through body goes upstream byte for byte as the client sent it, except the values changed.
// The input is JSON that JSON.parse has already accepted, so the scan can trust its structure.

import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE, stringEnd } from './json-bytes';

interface Span {
  start: number;
  end: number;
  json: string;
}

/**
 * Each field named in `fields` gets its new value: every top-level occurrence is replaced (JSON.parse
 * keeps the last of duplicate keys, so none may keep an old value), and a field that is absent is
 * added right after the opening brace.
 */
export function setJsonFields(raw: Buffer, fields: Record<string, unknown>): Buffer {
  const names = Object.keys(fields);
  const keys = names.map((name) => Buffer.from(name));
  const found = new Set<string>();
  const spans: Span[] = [];
  const open = raw.indexOf(OPEN_BRACE);
  if (open < 0) throw new Error('not a JSON object');
  let i = skipSpace(raw, open + 1);
  while (i < raw.length && raw[i] !== CLOSE_BRACE) {
    const keyEnd = stringEnd(raw, i);
    const name = matchKey(raw, i + 1, keyEnd, names, keys);
    const valueStart = skipSpace(raw, skipSpace(raw, keyEnd + 1) + 1); // past the ':'
    const valueEnd = valueEndAt(raw, valueStart);
    if (name !== undefined) {
      found.add(name);
      spans.push({ start: valueStart, end: valueEnd, json: JSON.stringify(fields[name]) });
    }
    i = skipSpace(raw, valueEnd);
    if (raw[i] === COMMA) i = skipSpace(raw, i + 1);
  }
  const added = names.filter((name) => !found.has(name)).map((name) => `${JSON.stringify(name)}:${JSON.stringify(fields[name])}`);
  const parts: Buffer[] = [];
  let from = 0;
  if (added.length > 0) {
    const empty = raw[skipSpace(raw, open + 1)] === CLOSE_BRACE;
    parts.push(raw.subarray(0, open + 1), Buffer.from(added.join(',') + (empty ? '' : ',')));
    from = open + 1;
  }
  for (const span of spans) {
    parts.push(raw.subarray(from, span.start), Buffer.from(span.json));
    from = span.end;
  }
  parts.push(raw.subarray(from));
  return Buffer.concat(parts);
}

function skipSpace(raw: Buffer, i: number): number {
  while (i < raw.length && (raw[i] === 0x20 || raw[i] === 0x0a || raw[i] === 0x0d || raw[i] === 0x09)) i++;
  return i;
}

/** Index just past the value starting at `start` (a string, an object, an array or a literal). */
function valueEndAt(raw: Buffer, start: number): number {
  const first = raw[start];
  if (first === QUOTE) return stringEnd(raw, start) + 1;
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    let i = start;
    while (i < raw.length && raw[i] !== COMMA && raw[i] !== CLOSE_BRACE && raw[i] !== 0x20 && raw[i] !== 0x0a && raw[i] !== 0x0d && raw[i] !== 0x09) i++;
    return i;
  }
  let depth = 0;
  for (let i = start; i < raw.length; i++) {
    const byte = raw[i];
    if (byte === QUOTE) i = stringEnd(raw, i);
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
    else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --depth === 0) return i + 1;
  }
  return raw.length;
}

/** Which of `names` the key between `start` and `end` spells (escapes decoded), if any. */
function matchKey(raw: Buffer, start: number, end: number, names: string[], keys: Buffer[]): string | undefined {
  let escaped = false;
  for (let i = start; i < end && !escaped; i++) escaped = raw[i] === BACKSLASH;
  if (!escaped) {
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      if (key.length === end - start && raw.compare(key, 0, key.length, start, end) === 0) return names[k];
    }
    return undefined;
  }
  const decoded = JSON.parse(raw.toString('utf8', start - 1, end + 1)) as string;
  return names.includes(decoded) ? decoded : undefined;
}
