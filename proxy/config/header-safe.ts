// Provider keys travel in HTTP header values, where a control character (a stray "\r" from a
// Windows .env file, a pasted line break) or a character above U+00FF makes every request fail
// inside the HTTP client. Such a key is refused where it is given, naming the problem.

const UNSAFE = /[^\t\x20-\x7e\x80-\xff]/;

/** Why `value` cannot be sent as a header value, or undefined when it can. */
export function headerValueProblem(value: string): string | undefined {
  const found = UNSAFE.exec(value);
  if (!found) return undefined;
  const code = found[0].codePointAt(0)!;
  const shown = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code < 0x20 || code === 0x7f
    ? `contains a control character (${shown}) at position ${found.index}; a stray line break?`
    : `contains ${shown} at position ${found.index}, which cannot be sent in an HTTP header`;
}
