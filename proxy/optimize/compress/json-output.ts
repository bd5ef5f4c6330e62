// JSON printed by a tool (`npm view --json`, `curl` of an API, `gh api`): pretty-printing whitespace
// is removed; every key, value and their order stay exactly as printed. Text before the JSON (a
// warning line, say) is kept as it was.

const JSON_LINE_START = /^[ \t]*[[{]/m;

/** Removes whitespace outside strings; the input must be valid JSON. */
export function minifyJson(json: string): string {
  let out = '';
  let from = 0;
  let i = 0;
  const n = json.length;
  while (i < n) {
    const c = json.charCodeAt(i);
    if (c === 34) {
      // Skip a string, honouring escapes.
      i++;
      while (i < n) {
        const d = json.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === 34) break;
        else i++;
      }
      i++;
    } else if (c === 32 || c === 10 || c === 13 || c === 9) {
      out += json.slice(from, i);
      while (i < n && (json.charCodeAt(i) === 32 || json.charCodeAt(i) === 10 || json.charCodeAt(i) === 13 || json.charCodeAt(i) === 9)) i++;
      from = i;
    } else {
      i++;
    }
  }
  return out + json.slice(from);
}

/** The minified text, or null when the output is not (a prefix plus) one JSON document. */
export function reduceJson(text: string): string | null {
  const match = JSON_LINE_START.exec(text);
  if (!match) return null;
  const prefix = text.slice(0, match.index);
  const body = text.slice(match.index).trim();
  try {
    JSON.parse(body);
  } catch {
    return null;
  }
  return `${prefix}${minifyJson(body)}\n`;
}

/** True when the output is (a short prefix plus) exactly one JSON document. */
export function isJsonDocument(text: string): boolean {
  if (!looksLikeJson(text)) return false;
  try {
    JSON.parse(text.slice(JSON_LINE_START.exec(text)?.index ?? 0));
    return true;
  } catch {
    return false;
  }
}

export function looksLikeJson(text: string): boolean {
  const match = JSON_LINE_START.exec(text);
  if (!match || match.index > 2000) return false;
  const body = text.slice(match.index).trimEnd();
  const last = body[body.length - 1];
  return last === '}' || last === ']';
}
