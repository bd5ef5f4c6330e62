// A fake Gemini API upstream written from https://ai.google.dev/api/generate-content and
// https://ai.google.dev/gemini-api/docs/troubleshooting: POST /v1beta/models/{model}:generateContent,
// :streamGenerateContent?alt=sse (one GenerateContentResponse per `data:` frame, CRLF framed, usage
// on every chunk, finishReason on the last), :countTokens, `x-goog-api-key` or `?key=` auth, and
// Google's error body `{"error":{"code","message","status"}}`.

import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { cutText, finishOf, readJsonBody, textReply, type ReplyScript, type ScriptedReply, type ScriptedUsage } from './scripted-reply';

export interface RecordedGeminiRequest {
  method: string;
  /** Path without the query, model name decoded. */
  path: string;
  model: string;
  action: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: any;
}

export interface FakeGemini {
  url: string;
  requests: RecordedGeminiRequest[];
  reply: ReplyScript;
  countTokens: number;
  close(): Promise<void>;
}

/** google.rpc.Code names for each HTTP status the Gemini API answers with. */
const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const FINISH = { stop: 'STOP', length: 'MAX_TOKENS', tool_calls: 'STOP' } as const;
const PATH = /^\/v1beta\/models\/(.+):(generateContent|streamGenerateContent|countTokens)$/;

function errorBody(status: number, message: string, details?: unknown[]): string {
  return JSON.stringify({ error: { code: status, message, status: STATUS_NAMES[status] ?? 'UNKNOWN', ...(details ? { details } : {}) } });
}

function sendError(res: http.ServerResponse, status: number, message: string, headers: Record<string, string> = {}, details?: unknown[]): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  res.end(errorBody(status, message, details));
}

/** Google refuses a bad key with 400 INVALID_ARGUMENT; only this ErrorInfo says it was the key. */
const BAD_KEY_DETAILS = [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } }];

/** promptTokenCount includes cached tokens; candidatesTokenCount excludes thoughts. */
function usageMetadata(usage: ScriptedUsage) {
  const prompt = usage.fresh + (usage.cacheRead ?? 0) + (usage.cacheWrite ?? 0);
  const thoughts = usage.reasoning ?? 0;
  return {
    promptTokenCount: prompt,
    candidatesTokenCount: usage.output - thoughts,
    totalTokenCount: prompt + usage.output,
    ...(usage.cacheRead ? { cachedContentTokenCount: usage.cacheRead } : {}),
    ...(thoughts ? { thoughtsTokenCount: thoughts } : {}),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: prompt }],
  };
}

/**
 * The thought signature of a turn rides on its first function call, or on the last part when there
 * is none (https://ai.google.dev/gemini-api/docs/thought-signatures).
 */
function signatureOf(reply: ScriptedReply): { signature?: string; onCall: boolean } {
  const signed = reply.parts.find((p) => 'reasoning' in p && p.signature);
  return { signature: signed && 'reasoning' in signed ? signed.signature : undefined, onCall: reply.parts.some((p) => 'call' in p) };
}

function partOf(p: ScriptedReply['parts'][number], reply: ScriptedReply): Record<string, unknown> {
  if ('text' in p) return { text: p.text };
  if ('reasoning' in p) return { text: p.reasoning, thought: true };
  const { signature } = signatureOf(reply);
  const first = reply.parts.find((q) => 'call' in q) === p;
  return { functionCall: { name: p.call.name, args: p.call.args }, ...(first && signature ? { thoughtSignature: signature } : {}) };
}

function partsOf(reply: ScriptedReply): Record<string, unknown>[] {
  const parts = reply.parts.map((p) => partOf(p, reply));
  const { signature, onCall } = signatureOf(reply);
  if (signature && !onCall) parts.push({ text: '', thoughtSignature: signature });
  return parts;
}

function responseOf(parts: unknown[], model: string, id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { candidates: [{ content: { parts, role: 'model' }, index: 0, ...extra }], modelVersion: model, responseId: id };
}

/** The chunks of a streamed reply: text in pieces, each function call whole, usage on every chunk. */
function streamChunks(reply: ScriptedReply, model: string, id: string): string[] {
  const usage = reply.usage ?? { fresh: 12, output: 5 };
  const running = usageMetadata({ ...usage, output: 0, reasoning: 0 });
  const chunks: unknown[] = [];
  for (const p of reply.parts) {
    if ('call' in p) chunks.push(responseOf([partOf(p, reply)], model, id));
    else if ('text' in p) for (const text of cutText(p.text)) chunks.push(responseOf([{ text }], model, id));
    else for (const text of cutText(p.reasoning)) chunks.push(responseOf([{ text, thought: true }], model, id));
  }
  const { signature, onCall } = signatureOf(reply);
  const last = responseOf([signature && !onCall ? { text: '', thoughtSignature: signature } : { text: '' }], model, id, { finishReason: FINISH[finishOf(reply)] });
  return [...chunks.map((c) => ({ ...(c as object), usageMetadata: running })), { ...last, usageMetadata: usageMetadata(usage) }].map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`);
}

/** The value Gemini documents for history whose signatures were lost (https://ai.google.dev/gemini-api/docs/thought-signatures). */
const SKIP_SIGNATURE = 'skip_thought_signature_validator';

/** Gemini refuses a thought signature it did not make; the path of the first such part. */
function foreignSignature(contents: unknown, issued: ReadonlySet<string>): string | undefined {
  if (!Array.isArray(contents)) return undefined;
  for (const [i, content] of contents.entries()) {
    if (!Array.isArray(content?.parts)) continue;
    for (const [j, part] of (content.parts as Array<Record<string, unknown>>).entries()) {
      const signature = part?.thoughtSignature;
      if (typeof signature === 'string' && signature !== SKIP_SIGNATURE && !issued.has(signature)) return `contents[${i}].parts[${j}]`;
    }
  }
  return undefined;
}

export async function startFakeGemini(options: { apiKey?: string; checkSignatures?: boolean } = {}): Promise<FakeGemini> {
  const sockets = new Set<Socket>();
  /** Signatures this fake handed out: the only ones it accepts back when checking. */
  const issued = new Set<string>();
  let counter = 0;
  const fake: FakeGemini = { url: '', requests: [], reply: () => textReply('Hello from Gemini.'), countTokens: 42, close: async () => {} };

  const server = http.createServer(async (req, res) => {
    const { text, body } = await readJsonBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const match = PATH.exec(url.pathname);
    const model = match ? decodeURIComponent(match[1]!) : '';
    fake.requests.push({ method: req.method ?? '', path: decodeURIComponent(url.pathname), model, action: match?.[2] ?? '', query: url.searchParams, headers: req.headers, raw: text, body });
    const key = req.headers['x-goog-api-key'] ?? url.searchParams.get('key');
    if (options.apiKey && key !== options.apiKey) return sendError(res, 400, 'API key not valid. Please pass a valid API key.', {}, BAD_KEY_DETAILS);
    if (!match || req.method !== 'POST') return sendError(res, 404, `The requested URL ${url.pathname} was not found on this server.`);
    if (body === undefined) return sendError(res, 400, 'Invalid JSON payload received.');
    if (match[2] === 'countTokens') {
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      return res.end(JSON.stringify({ totalTokens: fake.countTokens }));
    }
    if (!Array.isArray(body.contents) || body.contents.length === 0) return sendError(res, 400, '* GenerateContentRequest.contents: contents is not specified');
    const foreign = options.checkSignatures ? foreignSignature(body.contents, issued) : undefined;
    if (foreign !== undefined) return sendError(res, 400, `Unable to submit request because the thought signature of ${foreign} is not valid.`);
    const reply = fake.reply(body, url.pathname);
    for (const p of reply.parts) if ('reasoning' in p && p.signature) issued.add(p.signature);
    if (reply.error) return sendError(res, reply.error.status, reply.error.message, reply.error.retryAfter !== undefined ? { 'retry-after': String(reply.error.retryAfter) } : {});
    const id = `fake-response-${++counter}`;
    if (match[2] === 'generateContent') {
      const usage = reply.usage ?? { fresh: 12, output: 5 };
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      return res.end(JSON.stringify({ ...responseOf(partsOf(reply), model, id, { finishReason: FINISH[finishOf(reply)] }), usageMetadata: usageMetadata(usage) }));
    }
    if (url.searchParams.get('alt') !== 'sse') return sendError(res, 400, 'this fake streams only with alt=sse');
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const chunks = streamChunks(reply, model, id);
    if (reply.failAfterFrames !== undefined) {
      // Once the stream has begun, Google reports a failure as one frame holding only an error body.
      for (const chunk of chunks.slice(0, reply.failAfterFrames)) res.write(chunk);
      return res.end(`data: ${errorBody(503, 'The model is overloaded. Please try again later.')}\r\n\r\n`);
    }
    for (const chunk of chunks) res.write(chunk);
    res.end();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return fake;
}
