// Some agents send a shell result as JSON around the real output — Codex's shell tool sends
// `{"output":"…","metadata":{"exit_code":1,"duration_seconds":0.4}}`. The output inside is what
// gets compressed; the wrapper keeps its keys, their order and every other value.

const WRAPPER_START = /^\s*\{\s*"output"\s*:/;

export interface WrappedOutput {
  inner: string;
  rewrap: (inner: string) => string;
}

export function unwrapOutput(text: string): WrappedOutput | null {
  if (!WRAPPER_START.test(text)) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (typeof record.output !== 'string') return null;
  return { inner: record.output, rewrap: (inner) => JSON.stringify({ ...record, output: inner }) };
}
