// OpenAI `chat.completion.chunk` SSE frames → canonical stream events, one frame at a time.

import { GatewayError } from '../../errors';
import type { FinishReason, StreamEvent } from '../../formats/canonical';
import { isObject } from '../../formats/openai-chat/json-fields';
import { fromOpenAIFinishReason } from '../../formats/openai-chat/openai-finish-reason';
import { decodeOpenAIUsage } from '../../formats/openai-chat/openai-usage';
import type { DecodeStep, SseFrame } from '../codec';
import { classifyOpenAIStreamError } from './classify-openai-error';
import { readReasoning } from './decode-openai-response';

export interface OpenAIStreamState {
  started: boolean;
  /** OpenAI tool_calls index → canonical tool-call index (dense, in order of appearance). */
  tools: Record<number, number>;
  /** Canonical tool-call indexes that have received argument text. */
  argued: Record<number, true>;
  refused: boolean;
  finished: boolean;
}

export function initialOpenAIStreamState(): OpenAIStreamState {
  return { started: false, tools: {}, argued: {}, refused: false, finished: false };
}

export function decodeOpenAIStreamFrame(state: OpenAIStreamState, frame: SseFrame): DecodeStep<OpenAIStreamState> {
  const data = frame.data.trim();
  if (data === '' || data === '[DONE]') return { state, events: [] };
  let chunk: unknown;
  try {
    chunk = JSON.parse(data);
  } catch {
    return { state, events: [{ type: 'error', error: new GatewayError('upstream_error', 'upstream sent a stream frame that is not JSON') }] };
  }
  if (!isObject(chunk)) return { state, events: [] };
  if (chunk.error !== undefined) return { state: { ...state, finished: true }, events: [{ type: 'error', error: classifyOpenAIStreamError(chunk) }] };

  // Azure opens with a content-filter-only chunk that has no id, model or choices: nothing to say yet.
  const empty = (!Array.isArray(chunk.choices) || chunk.choices.length === 0) && !isObject(chunk.usage);
  if (empty && !state.started && !chunk.id) return { state, events: [] };
  const events: StreamEvent[] = [];
  let next = state;
  if (!next.started) {
    next = { ...next, started: true };
    events.push({ type: 'start', id: typeof chunk.id === 'string' ? chunk.id : '', model: typeof chunk.model === 'string' ? chunk.model : '' });
  }
  const choice = Array.isArray(chunk.choices) ? chunk.choices.find((c) => isObject(c) && (c.index ?? 0) === 0) : undefined;
  let finish: FinishReason | undefined;
  if (isObject(choice)) {
    const delta = isObject(choice.delta) ? choice.delta : {};
    const reasoning = readReasoning(delta);
    if (reasoning) events.push({ type: 'reasoning_delta', text: reasoning });
    if (typeof delta.content === 'string' && delta.content !== '') events.push({ type: 'text_delta', text: delta.content });
    if (typeof delta.refusal === 'string' && delta.refusal !== '') {
      next = { ...next, refused: true };
      events.push({ type: 'text_delta', text: delta.refusal });
    }
    if (Array.isArray(delta.tool_calls)) next = decodeToolCalls(next, delta.tool_calls, events);
    if (typeof choice.finish_reason === 'string') {
      finish = fromOpenAIFinishReason(choice.finish_reason);
      if (next.refused && finish === 'stop') finish = 'refusal';
    }
  }
  // Usage rides in its own `choices: []` chunk for OpenAI, but some compatible APIs attach it to
  // the finishing chunk: report it before `finish` either way.
  if (finish !== undefined) next = closeSilentToolCalls(next, events);
  const usage = decodeOpenAIUsage(chunk.usage);
  if (usage) events.push({ type: 'usage', usage });
  if (finish !== undefined) {
    next = { ...next, finished: true };
    events.push({ type: 'finish', reason: finish });
  }
  return { state: next, events };
}

/**
 * Some OpenAI-compatible servers stream a call without parameters with `"arguments": ""` only
 * (OpenAI itself sends "{}"). Clients JSON.parse the arguments, and "" does not parse: once the
 * call is over (the next one starts, or the choice finishes), say {}.
 */
function closeSilentToolCalls(state: OpenAIStreamState, events: StreamEvent[]): OpenAIStreamState {
  let argued = state.argued;
  for (const index of Object.values(state.tools)) {
    if (argued[index]) continue;
    events.push({ type: 'tool_call_delta', index, argumentsDelta: '{}' });
    argued = { ...argued, [index]: true };
  }
  return argued === state.argued ? state : { ...state, argued };
}

function decodeToolCalls(state: OpenAIStreamState, calls: unknown[], events: StreamEvent[]): OpenAIStreamState {
  let tools = state.tools;
  let argued = state.argued;
  calls.forEach((raw, position) => {
    if (!isObject(raw)) return;
    // Some compatible servers omit `index` when they send whole calls: fall back to the position.
    const wireIndex = typeof raw.index === 'number' ? raw.index : position;
    const fn = isObject(raw.function) ? raw.function : {};
    let index = tools[wireIndex];
    if (index === undefined) {
      argued = closeSilentToolCalls({ ...state, tools, argued }, events).argued;
      index = Object.keys(tools).length;
      tools = { ...tools, [wireIndex]: index };
      const id = typeof raw.id === 'string' ? raw.id : `call_${index}`;
      events.push({ type: 'tool_call_start', index, id, name: typeof fn.name === 'string' ? fn.name : '' });
    }
    const args = typeof fn.arguments === 'string' ? fn.arguments : isObject(fn.arguments) ? JSON.stringify(fn.arguments) : '';
    if (args === '') return;
    events.push({ type: 'tool_call_delta', index, argumentsDelta: args });
    if (!argued[index]) argued = { ...argued, [index]: true };
  });
  return tools === state.tools && argued === state.argued ? state : { ...state, tools, argued };
}
