// Canonical stream events → Responses API streaming events, in the order the `openai` SDK's
// ResponseStream accumulates them (https://platform.openai.com/docs/api-reference/responses-streaming):
// response.created, response.in_progress, then per output item …output_item.added, its deltas and
// …done events, …output_item.done; finally response.completed / response.incomplete / response.failed.

import { randomUUID } from 'node:crypto';
import type { GatewayError } from '../../errors';
import type { FinishReason, ReasoningPart, StreamEvent, Usage } from '../canonical';
import type { EncodeStep } from '../client-format';
import { encodeReasoningCarrier } from './reasoning-carrier';
import {
  buildResponseObject, itemId, MODEL_ERROR, statusOf, toResponseId,
  type FunctionCallItem, type ItemStatus, type MessageItem, type OutputItem, type ReasoningItem, type ResponseStatus,
} from './responses-output';

export interface ResponsesStreamState {
  model: string;
  id: string;
  createdAt: number;
  /** sequence_number of the next event. */
  seq: number;
  started: boolean;
  output: OutputItem[];
  openMessage?: number;
  openReasoning?: number;
  /** Function calls still receiving arguments: canonical tool index → output index. */
  openCalls: Array<{ index: number; outputIndex: number }>;
  usage?: Usage;
  finish?: FinishReason;
  /** A terminal event was written: nothing may follow it. */
  ended: boolean;
}

export function initialResponsesStreamState(model: string): ResponsesStreamState {
  return { model, id: `resp_${randomUUID().replace(/-/g, '')}`, createdAt: Math.floor(Date.now() / 1000), seq: 0, started: false, output: [], openCalls: [], ended: false };
}

/** A private working copy: helpers below change it freely, the caller's state stays untouched. */
interface Draft {
  s: ResponsesStreamState;
  frames: string[];
}

export function encodeResponsesStreamEvent(state: ResponsesStreamState, event: StreamEvent): EncodeStep<ResponsesStreamState> {
  if (state.ended || isEmptyDelta(event)) return { state, out: '' };
  const d: Draft = { s: { ...state, output: [...state.output], openCalls: [...state.openCalls] }, frames: [] };
  switch (event.type) {
    case 'start':
      if (!d.s.started) d.s.id = toResponseId(event.id);
      if (event.usage) d.s.usage = event.usage;
      ensureStarted(d);
      break;
    case 'text_delta':
      appendText(d, event.text);
      break;
    case 'reasoning_delta':
      appendReasoning(d, event.text, event);
      break;
    case 'tool_call_start':
      startCall(d, event.index, event.id, event.name);
      break;
    case 'tool_call_delta':
      appendArguments(d, event.index, event.argumentsDelta);
      break;
    case 'usage':
      d.s.usage = event.usage;
      break;
    case 'finish':
      d.s.finish = event.reason;
      break;
    case 'error':
      fail(d, event.error);
      break;
  }
  return { state: d.s, out: d.frames.join('') };
}

/** Empty deltas (some upstreams open with one) would only add empty items and noise. */
function isEmptyDelta(event: StreamEvent): boolean {
  if (event.type === 'text_delta') return event.text === '';
  if (event.type === 'reasoning_delta') return event.text === '' && event.signature === undefined && event.redacted === undefined;
  if (event.type === 'tool_call_delta') return event.argumentsDelta === '';
  return false;
}

export function endResponsesStream(state: ResponsesStreamState): string {
  if (state.ended) return '';
  const d: Draft = { s: { ...state, output: [...state.output], openCalls: [...state.openCalls] }, frames: [] };
  ensureStarted(d);
  if (d.s.finish === undefined) {
    fail(d, { code: 'server_error', message: 'the upstream stream ended before the model finished' });
    return d.frames.join('');
  }
  const { status } = statusOf(d.s.finish);
  closeAll(d, status === 'incomplete' ? 'incomplete' : 'completed');
  const type = status === 'completed' ? 'response.completed' : status === 'incomplete' ? 'response.incomplete' : 'response.failed';
  emit(d, type, { response: snapshot(d.s, status, status === 'failed' ? MODEL_ERROR : undefined) });
  return d.frames.join('');
}

function emit(d: Draft, type: string, payload: Record<string, unknown>): void {
  const data = JSON.stringify({ type, ...payload, sequence_number: d.s.seq });
  d.s.seq += 1;
  d.frames.push(`event: ${type}\ndata: ${data}\n\n`);
}

function snapshot(s: ResponsesStreamState, status: ResponseStatus, error?: { code: string; message: string }): Record<string, unknown> {
  const done = status !== 'in_progress';
  return buildResponseObject({
    id: s.id, createdAt: s.createdAt, model: s.model, status, output: s.output,
    usage: done ? s.usage : undefined, finishReason: done ? s.finish : undefined, error,
  });
}

function ensureStarted(d: Draft): void {
  if (d.s.started) return;
  d.s.started = true;
  emit(d, 'response.created', { response: snapshot(d.s, 'in_progress') });
  emit(d, 'response.in_progress', { response: snapshot(d.s, 'in_progress') });
}

function addItem(d: Draft, item: OutputItem): number {
  const index = d.s.output.length;
  d.s.output.push(item);
  emit(d, 'response.output_item.added', { output_index: index, item });
  return index;
}

function appendText(d: Draft, text: string): void {
  ensureStarted(d);
  closeReasoning(d);
  closeCalls(d, 'completed');
  if (d.s.openMessage === undefined) {
    const index = d.s.output.length;
    const item: MessageItem = { type: 'message', id: itemId(d.s.id, 'msg', index), status: 'in_progress', role: 'assistant', content: [] };
    addItem(d, item);
    const part = { type: 'output_text' as const, text: '', annotations: [] };
    d.s.output[index] = { ...item, content: [part] };
    d.s.openMessage = index;
    emit(d, 'response.content_part.added', { item_id: item.id, output_index: index, content_index: 0, part });
  }
  const index = d.s.openMessage;
  const item = d.s.output[index] as MessageItem;
  d.s.output[index] = { ...item, content: [{ ...item.content[0], text: item.content[0].text + text }] };
  emit(d, 'response.output_text.delta', { item_id: item.id, output_index: index, content_index: 0, delta: text, logprobs: [] });
}

function appendReasoning(d: Draft, text: string, state: Pick<ReasoningPart, 'signature' | 'signedBy' | 'redacted'>): void {
  ensureStarted(d);
  closeMessage(d, 'completed');
  closeCalls(d, 'completed');
  // An item is sealed once it carries its signature or encrypted data: more reasoning is a new block.
  const open = d.s.openReasoning === undefined ? undefined : (d.s.output[d.s.openReasoning] as ReasoningItem);
  if (open?.encrypted_content !== undefined) closeReasoning(d);
  if (d.s.openReasoning === undefined) {
    const index = d.s.output.length;
    addItem(d, { type: 'reasoning', id: itemId(d.s.id, 'rs', index), summary: [] });
    d.s.openReasoning = index;
  }
  const index = d.s.openReasoning;
  let item = d.s.output[index] as ReasoningItem;
  if (text !== '') {
    if (item.summary.length === 0) {
      const part = { type: 'summary_text' as const, text: '' };
      emit(d, 'response.reasoning_summary_part.added', { item_id: item.id, output_index: index, summary_index: 0, part });
      item = { ...item, summary: [part] };
    }
    item = { ...item, summary: [{ type: 'summary_text', text: item.summary[0].text + text }] };
    emit(d, 'response.reasoning_summary_text.delta', { item_id: item.id, output_index: index, summary_index: 0, delta: text });
  }
  const carrier = encodeReasoningCarrier(state);
  if (carrier !== undefined) item = { ...item, encrypted_content: carrier };
  d.s.output[index] = item;
}

function startCall(d: Draft, toolIndex: number, callId: string, name: string): void {
  ensureStarted(d);
  closeMessage(d, 'completed');
  closeReasoning(d);
  const index = d.s.output.length;
  const item: FunctionCallItem = { type: 'function_call', id: itemId(d.s.id, 'fc', index), status: 'in_progress', call_id: callId, name, arguments: '' };
  addItem(d, item);
  d.s.openCalls.push({ index: toolIndex, outputIndex: index });
}

function appendArguments(d: Draft, toolIndex: number, delta: string): void {
  const open = d.s.openCalls.find((c) => c.index === toolIndex);
  if (!open) return; // a delta for a call that never started: nothing to attach it to
  const item = d.s.output[open.outputIndex] as FunctionCallItem;
  d.s.output[open.outputIndex] = { ...item, arguments: item.arguments + delta };
  emit(d, 'response.function_call_arguments.delta', { item_id: item.id, output_index: open.outputIndex, delta });
}

function closeMessage(d: Draft, status: ItemStatus): void {
  const index = d.s.openMessage;
  if (index === undefined) return;
  const item = d.s.output[index] as MessageItem;
  const part = item.content[0];
  emit(d, 'response.output_text.done', { item_id: item.id, output_index: index, content_index: 0, text: part.text, logprobs: [] });
  emit(d, 'response.content_part.done', { item_id: item.id, output_index: index, content_index: 0, part });
  const done: MessageItem = { ...item, status };
  d.s.output[index] = done;
  d.s.openMessage = undefined;
  emit(d, 'response.output_item.done', { output_index: index, item: done });
}

function closeReasoning(d: Draft): void {
  const index = d.s.openReasoning;
  if (index === undefined) return;
  const item = d.s.output[index] as ReasoningItem;
  if (item.summary.length > 0) {
    const part = item.summary[0];
    emit(d, 'response.reasoning_summary_text.done', { item_id: item.id, output_index: index, summary_index: 0, text: part.text });
    emit(d, 'response.reasoning_summary_part.done', { item_id: item.id, output_index: index, summary_index: 0, part });
  }
  d.s.openReasoning = undefined;
  emit(d, 'response.output_item.done', { output_index: index, item });
}

function closeCalls(d: Draft, status: ItemStatus): void {
  for (const open of d.s.openCalls) {
    const item = d.s.output[open.outputIndex] as FunctionCallItem;
    emit(d, 'response.function_call_arguments.done', { item_id: item.id, output_index: open.outputIndex, name: item.name, arguments: item.arguments });
    const done: FunctionCallItem = { ...item, status };
    d.s.output[open.outputIndex] = done;
    emit(d, 'response.output_item.done', { output_index: open.outputIndex, item: done });
  }
  d.s.openCalls = [];
}

function closeAll(d: Draft, status: ItemStatus): void {
  closeReasoning(d);
  closeMessage(d, status);
  closeCalls(d, status);
}

/** An `error` event as documented, then response.failed carrying the same error, and the stream ends. */
function fail(d: Draft, error: Pick<GatewayError, 'code' | 'message'> & { kind?: GatewayError['kind'] }): void {
  ensureStarted(d);
  emit(d, 'error', { code: error.code, message: error.message, param: null });
  const code = error.kind === 'rate_limited' ? 'rate_limit_exceeded' : 'server_error';
  emit(d, 'response.failed', { response: snapshot(d.s, 'failed', { code, message: error.message }) });
  d.s.ended = true;
}
