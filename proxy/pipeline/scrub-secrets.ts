// Removes provider secrets from text that came from an upstream before it is shown or stored.

// A shorter key could match ordinary text by chance.
const MIN_SECRET_CHARS = 6;

// Key-shaped tokens providers echo back in errors (OpenAI sk-…, Anthropic sk-ant-…, Google AIza…).
const KEY_SHAPED = /\b(sk-[A-Za-z0-9_*-]{8,}|AIza[0-9A-Za-z_-]{20,}|xai-[A-Za-z0-9]{16,}|gsk_[A-Za-z0-9]{16,})/g;

export function scrubSecrets(text: string, secrets: Iterable<string | undefined>): string {
  return scrubKnownSecrets(text, secrets).replace(KEY_SHAPED, '[redacted]');
}

/**
 * Only the exact configured keys, for what an upstream answered with success (stream frames, JSON
 * bodies): a key-shaped pattern there may be the model's own output, but the provider's key never is.
 */
export function scrubKnownSecrets(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= MIN_SECRET_CHARS && out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** The keys of a provider worth scrubbing for (every account's, long enough not to hit by chance). */
export function scrubbableSecrets(secrets: Iterable<string | undefined>): string[] {
  return [...new Set([...secrets].filter((s): s is string => s !== undefined && s.length >= MIN_SECRET_CHARS))];
}

/** A successful JSON body with the exact keys removed; the same bytes, uncopied, when none is in it. */
export function scrubKnownSecretsInBody<T extends string | Buffer>(body: T, secrets: readonly string[]): T | string {
  return secrets.some((secret) => body.includes(secret)) ? scrubKnownSecrets(body.toString(), secrets) : body;
}

/**
 * A JSON-like value (a canonical response, say) with the exact keys removed from every string in it;
 * the same value, uncopied, when none holds one.
 */
export function scrubKnownSecretsDeep<T>(value: T, secrets: readonly string[]): T {
  return secrets.length === 0 ? value : (scrubValue(value, secrets) as T);
}

// Copies only along the path to a changed string: most answers hold no secret and allocate nothing here.
function scrubValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return secrets.some((secret) => value.includes(secret)) ? scrubKnownSecrets(value, secrets) : value;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((inner, i) => {
      const out = scrubValue(inner, secrets);
      if (out !== inner) (copy ??= [...value])[i] = out;
    });
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const out = scrubValue(record[key], secrets);
    if (out !== record[key]) (copy ??= { ...record })[key] = out;
  }
  return copy ?? value;
}
