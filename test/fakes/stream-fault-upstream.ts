// A fake upstream that speaks OpenAI chat, Anthropic messages and Gemini at once (by path) and
// misbehaves inside a 200 answer, where status-level fakes cannot: a stream that carries the
// provider's own error event (echoing the key it was sent, as some providers do) after some text
// or as its very first frame, or a 200 whose body is an HTML page instead of the event stream that
// was asked for; a healthy stream that sends only a keep-alive comment for a while first; and an
// error frame after some text that is not in the shape its API documents. The model name picks it.

import http from 'node:http';
import { listenOnLoopback } from './listen-on-loopback';
import { onJsonRequest } from './on-json-request';

export type StreamFault = 'ok' | 'error-event' | 'error-first' | 'html' | 'keepalive-then-ok' | 'malformed-error';
type Wire = 'openai' | 'anthropic' | 'gemini';

export interface StreamFaultUpstream {
  url: string;
  close(): Promise<void>;
}

function wireOf(path: string): Wire {
  if (path.endsWith('/chat/completions')) return 'openai';
  if (path.endsWith('/messages')) return 'anthropic';
  return 'gemini';
}

/**
 * The stream frames of a short answer, the provider's own mid-stream error frame, and one that is
 * not what the provider's SDK reads as an error (`malformed`).
 */
function framesFor(wire: Wire, model: string, errorMessage: string): { ok: string[]; error: string; malformed: string } {
  if (wire === 'openai') {
    const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model };
    const chunk = (delta: object, finish: string | null) => `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    return {
      ok: [chunk({ role: 'assistant', content: '' }, null), chunk({ content: 'hello' }, null), chunk({}, 'stop'), 'data: [DONE]\n\n'],
      error: `data: ${JSON.stringify({ error: { message: errorMessage, type: 'server_error', param: null, code: null } })}\n\n`,
      // The error as a bare string: the SDK's error then has no type or code to read.
      malformed: `data: ${JSON.stringify({ error: errorMessage })}\n\n`,
    };
  }
  if (wire === 'anthropic') {
    const event = (name: string, data: object) => `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;
    return {
      ok: [
        event('message_start', { message: { id: 'msg_1', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 1 } } }),
        event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
        event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'hello' } }),
        event('content_block_stop', { index: 0 }),
        event('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 3 } }),
        event('message_stop', {}),
      ],
      error: `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: errorMessage } })}\n\n`,
      // No error object: the SDK's error then has no type.
      malformed: `event: error\ndata: ${JSON.stringify({ type: 'error', message: errorMessage })}\n\n`,
    };
  }
  const chunk = (text: string, finish?: string) => `data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text }] }, ...(finish ? { finishReason: finish } : {}), index: 0 }], usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 3, totalTokenCount: 13 }, modelVersion: model })}\r\n\r\n`;
  return {
    ok: [chunk('hel'), chunk('lo', 'STOP')],
    error: `data: ${JSON.stringify({ error: { code: 503, message: errorMessage, status: 'UNAVAILABLE' } })}\r\n\r\n`,
    // No code: Google's SDK takes it for an answer chunk, and the stream seems to end cleanly.
    malformed: `data: ${JSON.stringify({ error: { message: errorMessage, status: 'UNAVAILABLE' } })}\r\n\r\n`,
  };
}

export async function startStreamFaultUpstream(): Promise<StreamFaultUpstream> {
  const server = http.createServer(onJsonRequest((req, res, url, body) => {
    const wire = wireOf(url.pathname);
    const model = wire === 'gemini' ? decodeURIComponent(url.pathname.split('/models/')[1]!.split(':')[0]!) : String(body.model);
    const key = String(req.headers['x-goog-api-key'] ?? req.headers['x-api-key'] ?? req.headers.authorization ?? '').replace(/^Bearer /, '');
    const frames = framesFor(wire, model, `overloaded while serving key ${key}`);
    const fault = model as StreamFault;
    if (fault === 'html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<!DOCTYPE html><html><body><h1>Please sign in to the network</h1></body></html>');
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    if (fault === 'keepalive-then-ok') {
      res.write(': keep-alive\n\n');
      return void setTimeout(() => res.end(frames.ok.join('')), 2_000);
    }
    // 'error-event': the error arrives after the first text, which every client format has seen.
    const textFrames = wire === 'anthropic' ? 3 : wire === 'gemini' ? 1 : 2;
    const out = fault === 'error-event' ? [...frames.ok.slice(0, textFrames), frames.error]
      : fault === 'malformed-error' ? [...frames.ok.slice(0, textFrames), frames.malformed]
      : fault === 'error-first' ? [frames.error] : frames.ok;
    let i = 0;
    const next = () => (i < out.length ? (res.write(out[i++]), setTimeout(next, 5)) : res.end());
    next();
  }));
  return listenOnLoopback(server);
}
