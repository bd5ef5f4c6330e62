// Renders a scripted reply as OpenAI Chat Completions does (https://platform.openai.com/docs/api-reference/chat):
// a chat.completion object, or chat.completion.chunk SSE frames with tool calls streamed by index
// (id, type and name in the first fragment, argument text after), `data: [DONE]` at the end.

import type http from 'node:http';
import { cutText, finishOf, type ScriptedReply, type ScriptedUsage } from './scripted-reply';

/** OpenAI's error `type` per status (https://platform.openai.com/docs/guides/error-codes). */
const ERROR_TYPES: Record<number, { type: string; code: string | null }> = {
  400: { type: 'invalid_request_error', code: null },
  401: { type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory' },
  404: { type: 'invalid_request_error', code: 'model_not_found' },
  429: { type: 'requests', code: 'rate_limit_exceeded' },
  500: { type: 'server_error', code: null },
  503: { type: 'server_error', code: null },
};

export function openaiErrorBody(status: number, message: string): string {
  const { type, code } = ERROR_TYPES[status] ?? { type: 'server_error', code: null };
  return JSON.stringify({ error: { message, type, param: null, code } });
}

/** prompt_tokens includes cached tokens; completion_tokens includes reasoning tokens. */
function usageObject(usage: ScriptedUsage) {
  const prompt = usage.fresh + (usage.cacheRead ?? 0) + (usage.cacheWrite ?? 0);
  return {
    prompt_tokens: prompt,
    completion_tokens: usage.output,
    total_tokens: prompt + usage.output,
    prompt_tokens_details: { cached_tokens: usage.cacheRead ?? 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: usage.reasoning ?? 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

export function renderOpenAIReply(res: http.ServerResponse, reply: ScriptedReply, body: any): void {
  if (reply.error) {
    res.writeHead(reply.error.status, { 'content-type': 'application/json', ...(reply.error.retryAfter !== undefined ? { 'retry-after': String(reply.error.retryAfter) } : {}) });
    res.end(openaiErrorBody(reply.error.status, reply.error.message));
    return;
  }
  const id = 'chatcmpl-scripted' + Math.random().toString(36).slice(2, 10);
  const created = Math.floor(Date.now() / 1000);
  const model: string = body.model;
  const usage = reply.usage ?? { fresh: 12, output: 5 };
  const text = reply.parts.map((p) => ('text' in p ? p.text : '')).join('');
  const calls = reply.parts.flatMap((p) => ('call' in p ? [p.call] : []));
  const finish = finishOf(reply);
  if (!body.stream) {
    const message = {
      role: 'assistant',
      content: text === '' && calls.length > 0 ? null : text,
      refusal: null,
      annotations: [],
      ...(calls.length > 0 ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.args) } })) } : {}),
    };
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_scripted' });
    res.end(JSON.stringify({ id, object: 'chat.completion', created, model, choices: [{ index: 0, message, logprobs: null, finish_reason: finish }], usage: usageObject(usage), service_tier: 'default', system_fingerprint: 'fp_fake' }));
    return;
  }
  const includeUsage = body.stream_options?.include_usage === true;
  const base = { id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_fake', ...(includeUsage ? { usage: null } : {}) };
  const chunk = (delta: unknown, finishReason: string | null = null) => JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });
  const frames = [chunk({ role: 'assistant', content: '', refusal: null })];
  for (const p of reply.parts) if ('text' in p) for (const piece of cutText(p.text)) frames.push(chunk({ content: piece }));
  calls.forEach((c, index) => {
    frames.push(chunk({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] }));
    for (const piece of cutText(JSON.stringify(c.args))) frames.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  });
  frames.push(chunk({}, finish));
  if (includeUsage) frames.push(JSON.stringify({ ...base, choices: [], usage: usageObject(usage) }));
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-request-id': 'req_scripted' });
  if (reply.failAfterFrames !== undefined) {
    // A failure after the stream began arrives as a frame holding only an error object.
    for (const frame of frames.slice(0, reply.failAfterFrames)) res.write(`data: ${frame}\n\n`);
    res.end(`data: ${openaiErrorBody(500, 'The server had an error while processing your request.')}\n\n`);
    return;
  }
  for (const frame of frames) res.write(`data: ${frame}\n\n`);
  res.end('data: [DONE]\n\n');
}
