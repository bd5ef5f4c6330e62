// A fake Anthropic Messages upstream written from https://docs.anthropic.com/en/api/messages,
// /en/docs/build-with-claude/streaming and /en/api/errors: POST /v1/messages (JSON and SSE with
// message_start, content_block_*, ping, message_delta, message_stop), POST /v1/messages/count_tokens
// (https://docs.anthropic.com/en/api/messages-count-tokens),
// `x-api-key` + `anthropic-version` checks, `request-id` headers and Anthropic error bodies.

import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { cutText, finishOf, readJsonBody, textReply, type ReplyScript, type ScriptedReply, type ScriptedUsage } from './scripted-reply';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The exact bytes received, for pass-through assertions. */
  raw: string;
  body: any;
}

export interface FakeAnthropic {
  url: string;
  requests: RecordedRequest[];
  /** Swap per test; the default answers "Hello from Claude." */
  reply: ReplyScript;
  /** What count_tokens answers. */
  countTokens: number;
  close(): Promise<void>;
}

/** Anthropic's error `type` for each status (https://docs.anthropic.com/en/api/errors). */
const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

const STOP_REASONS = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use' } as const;

/** Anthropic's `system` is a string or text blocks; both carry the same prompt. */
export function systemText(system: unknown): string {
  return typeof system === 'string' ? system : (system as Array<{ text: string }>).map((p) => p.text).join('');
}

function sendError(res: http.ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ type: 'error', error: { type: ERROR_TYPES[status] ?? 'api_error', message }, request_id: 'req_fake_error' });
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_fake_error', ...headers });
  res.end(body);
}

/** Anthropic's input_tokens excludes cache reads and writes, which get fields of their own. */
function usageOf(usage: ScriptedUsage, outputTokens: number) {
  return {
    input_tokens: usage.fresh,
    cache_creation_input_tokens: usage.cacheWrite ?? 0,
    cache_read_input_tokens: usage.cacheRead ?? 0,
    output_tokens: outputTokens,
  };
}

function contentBlocks(reply: ScriptedReply): unknown[] {
  return reply.parts.map((p) => {
    if ('text' in p) return { type: 'text', text: p.text };
    if ('reasoning' in p) return { type: 'thinking', thinking: p.reasoning, signature: p.signature ?? '' };
    return { type: 'tool_use', id: p.call.id, name: p.call.name, input: p.call.args };
  });
}

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The documented event sequence for one reply. */
function streamEvents(reply: ScriptedReply, id: string, model: string): string[] {
  const usage = reply.usage ?? { fresh: 12, output: 5 };
  const events = [sse('message_start', { type: 'message_start', message: { id, type: 'message', role: 'assistant', content: [], model, stop_reason: null, stop_sequence: null, usage: usageOf(usage, 1) } })];
  reply.parts.forEach((p, index) => {
    if ('text' in p) {
      events.push(sse('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }));
      if (index === 0) events.push(sse('ping', { type: 'ping' }));
      for (const text of cutText(p.text)) events.push(sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text } }));
    } else if ('reasoning' in p) {
      events.push(sse('content_block_start', { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } }));
      for (const thinking of cutText(p.reasoning)) events.push(sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking } }));
      if (p.signature) events.push(sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: p.signature } }));
    } else {
      events.push(sse('content_block_start', { type: 'content_block_start', index, content_block: { type: 'tool_use', id: p.call.id, name: p.call.name, input: {} } }));
      // A tool without parameters streams one empty fragment and no JSON at all, as Anthropic does.
      const fragments = Object.keys(p.call.args).length === 0 ? [''] : cutText(JSON.stringify(p.call.args));
      for (const partial_json of fragments) {
        events.push(sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } }));
      }
    }
    events.push(sse('content_block_stop', { type: 'content_block_stop', index }));
  });
  // message_delta's usage is cumulative (https://docs.anthropic.com/en/docs/build-with-claude/streaming).
  events.push(sse('message_delta', { type: 'message_delta', delta: { stop_reason: STOP_REASONS[finishOf(reply)], stop_sequence: null }, usage: { output_tokens: usage.output } }));
  events.push(sse('message_stop', { type: 'message_stop' }));
  return events;
}

/**
 * Anthropic verifies a thinking block's signature and refuses the request when it did not make it
 * (or there is none): 400 invalid_request_error naming the block. The path of the first such block.
 */
function foreignThinking(messages: unknown, issued: ReadonlySet<string>): string | undefined {
  if (!Array.isArray(messages)) return undefined;
  for (const [i, message] of messages.entries()) {
    if (!Array.isArray(message?.content)) continue;
    for (const [j, block] of (message.content as Array<Record<string, unknown>>).entries()) {
      if (block?.type === 'thinking' && !issued.has(String(block.signature ?? ''))) return `messages.${i}.content.${j}`;
    }
  }
  return undefined;
}

export async function startFakeAnthropic(options: { apiKey?: string; checkSignatures?: boolean } = {}): Promise<FakeAnthropic> {
  const sockets = new Set<Socket>();
  /** Signatures this fake handed out: the only ones it accepts back when checking. */
  const issued = new Set<string>();
  let counter = 0;
  const fake: FakeAnthropic = {
    url: '',
    requests: [],
    reply: () => textReply('Hello from Claude.'),
    countTokens: 42,
    close: async () => {},
  };

  const server = http.createServer(async (req, res) => {
    const { text, body } = await readJsonBody(req);
    const path = (req.url ?? '').split('?')[0]!;
    fake.requests.push({ method: req.method ?? '', path, headers: req.headers, raw: text, body });
    if (options.apiKey && req.headers['x-api-key'] !== options.apiKey) return sendError(res, 401, 'invalid x-api-key');
    if (!req.headers['anthropic-version']) return sendError(res, 400, 'anthropic-version: header is required');
    if (body === undefined) return sendError(res, 400, 'There was an error parsing the body of your request.');
    // Signatures are verified wherever messages are read: /v1/messages and its count_tokens alike.
    const foreign = options.checkSignatures ? foreignThinking(body.messages, issued) : undefined;
    if (foreign !== undefined) return sendError(res, 400, `${foreign}: Invalid \`signature\` in \`thinking\` block`);
    if (req.method === 'POST' && path === '/v1/messages/count_tokens') {
      // The same body as /v1/messages minus max_tokens (and stream), which it refuses as extra inputs.
      const extra = ['max_tokens', 'stream'].find((field) => field in body);
      if (extra !== undefined) return sendError(res, 400, `${extra}: Extra inputs are not permitted`);
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_fake_count' });
      return res.end(JSON.stringify({ input_tokens: fake.countTokens }));
    }
    if (req.method !== 'POST' || path !== '/v1/messages') return sendError(res, 404, `Not found: ${req.method} ${path}`);
    if (typeof body.max_tokens !== 'number') return sendError(res, 400, 'max_tokens: Field required');
    const reply = fake.reply(body, path);
    for (const p of reply.parts) if ('reasoning' in p && p.signature) issued.add(p.signature);
    if (reply.error) {
      return sendError(res, reply.error.status, reply.error.message, reply.error.retryAfter !== undefined ? { 'retry-after': String(reply.error.retryAfter) } : {});
    }
    const id = `msg_fake${++counter}`;
    const requestId = `req_fake${counter}`;
    if (!body.stream) {
      const usage = reply.usage ?? { fresh: 12, output: 5 };
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': requestId });
      return res.end(JSON.stringify({
        id, type: 'message', role: 'assistant', model: body.model, content: contentBlocks(reply),
        stop_reason: STOP_REASONS[finishOf(reply)], stop_sequence: null, usage: usageOf(usage, usage.output),
      }));
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'request-id': requestId });
    const events = streamEvents(reply, id, body.model);
    if (reply.failAfterFrames !== undefined) {
      // An overloaded upstream ends a started stream with an `error` event.
      for (const event of events.slice(0, reply.failAfterFrames)) res.write(event);
      return res.end(sse('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }));
    }
    for (const event of events) res.write(event);
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
