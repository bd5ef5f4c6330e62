// Which models are the same family at another size: the model id without its size tier and date,
// e.g. claude-sonnet-4-5 and claude-haiku-4-5 → "claude-4-5"; gpt-4o and gpt-4o-mini → "gpt-4o";
// gemini-2.5-pro and gemini-2.5-flash → "gemini-2.5".

const DATE = /-(?:\d{8}|\d{4}-\d{2}-\d{2}|latest)$/;
const TIERS = new Set(['opus', 'sonnet', 'haiku', 'pro', 'flash', 'lite', 'mini', 'nano', 'large', 'medium', 'small', 'tiny']);

export function modelFamily(model: string): string {
  const words = model.toLowerCase().replace(DATE, '').split('-');
  return words.filter((w) => !TIERS.has(w)).join('-');
}
