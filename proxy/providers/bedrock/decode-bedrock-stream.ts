// Bedrock ConverseStream events (already unframed by EventStreamDecoder) → internal stream events.
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html

import { GatewayError } from '../../errors';
import type { FinishReason, StreamEvent } from '../../formats/canonical';
import type { DecodeStep, SseFrame } from '../codec';
import { classifyBedrockException } from './classify-bedrock-error';
import { mapBedrockStopReason, mapBedrockUsage } from './decode-bedrock-response';

export interface BedrockStreamState {
  id: string;
  started: boolean;
  /** contentBlockIndex → tool call index, for blocks that are tool uses. */
  toolIndexByBlock: Record<number, number>;
  nextToolIndex: number;
  /** messageStop arrives before metadata; the finish is held so usage can precede it (see endBedrockStream). */
  pendingFinish?: FinishReason;
  finished: boolean;
}

export function initialBedrockStreamState(id: string): BedrockStreamState {
  return { id, started: false, toolIndexByBlock: {}, nextToolIndex: 0, finished: false };
}

export function decodeBedrockStreamFrame(state: BedrockStreamState, frame: SseFrame): DecodeStep<BedrockStreamState> {
  let data: Record<string, any>;
  try {
    data = JSON.parse(frame.data);
  } catch {
    return { state, events: [{ type: 'error', error: new GatewayError('upstream_error', `Bedrock sent a ${frame.event ?? 'nameless'} event that is not JSON`, { code: 'upstream_bad_response' }) }] };
  }
  // JSON that is no object (null, a number) carries nothing, as an event of an unknown type does.
  if (typeof data !== 'object' || data === null) return { state, events: [] };
  if (frame.event === 'exception') {
    // An exception message is turned into this shape by EventStreamDecoder; an upstream's own event named so may be any shape.
    return { state, events: [{ type: 'error', error: classifyBedrockException(String(data.exceptionType ?? 'UnknownError'), String(data.message ?? '')) }] };
  }
  const events: StreamEvent[] = [];
  let next = state;
  const ensureStarted = () => {
    if (!next.started) {
      next = { ...next, started: true };
      events.push({ type: 'start', id: next.id, model: '' });
    }
  };

  switch (frame.event) {
    case 'messageStart':
      ensureStarted();
      break;
    case 'contentBlockStart': {
      ensureStarted();
      const toolUse = data.start?.toolUse;
      if (toolUse) {
        const index = next.nextToolIndex;
        next = { ...next, nextToolIndex: index + 1, toolIndexByBlock: { ...next.toolIndexByBlock, [data.contentBlockIndex]: index } };
        events.push({ type: 'tool_call_start', index, id: String(toolUse.toolUseId), name: String(toolUse.name) });
      }
      break;
    }
    case 'contentBlockDelta': {
      ensureStarted();
      const delta = data.delta ?? {};
      if (typeof delta.text === 'string') events.push({ type: 'text_delta', text: delta.text });
      else if (delta.toolUse) {
        const index = next.toolIndexByBlock[data.contentBlockIndex];
        if (index === undefined) {
          events.push({ type: 'error', error: new GatewayError('upstream_error', 'Bedrock sent tool input for a block it never started', { code: 'upstream_bad_response' }) });
        } else {
          events.push({ type: 'tool_call_delta', index, argumentsDelta: String(delta.toolUse.input ?? '') });
        }
      } else if (delta.reasoningContent) {
        const rc = delta.reasoningContent;
        if (typeof rc.text === 'string') events.push({ type: 'reasoning_delta', text: rc.text });
        else if (typeof rc.signature === 'string') events.push({ type: 'reasoning_delta', text: '', signature: rc.signature, signedBy: 'bedrock' });
        else if (typeof rc.redactedContent === 'string') events.push({ type: 'reasoning_delta', text: '', redacted: rc.redactedContent });
      }
      break;
    }
    case 'contentBlockStop':
      break;
    case 'messageStop':
      ensureStarted();
      next = { ...next, pendingFinish: mapBedrockStopReason(data.stopReason) };
      break;
    case 'metadata': {
      ensureStarted();
      const usage = mapBedrockUsage(data.usage);
      if (usage) events.push({ type: 'usage', usage });
      if (!next.finished) {
        events.push({ type: 'finish', reason: next.pendingFinish ?? 'stop' });
        next = { ...next, finished: true, pendingFinish: undefined };
      }
      break;
    }
    default:
      // Unknown event types are future additions to the stream; they carry nothing we can translate.
      break;
  }
  return { state: next, events };
}

/**
 * The stream closed cleanly. The answer is complete at messageStop; a stream that ends there, without
 * the metadata event, only lacks usage: it finishes now with usage unknown (so its cost is never
 * guessed), not as a truncated stream. Before messageStop nothing is owed and the stream is cut.
 */
export function endBedrockStream(state: BedrockStreamState): DecodeStep<BedrockStreamState> {
  if (state.finished || state.pendingFinish === undefined) return { state, events: [] };
  return { state: { ...state, finished: true, pendingFinish: undefined }, events: [{ type: 'finish', reason: state.pendingFinish }] };
}
