// One small generation request to a gateway, in the client format a test names, with a gateway key:
// its status, the request id the gateway gave it, and its JSON body.

export type ClientFormat = 'openai' | 'anthropic' | 'gemini';

export interface SentRequest {
  status: number;
  id: string | null;
  body: any;
}

export async function sendInFormat(gatewayUrl: string, key: string | undefined, format: ClientFormat = 'openai', model = 'alpha/m'): Promise<SentRequest> {
  const requests: Record<ClientFormat, [string, unknown]> = {
    openai: ['/v1/chat/completions', { model, max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }],
    anthropic: ['/v1/messages', { model, max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }],
    gemini: [`/v1beta/models/${model}:generateContent`, { contents: [{ role: 'user', parts: [{ text: 'hi' }] }], generationConfig: { maxOutputTokens: 5 } }],
  };
  const [path, body] = requests[format];
  const res = await fetch(`${gatewayUrl}${path}`, {
    method: 'POST',
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, id: res.headers.get('x-switchyard-request-id'), body: await res.json() };
}
