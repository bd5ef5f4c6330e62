// A fake OpenAI upstream that speaks the documented wire format: chat completions (JSON and SSE,
// `stream_options.include_usage` honoured exactly), embeddings, model list, and OpenAI error bodies.
// Behaviour is steered per request by the model name, and every request is recorded for assertions.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReplyScript } from './scripted-reply';
import { renderOpenAIReply } from './render-openai-reply';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: any;
  /** The exact bytes received. */
  raw?: string;
}

export interface FakeOpenAIOptions {
  /** The key the fake expects in `Authorization: Bearer …`; other keys get OpenAI's 401. */
  apiKey?: string;
  /** Models that exist; others get 404 model_not_found. Default: any. */
  models?: string[];
  /** Usage reported per completion. */
  usage?: { prompt: number; completion: number; cached?: number; reasoning?: number };
  /** Milliseconds between streamed chunks. */
  chunkDelayMs?: number;
  /** Words streamed (one chunk each). */
  words?: string[];
  /** Scripted chat answers (tools, usage, errors, mid-stream failures); the model-name steering applies otherwise. */
  reply?: ReplyScript;
}

export interface FakeOpenAI {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** Set (or swap) to script chat answers; see FakeOpenAIOptions.reply. */
  reply?: ReplyScript;
  close(): Promise<void>;
}

function openaiError(res: http.ServerResponse, status: number, type: string, code: string | null, message: string, headers: Record<string, string> = {}) {
  const body = JSON.stringify({ error: { message, type, param: null, code } });
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const requests: ReceivedRequest[] = [];
  const usage = options.usage ?? { prompt: 12, completion: 5, cached: 0, reasoning: 0 };
  const words = options.words ?? ['Hello', ' from', ' the', ' fake', ' upstream', '.'];
  const sockets = new Set<import('node:net').Socket>();
  const fake: FakeOpenAI = {
    url: '',
    port: 0,
    requests,
    reply: options.reply,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      let body: any;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        return openaiError(res, 400, 'invalid_request_error', null, 'We could not parse the JSON body of your request.');
      }
      const path = (req.url ?? '').split('?')[0]!;
      requests.push({ method: req.method ?? '', path, headers: req.headers, body, raw: text });
      if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
        const shown = String(req.headers.authorization ?? '').slice(7);
        return openaiError(res, 401, 'invalid_request_error', 'invalid_api_key', `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`);
      }
      if (req.method === 'GET' && path === '/v1/models') {
        const data = (options.models ?? ['m-large', 'm-small']).map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'fake' }));
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ object: 'list', data }));
      }
      if (req.method === 'POST' && path === '/v1/embeddings') {
        const inputs = Array.isArray(body.input) ? body.input : [body.input];
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({
          object: 'list',
          data: inputs.map((_: unknown, index: number) => ({ object: 'embedding', index, embedding: [0.1, -0.2, 0.3] })),
          model: body.model,
          usage: { prompt_tokens: 8 * inputs.length, total_tokens: 8 * inputs.length },
        }));
      }
      if (req.method === 'POST' && path === '/v1/chat/completions' && fake.reply) return renderOpenAIReply(res, fake.reply(body, path), body);
      if (req.method === 'POST' && path === '/v1/chat/completions') return chat(body, res);
      openaiError(res, 404, 'invalid_request_error', 'unknown_url', `Unknown request URL: ${req.method} ${path}.`);
    });
  });

  function usageObject() {
    return {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
      prompt_tokens_details: { cached_tokens: usage.cached ?? 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: usage.reasoning ?? 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    };
  }

  function chat(body: any, res: http.ServerResponse) {
    const model: string = body.model;
    if (options.models && !options.models.includes(model)) {
      return openaiError(res, 404, 'invalid_request_error', 'model_not_found', `The model \`${model}\` does not exist or you do not have access to it.`);
    }
    if (model === 'fail-500') return openaiError(res, 500, 'server_error', null, 'The server had an error while processing your request.');
    if (model === 'fail-429') return openaiError(res, 429, 'rate_limit_error', 'rate_limit_exceeded', 'Rate limit reached.', { 'retry-after': '1' });
    if (model === 'hang') return; // never answers: the gateway's timeout must fire
    if (model === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"id": "chatcmpl-x", "choices": [');
    }
    const id = 'chatcmpl-fake' + Math.random().toString(36).slice(2, 10);
    const created = Math.floor(Date.now() / 1000);
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_fake' });
      return res.end(JSON.stringify({
        id, object: 'chat.completion', created, model,
        choices: [{ index: 0, message: { role: 'assistant', content: words.join(''), refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
        usage: usageObject(), service_tier: 'default', system_fingerprint: 'fp_fake',
      }));
    }
    const includeUsage = body.stream_options?.include_usage === true;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    const base = { id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_fake' };
    const extra = includeUsage ? { usage: null } : {};
    const frames: string[] = [
      JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }], ...extra }),
      ...words.map((w) => JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: w }, logprobs: null, finish_reason: null }], ...extra })),
      JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }], ...extra }),
    ];
    if (includeUsage) frames.push(JSON.stringify({ ...base, choices: [], usage: usageObject() }));
    const dieAfter = model === 'die-mid-stream' ? 2 : -1;
    let i = 0;
    const next = () => {
      if (i === dieAfter) {
        res.socket?.destroy();
        return;
      }
      if (i < frames.length) {
        res.write(`data: ${frames[i++]}\n\n`);
        if (options.chunkDelayMs) setTimeout(next, options.chunkDelayMs);
        else setImmediate(next);
      } else {
        res.end('data: [DONE]\n\n');
      }
    };
    next();
  }

  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  fake.url = `http://127.0.0.1:${port}`;
  fake.port = port;
  return fake;
}
