// A TCP port from a flag or an environment variable: plain decimal digits only, so "0x10", "1e4" or
// " 80" are refused instead of quietly becoming ports 16, 10000 and 80.

const DECIMAL = /^\d{1,5}$/;

/** The port, or undefined when `text` is not a whole number from 0 to 65535. */
export function parsePort(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}
