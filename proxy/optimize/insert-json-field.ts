// Adds one top-level field to a JSON object's bytes without parsing or re-serialising the rest:
// the field goes right after the opening brace. The caller has checked the field is absent.

export function insertJsonField(raw: Buffer, name: string, value: unknown): Buffer {
  const open = raw.indexOf(0x7b); // '{'
  if (open < 0) throw new Error('not a JSON object');
  let next = open + 1;
  while (next < raw.length && (raw[next] === 0x20 || raw[next] === 0x0a || raw[next] === 0x0d || raw[next] === 0x09)) next++;
  const empty = raw[next] === 0x7d; // '}'
  const field = Buffer.from(`${JSON.stringify(name)}:${JSON.stringify(value)}${empty ? '' : ','}`);
  return Buffer.concat([raw.subarray(0, open + 1), field, raw.subarray(open + 1)]);
}
