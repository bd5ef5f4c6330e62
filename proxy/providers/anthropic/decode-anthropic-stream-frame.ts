// Anthropic Messages SSE events → canonical stream events, one frame at a time.
// https://docs.anthropic.com/en/docs/build-with-claude/streaming

import { GatewayError } from '../../errors';
import type { StreamEvent } from '../../formats/canonical';
import { fromAnthropicStopReason } from '../../formats/anthropic/anthropic-stop-reason';
import { decodeAnthropicUsage } from '../../formats/anthropic/anthropic-usage';
import { isObject, type JsonObject } from '../../formats/openai-chat/json-fields';
import type { DecodeStep, SseFrame } from '../codec';
import { classifyAnthropicStreamError } from './classify-anthropic-error';
import { JSON_OUTPUT_TOOL } from './json-output-tool';

type BlockKind = 'text' | 'thinking' | 'tool' | 'json' | 'other';

export interface AnthropicStreamState {
  /** Content block index → what it carries (its canonical tool index and whether input arrived, for tool_use). */
  blocks: Record<number, { kind: BlockKind; tool?: number; hasInput?: boolean }>;
  nextTool: number;
  /** Raw Anthropic usage so far: message_delta totals overwrite message_start's counts. */
  usage: JsonObject;
  answeredAsJson: boolean;
}

export function initialAnthropicStreamState(): AnthropicStreamState {
  return { blocks: {}, nextTool: 0, usage: {}, answeredAsJson: false };
}

export function decodeAnthropicStreamFrame(state: AnthropicStreamState, frame: SseFrame): DecodeStep<AnthropicStreamState> {
  // An `error` event fails the stream whatever its data holds (nothing, or JSON that is no object).
  if (frame.data.trim() === '') return { state, events: frame.event === 'error' ? [{ type: 'error', error: classifyAnthropicStreamError(undefined) }] : [] };
  let data: unknown;
  try {
    data = JSON.parse(frame.data);
  } catch {
    return { state, events: [{ type: 'error', error: new GatewayError('upstream_error', 'upstream sent a stream event that is not JSON') }] };
  }
  if (!isObject(data)) return { state, events: frame.event === 'error' ? [{ type: 'error', error: classifyAnthropicStreamError(data) }] : [] };
  switch (frame.event ?? data.type) {
    case 'message_start':
      return onMessageStart(state, data);
    case 'content_block_start':
      return onBlockStart(state, data);
    case 'content_block_delta':
      return onBlockDelta(state, data);
    case 'content_block_stop':
      return onBlockStop(state, data);
    case 'message_delta':
      return onMessageDelta(state, data);
    case 'error':
      return { state, events: [{ type: 'error', error: classifyAnthropicStreamError(data) }] };
    default:
      // ping and message_stop carry nothing the canonical events need.
      return { state, events: [] };
  }
}

function onMessageStart(state: AnthropicStreamState, data: JsonObject): DecodeStep<AnthropicStreamState> {
  const message = isObject(data.message) ? data.message : {};
  const rawUsage = isObject(message.usage) ? message.usage : {};
  const start: StreamEvent = { type: 'start', id: String(message.id ?? ''), model: String(message.model ?? '') };
  const usage = decodeAnthropicUsage(rawUsage);
  if (usage) start.usage = usage;
  return { state: { ...state, usage: rawUsage }, events: [start] };
}

function onBlockStart(state: AnthropicStreamState, data: JsonObject): DecodeStep<AnthropicStreamState> {
  const index = Number(data.index);
  const block = isObject(data.content_block) ? data.content_block : {};
  const events: StreamEvent[] = [];
  let kind: BlockKind = 'other';
  let tool: number | undefined;
  let hasInput = false;
  let nextTool = state.nextTool;
  let answeredAsJson = state.answeredAsJson;
  if (block.type === 'text') {
    kind = 'text';
    if (typeof block.text === 'string' && block.text !== '') events.push({ type: 'text_delta', text: block.text });
  } else if (block.type === 'thinking') {
    kind = 'thinking';
    if (typeof block.thinking === 'string' && block.thinking !== '') events.push({ type: 'reasoning_delta', text: block.thinking });
  } else if (block.type === 'redacted_thinking') {
    events.push({ type: 'reasoning_delta', text: '', redacted: String(block.data ?? '') });
  } else if (block.type === 'tool_use' && block.name === JSON_OUTPUT_TOOL) {
    kind = 'json';
    answeredAsJson = true;
  } else if (block.type === 'tool_use') {
    kind = 'tool';
    tool = nextTool++;
    events.push({ type: 'tool_call_start', index: tool, id: String(block.id ?? ''), name: String(block.name ?? '') });
    hasInput = isObject(block.input) && Object.keys(block.input).length > 0;
    if (hasInput) events.push({ type: 'tool_call_delta', index: tool, argumentsDelta: JSON.stringify(block.input) });
  }
  const next = { ...state, nextTool, answeredAsJson, blocks: { ...state.blocks, [index]: { kind, tool, ...(kind === 'tool' ? { hasInput } : {}) } } };
  return { state: next, events };
}

function onBlockDelta(state: AnthropicStreamState, data: JsonObject): DecodeStep<AnthropicStreamState> {
  const block = state.blocks[Number(data.index)];
  const delta = isObject(data.delta) ? data.delta : {};
  const events: StreamEvent[] = [];
  if (delta.type === 'text_delta' && typeof delta.text === 'string') events.push({ type: 'text_delta', text: delta.text });
  else if (delta.type === 'thinking_delta' && typeof delta.thinking === 'string') events.push({ type: 'reasoning_delta', text: delta.thinking });
  else if (delta.type === 'signature_delta' && typeof delta.signature === 'string') events.push({ type: 'reasoning_delta', text: '', signature: delta.signature, signedBy: 'anthropic' });
  else if (delta.type === 'input_json_delta' && typeof delta.partial_json === 'string' && delta.partial_json !== '') {
    // The forced JSON tool's input is the answer itself: it streams out as text.
    if (block?.kind === 'json') events.push({ type: 'text_delta', text: delta.partial_json });
    else if (block?.kind === 'tool' && block.tool !== undefined) {
      events.push({ type: 'tool_call_delta', index: block.tool, argumentsDelta: delta.partial_json });
      if (!block.hasInput) return { state: { ...state, blocks: { ...state.blocks, [Number(data.index)]: { ...block, hasInput: true } } }, events };
    }
  }
  return { state, events };
}

/**
 * A tool without parameters streams no input text (at most an empty `input_json_delta`), yet its
 * input is `{}`: say so, since OpenAI-style clients JSON.parse the arguments and "" does not parse.
 */
function onBlockStop(state: AnthropicStreamState, data: JsonObject): DecodeStep<AnthropicStreamState> {
  const block = state.blocks[Number(data.index)];
  if (block?.kind !== 'tool' || block.tool === undefined || block.hasInput) return { state, events: [] };
  return { state, events: [{ type: 'tool_call_delta', index: block.tool, argumentsDelta: '{}' }] };
}

function onMessageDelta(state: AnthropicStreamState, data: JsonObject): DecodeStep<AnthropicStreamState> {
  const delta = isObject(data.delta) ? data.delta : {};
  const events: StreamEvent[] = [];
  let usage = state.usage;
  if (isObject(data.usage)) {
    // Totals in message_delta are cumulative; counts it omits keep message_start's value.
    usage = { ...state.usage };
    for (const [key, value] of Object.entries(data.usage)) if (value !== null && value !== undefined) usage[key] = value;
    const decoded = decodeAnthropicUsage(usage);
    if (decoded) events.push({ type: 'usage', usage: decoded });
  }
  if (delta.stop_reason !== undefined && delta.stop_reason !== null) {
    let reason = fromAnthropicStopReason(delta.stop_reason);
    if (state.answeredAsJson && reason === 'tool_calls') reason = 'stop';
    const finish: StreamEvent = { type: 'finish', reason };
    if (typeof delta.stop_sequence === 'string') finish.stopSequence = delta.stop_sequence;
    events.push(finish);
  }
  return { state: { ...state, usage }, events };
}
