// Cohere v2 Chat stream events (SSE, each JSON carrying its `type`) → internal stream events.
// https://docs.cohere.com/docs/streaming

import { GatewayError } from '../../errors';
import type { StreamEvent } from '../../formats/canonical';
import type { DecodeStep, SseFrame } from '../codec';
import { mapCohereFinish, mapCohereUsage } from './decode-cohere-response';

export interface CohereStreamState {
  started: boolean;
  /** Cohere's tool-call index → ours (ours count from 0 in arrival order). */
  toolIndex: Record<number, number>;
  nextToolIndex: number;
}

export function initialCohereStreamState(): CohereStreamState {
  return { started: false, toolIndex: {}, nextToolIndex: 0 };
}

export function decodeCohereStreamFrame(state: CohereStreamState, frame: SseFrame): DecodeStep<CohereStreamState> {
  let data: Record<string, any>;
  try {
    data = JSON.parse(frame.data);
  } catch {
    return { state, events: [{ type: 'error', error: new GatewayError('upstream_error', 'Cohere sent a stream event that is not JSON', { code: 'upstream_bad_response' }) }] };
  }
  // JSON that is no object (null, a number) carries nothing, as an event of an unknown type does.
  if (typeof data !== 'object' || data === null) return { state, events: [] };
  const type = typeof data.type === 'string' ? data.type : frame.event;
  const events: StreamEvent[] = [];
  let next = state;
  const start = (id: string) => {
    if (!next.started) {
      next = { ...next, started: true };
      events.push({ type: 'start', id, model: '' });
    }
  };
  const message = data.delta?.message;

  switch (type) {
    case 'message-start':
      start(String(data.id ?? ''));
      break;
    case 'content-delta': {
      start('');
      const content = message?.content;
      if (typeof content?.text === 'string') events.push({ type: 'text_delta', text: content.text });
      else if (typeof content?.thinking === 'string') events.push({ type: 'reasoning_delta', text: content.thinking });
      break;
    }
    case 'tool-plan-delta':
      start('');
      if (typeof message?.tool_plan === 'string') events.push({ type: 'reasoning_delta', text: message.tool_plan });
      break;
    case 'tool-call-start': {
      start('');
      const call = message?.tool_calls ?? {};
      const index = next.nextToolIndex;
      next = { ...next, nextToolIndex: index + 1, toolIndex: { ...next.toolIndex, [Number(data.index ?? index)]: index } };
      events.push({ type: 'tool_call_start', index, id: String(call.id ?? ''), name: String(call.function?.name ?? '') });
      const args = call.function?.arguments;
      if (typeof args === 'string' && args) events.push({ type: 'tool_call_delta', index, argumentsDelta: args });
      break;
    }
    case 'tool-call-delta': {
      const index = next.toolIndex[Number(data.index)];
      const args = message?.tool_calls?.function?.arguments;
      if (index === undefined) {
        events.push({ type: 'error', error: new GatewayError('upstream_error', 'Cohere sent arguments for a tool call it never started', { code: 'upstream_bad_response' }) });
      } else if (typeof args === 'string' && args) events.push({ type: 'tool_call_delta', index, argumentsDelta: args });
      break;
    }
    case 'message-end': {
      start('');
      const usage = mapCohereUsage(data.delta?.usage);
      if (usage) events.push({ type: 'usage', usage });
      const reason = data.delta?.finish_reason;
      if (reason === 'ERROR' || reason === 'TIMEOUT') {
        const error = data.delta?.error;
        events.push({ type: 'error', error: new GatewayError(reason === 'TIMEOUT' ? 'upstream_timeout' : 'upstream_error', `Cohere ended the stream with ${reason}${typeof error === 'string' ? `: ${error}` : ''}`) });
      } else events.push({ type: 'finish', reason: mapCohereFinish(reason) });
      break;
    }
    default:
      // content-start/-end, tool-call-end, citation-start/-end and debug carry nothing to translate.
      break;
  }
  return { state: next, events };
}
