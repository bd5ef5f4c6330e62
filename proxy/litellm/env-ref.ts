// LiteLLM writes environment references as "os.environ/NAME"; Switchyard writes them as "env:NAME".

const LITELLM_ENV_PREFIX = 'os.environ/';

export function isLitellmEnvRef(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(LITELLM_ENV_PREFIX);
}

export function envNameOf(value: string): string {
  return value.slice(LITELLM_ENV_PREFIX.length);
}

/** `os.environ/NAME` → `env:NAME`; anything else as a string, unchanged. */
export function toSwitchyardSecret(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (isLitellmEnvRef(value)) return `env:${envNameOf(value)}`;
  return String(value);
}
