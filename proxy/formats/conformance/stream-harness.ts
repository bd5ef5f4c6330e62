// Drives codecs and formats over whole streams for tests: SSE text in, events out, and back.
// Production code never uses this: the gateway feeds frames one by one as they arrive.

import { SseParser } from '../../upstream/sse-parser';
import type { ProviderCodec } from '../../providers/codec';
import type { CanonicalResponse, StreamEvent, ToolCallPart } from '../canonical';
import type { ClientFormat } from '../client-format';

/** Feeds SSE text to a codec in small, uneven chunks, the way a network delivers it. */
export function decodeSseText<S>(codec: ProviderCodec<S>, text: string, chunkSize = 7): StreamEvent[] {
  const parser = new SseParser();
  let state = codec.initialStreamState();
  const events: StreamEvent[] = [];
  for (let i = 0; i < text.length; i += chunkSize) {
    for (const frame of parser.push(text.slice(i, i + chunkSize))) {
      const step = codec.decodeStreamFrame(state, frame);
      state = step.state;
      events.push(...step.events);
    }
  }
  for (const frame of parser.flush()) {
    const step = codec.decodeStreamFrame(state, frame);
    state = step.state;
    events.push(...step.events);
  }
  if (codec.decodeStreamEnd) events.push(...codec.decodeStreamEnd(state).events);
  return events;
}

export function encodeEventsText<S>(format: ClientFormat<S>, model: string, events: StreamEvent[], clientBody?: unknown): string {
  let state = format.initialStreamState(model, clientBody);
  let out = '';
  for (const event of events) {
    const step = format.encodeStreamEvent(state, event);
    state = step.state;
    out += step.out;
  }
  return out + format.endStream(state);
}

/** What a client would assemble from a stream: adjacent deltas joined into parts. */
export function collectStream(events: StreamEvent[]): CanonicalResponse & { error?: string } {
  const response: CanonicalResponse & { error?: string } = { id: '', model: '', parts: [], finishReason: 'stop' };
  const tools = new Map<number, ToolCallPart>();
  for (const event of events) {
    const last = response.parts[response.parts.length - 1];
    switch (event.type) {
      case 'start':
        response.id = event.id;
        response.model = event.model;
        if (event.usage) response.usage = event.usage;
        break;
      case 'text_delta':
        if (last?.type === 'text') last.text += event.text;
        else response.parts.push({ type: 'text', text: event.text });
        break;
      case 'reasoning_delta':
        if (event.redacted !== undefined) response.parts.push({ type: 'reasoning', text: '', redacted: event.redacted });
        else if (last?.type === 'reasoning' && last.redacted === undefined && !last.signature) {
          last.text += event.text;
          if (event.signature) last.signature = event.signature;
        } else response.parts.push({ type: 'reasoning', text: event.text, ...(event.signature ? { signature: event.signature } : {}) });
        break;
      case 'tool_call_start': {
        const part: ToolCallPart = { type: 'tool_call', id: event.id, name: event.name, arguments: '' };
        tools.set(event.index, part);
        response.parts.push(part);
        break;
      }
      case 'tool_call_delta': {
        const part = tools.get(event.index);
        if (part) part.arguments += event.argumentsDelta;
        break;
      }
      case 'usage':
        response.usage = event.usage;
        break;
      case 'finish':
        response.finishReason = event.reason;
        if (event.stopSequence !== undefined) response.stopSequence = event.stopSequence;
        break;
      case 'error':
        response.error = `${event.error.kind}:${event.error.status}:${event.error.message}`;
        break;
    }
  }
  return response;
}

/** A canonical response as an upstream streams it: text cut into `pieces` deltas, arguments in fragments. */
export function eventsFromResponse(response: CanonicalResponse, pieces = 2): StreamEvent[] {
  const events: StreamEvent[] = [{ type: 'start', id: response.id, model: response.model }];
  const cut = (text: string): string[] => {
    const size = Math.max(1, Math.ceil(text.length / pieces));
    const out: string[] = [];
    for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
    return out;
  };
  let tool = 0;
  for (const part of response.parts) {
    if (part.type === 'text') {
      for (const text of cut(part.text)) events.push({ type: 'text_delta', text });
    } else if (part.type === 'reasoning') {
      if (part.redacted !== undefined) {
        events.push({ type: 'reasoning_delta', text: '', redacted: part.redacted });
        continue;
      }
      for (const text of cut(part.text)) events.push({ type: 'reasoning_delta', text });
      if (part.signature) events.push({ type: 'reasoning_delta', text: '', signature: part.signature });
    } else {
      const index = tool++;
      events.push({ type: 'tool_call_start', index, id: part.id, name: part.name });
      for (const argumentsDelta of cut(part.arguments)) events.push({ type: 'tool_call_delta', index, argumentsDelta });
    }
  }
  if (response.usage) events.push({ type: 'usage', usage: response.usage });
  events.push({ type: 'finish', reason: response.finishReason, ...(response.stopSequence ? { stopSequence: response.stopSequence } : {}) });
  return events;
}
