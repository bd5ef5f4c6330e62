// A fake upstream that speaks OpenAI chat, Anthropic messages, Gemini, Cohere v2 and Bedrock
// ConverseStream at once (by path; it checks no signature) and breaks a 200 stream the ways real
// ones do: the socket closes or the stream stalls after some text, a data line that is not JSON,
// every byte written on its own (splitting multi-byte characters and CRLF pairs), a 200 JSON
// error body where a stream was asked for, a stream that reports no usage, and a stream request
// answered with the whole JSON completion (as servers that ignore `stream: true` do), short or
// past 64 KiB; a Gemini stream request answered with Gemini's non-SSE stream form, a JSON array of
// the chunks (as servers that ignore `alt=sse` do). The model name picks the fault; every request
// is counted by model.

import http from 'node:http';
import { listenOnLoopback } from './listen-on-loopback';
import { onJsonRequest } from './on-json-request';
import { encodeBedrockEvent, encodeEventStreamMessage } from '../../proxy/providers/bedrock/event-stream-encoder';

/** `no-trailer`: the finish, then a clean end without what follows it (Bedrock's metadata event). */
export type MidstreamFault = 'ok' | 'cut' | 'stall' | 'garbage' | 'bytewise' | 'json-error' | 'no-usage' | 'json-answer' | 'json-answer-long' | 'no-trailer' | 'json-array';
export type Wire = 'openai' | 'anthropic' | 'gemini' | 'cohere' | 'bedrock';

export interface MidstreamFaultUpstream {
  url: string;
  /** How many requests arrived for each model. */
  calls: Map<string, number>;
  close(): Promise<void>;
}

/** Text with characters of two, three and four UTF-8 bytes, so a byte-wise write splits them. */
export const WIDE_TEXT = 'héllo 世界 🎉';

/** A whole answer longer than 64 KiB (about 90 KB of UTF-8). */
export const LONG_TEXT = WIDE_TEXT.repeat(5000);

function wireOf(path: string): Wire {
  if (path.endsWith('/chat/completions')) return 'openai';
  if (path.endsWith('/v2/chat')) return 'cohere';
  if (path.includes('/converse')) return 'bedrock';
  if (path.endsWith('/messages')) return 'anthropic';
  return 'gemini';
}

export interface Script {
  /** Frames up to and including the first text. */
  head: Frame[];
  /** The rest of the text and the finish. */
  finish: Frame[];
  /** What follows the finish: usage, the end marker. */
  after: Frame[];
  /** A frame whose data is not JSON. */
  garbage: Frame;
  /** A 200 JSON body saying the request failed. */
  errorBody: object;
  /** The whole non-streaming answer carrying `text`, with usage 10 in, 3 out. */
  answerBody: (text: string) => object;
  /** Gemini only: the stream as one JSON array of its chunks, text split, usage 10 in, 3 out in the last. */
  chunksBody?: object[];
}

/** SSE text, or a binary AWS event-stream message. */
export type Frame = string | Buffer;

export function scriptFor(wire: Wire, model: string, withUsage: boolean, eol: string): Script {
  const sse = (data: object | string, event?: string) => `${event ? `event: ${event}${eol}` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}${eol}${eol}`;
  const [first, rest] = [WIDE_TEXT.slice(0, 6), WIDE_TEXT.slice(6)];
  const garbage = `data: {"choices": [{"delta": {"content": "lost${eol}${eol}`;
  if (wire === 'bedrock') {
    return {
      head: [encodeBedrockEvent('messageStart', { role: 'assistant' }), encodeBedrockEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: first } })],
      finish: [encodeBedrockEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: rest } }), encodeBedrockEvent('contentBlockStop', { contentBlockIndex: 0 }), encodeBedrockEvent('messageStop', { stopReason: 'end_turn' })],
      after: [encodeBedrockEvent('metadata', { ...(withUsage ? { usage: { inputTokens: 10, outputTokens: 3, totalTokens: 13 } } : {}), metrics: { latencyMs: 5 } })],
      // A whole event-stream message (its checksums right) whose payload is not JSON.
      garbage: encodeEventStreamMessage({ ':event-type': 'contentBlockDelta', ':content-type': 'application/json', ':message-type': 'event' }, '{"delta": {"text": "lost'),
      errorBody: { message: 'the model is overloaded' },
      answerBody: (text) => ({ output: { message: { role: 'assistant', content: [{ text }] } }, stopReason: 'end_turn', usage: { inputTokens: 10, outputTokens: 3, totalTokens: 13 }, metrics: { latencyMs: 5 } }),
    };
  }
  if (wire === 'cohere') {
    const event = (type: string, data: object) => sse({ type, ...data }, type);
    const delta = (text: string) => event('content-delta', { index: 0, delta: { message: { content: { text } } } });
    const usage = withUsage ? { usage: { billed_units: { input_tokens: 10, output_tokens: 3 }, tokens: { input_tokens: 10, output_tokens: 3 } } } : {};
    return {
      head: [event('message-start', { id: 'co-1', delta: { message: { role: 'assistant' } } }), event('content-start', { index: 0, delta: { message: { content: { type: 'text', text: '' } } } }), delta(first)],
      finish: [delta(rest), event('content-end', { index: 0 }), event('message-end', { delta: { finish_reason: 'COMPLETE', ...usage } })],
      after: [],
      garbage,
      errorBody: { id: 'co-err', message: 'the model is overloaded' },
      answerBody: (text) => ({ id: 'co-1', finish_reason: 'COMPLETE', message: { role: 'assistant', content: [{ type: 'text', text }] }, usage: { billed_units: { input_tokens: 10, output_tokens: 3 }, tokens: { input_tokens: 10, output_tokens: 3 } } }),
    };
  }
  if (wire === 'openai') {
    const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model };
    const chunk = (delta: object, finish: string | null) => sse({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] });
    return {
      head: [chunk({ role: 'assistant', content: '' }, null), chunk({ content: first }, null)],
      finish: [chunk({ content: rest }, null), chunk({}, 'stop')],
      garbage,
      after: [...(withUsage ? [sse({ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 } })] : []), sse('[DONE]')],
      errorBody: { error: { message: 'the model is overloaded', type: 'server_error', param: null, code: null } },
      answerBody: (text) => ({ id: 'chatcmpl-1', object: 'chat.completion', created: 1, model, choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 } }),
    };
  }
  if (wire === 'anthropic') {
    const event = (name: string, data: object) => sse({ type: name, ...data }, name);
    const usage = withUsage ? { input_tokens: 10, output_tokens: 1 } : undefined;
    return {
      head: [
        event('message_start', { message: { id: 'msg_1', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, ...(usage ? { usage } : {}) } }),
        event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
        event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: first } }),
      ],
      finish: [
        event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: rest } }),
        event('content_block_stop', { index: 0 }),
        event('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, ...(withUsage ? { usage: { output_tokens: 3 } } : {}) }),
      ],
      after: [event('message_stop', {})],
      garbage,
      errorBody: { type: 'error', error: { type: 'overloaded_error', message: 'the model is overloaded' } },
      answerBody: (text) => ({ id: 'msg_1', type: 'message', role: 'assistant', model, content: [{ type: 'text', text }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 10, output_tokens: 3 } }),
    };
  }
  const usageMetadata = withUsage ? { usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 3, totalTokenCount: 13 } } : {};
  const chunk = (text: string, finish?: string) => sse({ candidates: [{ content: { role: 'model', parts: [{ text }] }, ...(finish ? { finishReason: finish } : {}), index: 0 }], ...usageMetadata, modelVersion: model });
  return {
    head: [chunk(first)],
    finish: [chunk(rest, 'STOP')],
    after: [],
    garbage,
    errorBody: { error: { code: 503, message: 'the model is overloaded', status: 'UNAVAILABLE' } },
    answerBody: (text) => ({ candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 3, totalTokenCount: 13 }, modelVersion: model }),
    // Running usage totals on the first chunk, none on the second, the final totals with the finish.
    chunksBody: [
      { candidates: [{ content: { role: 'model', parts: [{ text: first }] }, index: 0 }], usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 1, totalTokenCount: 11 }, modelVersion: model, responseId: 'gm-array-1' },
      { candidates: [{ content: { role: 'model', parts: [{ text: rest }] }, index: 0 }], modelVersion: model, responseId: 'gm-array-1' },
      { candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 3, totalTokenCount: 13 }, modelVersion: model, responseId: 'gm-array-1' },
    ],
  };
}

export async function startMidstreamFaultUpstream(): Promise<MidstreamFaultUpstream> {
  const timers = new Set<NodeJS.Timeout>();
  const calls = new Map<string, number>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => (timers.delete(timer), fn()), ms);
    timers.add(timer);
  };
  const server = http.createServer(onJsonRequest((req, res, url, body) => {
    const wire = wireOf(url.pathname);
    const model =
      wire === 'gemini' ? decodeURIComponent(url.pathname.split('/models/')[1]!.split(':')[0]!)
      : wire === 'bedrock' ? decodeURIComponent(url.pathname.split('/model/')[1]!.split('/')[0]!)
      : String(body.model);
    calls.set(model, (calls.get(model) ?? 0) + 1);
    const fault = model as MidstreamFault;
    const script = scriptFor(wire, model, fault !== 'no-usage', fault === 'bytewise' ? '\r\n' : '\n');
    if (fault === 'json-error' || fault === 'json-answer' || fault === 'json-answer-long') {
      res.writeHead(200, { 'content-type': 'application/json' });
      const answer = fault === 'json-error' ? script.errorBody : script.answerBody(fault === 'json-answer' ? WIDE_TEXT : LONG_TEXT);
      return res.end(JSON.stringify(answer));
    }
    if (fault === 'json-array' && script.chunksBody) {
      // Google writes the array as it grows: `[` and the first chunk, then `,` and each next one.
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      const pieces = [...script.chunksBody.map((c, i) => `${i === 0 ? '[' : ',\r\n'}${JSON.stringify(c, null, 2)}`), ']'];
      let i = 0;
      const next = () => (i < pieces.length ? (res.write(pieces[i++]), later(5, next)) : res.end());
      return next();
    }
    res.writeHead(200, { 'content-type': wire === 'bedrock' ? 'application/vnd.amazon.eventstream' : 'text/event-stream' });
    res.socket?.setNoDelay(true);
    if (fault === 'bytewise') {
      const bytes = Buffer.concat([...script.head, ...script.finish, ...script.after].map((f) => Buffer.from(f)));
      let i = 0;
      const next = () => (i < bytes.length ? (res.write(bytes.subarray(i, ++i)), later(1, next)) : res.end());
      return next();
    }
    const out =
      fault === 'cut' || fault === 'stall' ? script.head
      : fault === 'garbage' ? [...script.head, script.garbage, ...script.finish, ...script.after]
      : fault === 'no-trailer' ? [...script.head, ...script.finish]
      : [...script.head, ...script.finish, ...script.after];
    let i = 0;
    const next = () => {
      if (i < out.length) return void (res.write(out[i++]), later(5, next));
      if (fault === 'cut') return void res.socket?.destroy();
      if (fault !== 'stall') res.end();
    };
    next();
  }));
  const listening = await listenOnLoopback(server);
  return {
    url: listening.url,
    calls,
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      return listening.close();
    },
  };
}
