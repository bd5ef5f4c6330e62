// Canonical stream events → Anthropic Messages SSE events, in the order the Anthropic SDK expects:
// message_start, (content_block_start, content_block_delta*, content_block_stop)*, message_delta, message_stop.
// message_delta is written by endAnthropicStream: OpenAI-style upstreams report usage after the
// finish reason, and Anthropic carries both in that one event.

import type { FinishReason, StreamEvent, Usage } from '../canonical';
import { markSignature } from '../signature-origin';
import type { EncodeStep } from '../client-format';
import { toAnthropicStopReason } from './anthropic-stop-reason';
import { encodeAnthropicUsage } from './anthropic-usage';
import { toMessageId } from './encode-anthropic-response';
import { renderAnthropicErrorBody } from './render-anthropic-error';

type BlockKind = 'text' | 'thinking' | 'tool_use';

export interface AnthropicStreamState {
  model: string;
  id: string;
  started: boolean;
  nextBlock: number;
  open?: { kind: BlockKind; index: number };
  /** Canonical tool-call index → content block index. */
  toolBlocks: Record<number, number>;
  usage?: Usage;
  finish?: { reason: FinishReason; stopSequence?: string };
  /** After an error event the stream is over: nothing else is written. */
  failed: boolean;
}

export function initialAnthropicStreamState(model: string, now: number = Date.now()): AnthropicStreamState {
  return { model, id: `msg_${now.toString(36)}`, started: false, nextBlock: 0, toolBlocks: {}, failed: false };
}

export function encodeAnthropicStreamEvent(state: AnthropicStreamState, event: StreamEvent): EncodeStep<AnthropicStreamState> {
  if (state.failed) return { state, out: '' };
  if (event.type === 'start') {
    if (state.started) return { state: { ...state, usage: event.usage ?? state.usage }, out: '' };
    return messageStart({ ...state, id: toMessageId(event.id), usage: event.usage ?? state.usage });
  }
  if (event.type === 'error') {
    return { state: { ...state, failed: true }, out: frame('error', renderAnthropicErrorBody(event.error)) };
  }
  if (event.type === 'usage') return { state: { ...state, usage: event.usage }, out: '' };
  const begun = state.started ? { state, out: '' } : messageStart(state);
  const step = encodeContent(begun.state, event);
  return { state: step.state, out: begun.out + step.out };
}

function encodeContent(state: AnthropicStreamState, event: Exclude<StreamEvent, { type: 'start' | 'error' | 'usage' }>): EncodeStep<AnthropicStreamState> {
  switch (event.type) {
    case 'text_delta':
      return withBlock(state, 'text', { type: 'text', text: '' }, (index) => delta(index, { type: 'text_delta', text: event.text }));
    case 'reasoning_delta': {
      if (event.redacted !== undefined) {
        const closed = closeOpen(state);
        const index = closed.state.nextBlock;
        const out = frame('content_block_start', { type: 'content_block_start', index, content_block: { type: 'redacted_thinking', data: event.redacted } }) + stop(index);
        return { state: { ...closed.state, nextBlock: index + 1 }, out: closed.out + out };
      }
      return withBlock(state, 'thinking', { type: 'thinking', thinking: '', signature: '' }, (index) =>
        (event.text !== '' ? delta(index, { type: 'thinking_delta', thinking: event.text }) : '') +
        (event.signature ? delta(index, { type: 'signature_delta', signature: markSignature(event.signature, event.signedBy, 'anthropic') }) : ''),
      );
    }
    case 'tool_call_start': {
      const closed = closeOpen(state);
      const index = closed.state.nextBlock;
      const out = frame('content_block_start', { type: 'content_block_start', index, content_block: { type: 'tool_use', id: event.id, name: event.name, input: {} } });
      const next: AnthropicStreamState = {
        ...closed.state,
        nextBlock: index + 1,
        open: { kind: 'tool_use', index },
        toolBlocks: { ...closed.state.toolBlocks, [event.index]: index },
      };
      return { state: next, out: closed.out + out };
    }
    case 'tool_call_delta': {
      const index = state.toolBlocks[event.index];
      if (index === undefined || event.argumentsDelta === '') return { state, out: '' };
      // Deltas for an earlier, already closed call (interleaved upstream) still go to its block.
      return { state, out: delta(index, { type: 'input_json_delta', partial_json: event.argumentsDelta }) };
    }
    case 'finish': {
      const closed = closeOpen(state);
      return { state: { ...closed.state, finish: { reason: event.reason, stopSequence: event.stopSequence } }, out: closed.out };
    }
  }
}

export function endAnthropicStream(state: AnthropicStreamState): string {
  if (state.failed) return '';
  const begun = state.started ? { state, out: '' } : messageStart(state);
  const closed = closeOpen(begun.state);
  const final = closed.state;
  const stopReason = toAnthropicStopReason(final.finish?.reason ?? 'stop');
  const usage = encodeAnthropicUsage(final.usage);
  const messageDelta = {
    type: 'message_delta',
    delta: { stop_reason: stopReason, stop_sequence: stopReason === 'stop_sequence' ? final.finish?.stopSequence ?? null : null },
    // Cumulative totals: the SDK overwrites its snapshot with any count present here.
    usage,
  };
  return begun.out + closed.out + frame('message_delta', messageDelta) + frame('message_stop', { type: 'message_stop' });
}

function messageStart(state: AnthropicStreamState): EncodeStep<AnthropicStreamState> {
  const message = {
    id: state.id,
    type: 'message',
    role: 'assistant',
    model: state.model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: encodeAnthropicUsage(state.usage),
  };
  const out = frame('message_start', { type: 'message_start', message }) + frame('ping', { type: 'ping' });
  return { state: { ...state, started: true }, out };
}

/** Continues the open block of `kind`, or closes whatever is open and starts a new one. */
function withBlock(state: AnthropicStreamState, kind: BlockKind, block: Record<string, unknown>, render: (index: number) => string): EncodeStep<AnthropicStreamState> {
  if (state.open?.kind === kind) return { state, out: render(state.open.index) };
  const closed = closeOpen(state);
  const index = closed.state.nextBlock;
  const next: AnthropicStreamState = { ...closed.state, nextBlock: index + 1, open: { kind, index } };
  const out = frame('content_block_start', { type: 'content_block_start', index, content_block: block });
  return { state: next, out: closed.out + out + render(index) };
}

function closeOpen(state: AnthropicStreamState): EncodeStep<AnthropicStreamState> {
  if (!state.open) return { state, out: '' };
  return { state: { ...state, open: undefined }, out: stop(state.open.index) };
}

function delta(index: number, body: Record<string, unknown>): string {
  return frame('content_block_delta', { type: 'content_block_delta', index, delta: body });
}

function stop(index: number): string {
  return frame('content_block_stop', { type: 'content_block_stop', index });
}

function frame(event: string, body: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(body)}\n\n`;
}
