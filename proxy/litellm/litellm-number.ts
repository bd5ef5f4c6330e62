// LiteLLM configs are hand-written YAML, where a number is often quoted ("0.000003", "3"): it still
// counts as that number. Each reader then decides which numbers it takes.

/** The number `value` holds, written plainly or quoted; NaN for anything else. */
export function litellmNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
}
