// The methods each fixed path on the gateway's port answers, so a wrong method gets 405 with an
// `Allow` header (RFC 9110 §15.5.6) instead of a 404 that would send the caller hunting for the path.

/** `/v1beta/models/{model}:generateContent` and `:streamGenerateContent` (also under /v1). */
export const GEMINI_PATH = /^\/v1(?:beta)?\/models\/(.+):(generateContent|streamGenerateContent)$/;

const POST = 'POST';
// HEAD wherever GET is served, as RFC 9110 §9.3.2 expects.
const GET = 'GET, HEAD';

const METHODS_BY_PATH: ReadonlyMap<string, string> = new Map([
  ['/v1/chat/completions', POST],
  ['/chat/completions', POST],
  ['/v1/responses', POST],
  ['/v1/messages', POST],
  ['/v1/messages/count_tokens', POST],
  ['/v1/embeddings', POST],
  ['/embeddings', POST],
  ['/v1/models', GET],
  ['/models', GET],
  ['/health', GET],
  ['/metrics', GET],
]);

/** The `Allow` value for a path the gateway itself serves; undefined for any other path. */
export function allowedMethods(path: string): string | undefined {
  return METHODS_BY_PATH.get(path) ?? (GEMINI_PATH.test(path) ? POST : undefined);
}
