// A fake upstream that speaks OpenAI chat and embeddings, Anthropic messages and Gemini at once (by
// path) and answers with a success status other than 200: the model name `status-<n>` picks it.
// A 204 comes with no body, as HTTP says it must; any other status with the wire's documented answer.

import http from 'node:http';
import { listenOnLoopback, type ListeningFake } from './listen-on-loopback';
import { onJsonRequest } from './on-json-request';

/** The documented non-streaming answer of each wire, saying "hello". */
function answerFor(path: string, model: string): unknown {
  if (path.endsWith('/embeddings')) {
    return { object: 'list', data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2] }], model, usage: { prompt_tokens: 2, total_tokens: 2 } };
  }
  if (path.endsWith('/chat/completions')) {
    return {
      id: 'chatcmpl-1', object: 'chat.completion', created: 1, model,
      choices: [{ index: 0, message: { role: 'assistant', content: 'hello' }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
    };
  }
  if (path.endsWith('/messages')) {
    return {
      id: 'msg_1', type: 'message', role: 'assistant', model, content: [{ type: 'text', text: 'hello' }],
      stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 },
    };
  }
  return {
    candidates: [{ content: { role: 'model', parts: [{ text: 'hello' }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 1, totalTokenCount: 6 }, modelVersion: model,
  };
}

export async function startSuccessStatusUpstream(): Promise<ListeningFake> {
  const server = http.createServer(onJsonRequest((_req, res, url, body) => {
    const model = url.pathname.includes('/models/') ? decodeURIComponent(url.pathname.split('/models/')[1]!.split(':')[0]!) : String(body.model);
    const status = Number(/^status-(\d{3})$/.exec(model)?.[1] ?? 200);
    if (status === 204) {
      res.writeHead(204);
      return res.end();
    }
    const text = JSON.stringify(answerFor(url.pathname, model));
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }));
  return listenOnLoopback(server);
}
