// The bytes that give JSON text its structure, for the scans that walk a body without parsing it.

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const COMMA = 0x2c;

/**
 * Index of the quote closing the string whose opening quote is at `start` (-1 if it never closes);
 * memchr-fast over long strings, which are most of a chat body's bytes.
 */
export function stringEnd(raw: Buffer, start: number): number {
  let quote = raw.indexOf(QUOTE, start + 1);
  while (quote > 0) {
    let backslashes = 0;
    while (raw[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = raw.indexOf(QUOTE, quote + 1);
  }
  return -1;
}
