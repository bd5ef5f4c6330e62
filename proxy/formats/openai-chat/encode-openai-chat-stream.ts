// Canonical stream events → OpenAI `chat.completion.chunk` SSE frames.
// Usage is written last, in its own `choices: []` chunk, and only when the client asked for it
// with `stream_options.include_usage` (read by initialOpenAIChatStreamState from the client body).

import type { StreamEvent, Usage } from '../canonical';
import type { EncodeStep } from '../client-format';
import type { GatewayError } from '../../errors';
import { wantsStreamUsage } from './decode-openai-chat-request';
import { toChatId } from './encode-openai-chat-response';
import { toOpenAIFinishReason } from './openai-finish-reason';
import { encodeOpenAIUsage } from './openai-usage';
import { renderOpenAIErrorBody } from './render-openai-error';

export interface OpenAIChatStreamState {
  model: string;
  id: string;
  created: number;
  includeUsage: boolean;
  /** Whether the role chunk went out. */
  started: boolean;
  /** Canonical tool-call index → the dense index OpenAI clients expect (0, 1, 2…). */
  toolIndexes: Record<number, number>;
  usage?: Usage;
  /** After an error frame nothing but `[DONE]` may follow. */
  failed: boolean;
}

export function initialOpenAIChatStreamState(model: string, clientBody?: unknown, now: number = Date.now()): OpenAIChatStreamState {
  return {
    model,
    id: `chatcmpl-${now.toString(36)}`,
    created: Math.floor(now / 1000),
    includeUsage: wantsStreamUsage(clientBody),
    started: false,
    toolIndexes: {},
    failed: false,
  };
}

export function encodeOpenAIChatStreamEvent(state: OpenAIChatStreamState, event: StreamEvent): EncodeStep<OpenAIChatStreamState> {
  if (state.failed) return { state, out: '' };
  switch (event.type) {
    case 'start': {
      if (state.started) return { state: { ...state, usage: event.usage ?? state.usage }, out: '' };
      const next = { ...state, id: toChatId(event.id), started: true, usage: event.usage ?? state.usage };
      return { state: next, out: chunk(next, { role: 'assistant', content: '' }, null) };
    }
    case 'text_delta':
      return withRole(state, (s) => chunk(s, { content: event.text }, null));
    case 'reasoning_delta':
      // Signatures and redacted reasoning have no Chat Completions field; only readable text goes out.
      if (event.text === '') return { state, out: '' };
      return withRole(state, (s) => chunk(s, { reasoning_content: event.text }, null));
    case 'tool_call_start': {
      const index = Object.keys(state.toolIndexes).length;
      const next = { ...state, toolIndexes: { ...state.toolIndexes, [event.index]: index } };
      const delta = { tool_calls: [{ index, id: event.id, type: 'function', function: { name: event.name, arguments: '' } }] };
      return withRole(next, (s) => chunk(s, delta, null));
    }
    case 'tool_call_delta': {
      const index = state.toolIndexes[event.index] ?? event.index;
      return withRole(state, (s) => chunk(s, { tool_calls: [{ index, function: { arguments: event.argumentsDelta } }] }, null));
    }
    case 'usage':
      return { state: { ...state, usage: event.usage }, out: '' };
    case 'finish':
      return withRole(state, (s) => chunk(s, {}, toOpenAIFinishReason(event.reason)));
    case 'error':
      return { state: { ...state, failed: true }, out: errorFrame(event.error) };
  }
}

export function endOpenAIChatStream(state: OpenAIChatStreamState): string {
  let out = '';
  if (!state.failed && state.includeUsage && state.usage) {
    out += frame({ id: state.id, object: 'chat.completion.chunk', created: state.created, model: state.model, choices: [], usage: encodeOpenAIUsage(state.usage) });
  }
  return out + 'data: [DONE]\n\n';
}

/** Upstreams that skip a start event still get the role chunk OpenAI clients expect first. */
function withRole(state: OpenAIChatStreamState, render: (s: OpenAIChatStreamState) => string): EncodeStep<OpenAIChatStreamState> {
  if (state.started) return { state, out: render(state) };
  const next = { ...state, started: true };
  return { state: next, out: chunk(next, { role: 'assistant', content: '' }, null) + render(next) };
}

function chunk(state: OpenAIChatStreamState, delta: Record<string, unknown>, finishReason: string | null): string {
  const body: Record<string, unknown> = {
    id: state.id,
    object: 'chat.completion.chunk',
    created: state.created,
    model: state.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
  if (state.includeUsage) body.usage = null;
  return frame(body);
}

function frame(body: unknown): string {
  return `data: ${JSON.stringify(body)}\n\n`;
}

function errorFrame(error: GatewayError): string {
  return frame(renderOpenAIErrorBody(error));
}
