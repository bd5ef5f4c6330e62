// Provider keys travel in HTTP header values, where a control character (a stray "\r" from a
// Windows .env file, a pasted line break) or a character above U+00FF makes every request fail
// inside the HTTP client. Such a key is refused where it is given, naming the problem. So is an
// extra header whose name the HTTP client would refuse, or one it must set itself.

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

// RFC 9110 §5.6.2: a field name is a token.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Framing and connection management belong to the HTTP client (RFC 9110 §7.6.1, §10.1.1): undici
// refuses these rather than send a second, conflicting copy.
const CLIENT_OWNED = new Set(['connection', 'content-length', 'expect', 'host', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/** Why `name` cannot be an extra header on upstream requests, or undefined when it can. */
export function headerNameProblem(name: string): string | undefined {
  if (!TOKEN.test(name)) return 'is not a valid HTTP header name (letters, digits and !#$%&\'*+-.^_`|~ only)';
  if (CLIENT_OWNED.has(name.toLowerCase())) return 'is set by the HTTP client itself and cannot be configured';
  return undefined;
}
