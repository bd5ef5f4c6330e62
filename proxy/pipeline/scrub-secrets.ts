// Removes provider secrets from text that came from an upstream before it is shown or stored.

// Key-shaped tokens providers echo back in errors (OpenAI sk-…, Anthropic sk-ant-…, Google AIza…).
const KEY_SHAPED = /\b(sk-[A-Za-z0-9_*-]{8,}|AIza[0-9A-Za-z_-]{20,}|xai-[A-Za-z0-9]{16,}|gsk_[A-Za-z0-9]{16,})/g;

export function scrubSecrets(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 6 && out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  return out.replace(KEY_SHAPED, '[redacted]');
}
