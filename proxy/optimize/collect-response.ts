// Rebuilds a complete canonical response from a stream's canonical events (or from the native
// frames of a pass-through stream, decoded with the provider's codec), so an answered stream can be
// cached and later replayed to any client format. Returns nothing for a stream that did not finish.

import type { CanonicalResponse, FinishReason, ReasoningPart, StreamEvent, TextPart, ToolCallPart, Usage, WireFormat } from '../formats/canonical';
import type { ProviderCodec, SseFrame } from '../providers/codec';
import { codecFor } from '../providers/codecs';

type Collected = TextPart | ToolCallPart | ReasoningPart;

export class ResponseCollector {
  private id = '';
  private model = '';
  private readonly parts: Collected[] = [];
  private readonly toolByIndex = new Map<number, ToolCallPart>();
  private usage: Usage | undefined;
  private finish: { reason: FinishReason; stopSequence?: string } | undefined;
  private failed = false;
  private codec: ProviderCodec<any> | undefined;
  private codecState: unknown;

  /** Native frames of a pass-through stream are decoded with this wire's codec. */
  constructor(wire?: WireFormat) {
    if (wire) {
      this.codec = codecFor(wire);
      this.codecState = this.codec?.initialStreamState();
    }
  }

  addFrame(frame: SseFrame): void {
    if (!this.codec || this.failed) return;
    try {
      const step = this.codec.decodeStreamFrame(this.codecState, frame);
      this.codecState = step.state;
      this.addEvents(step.events);
    } catch {
      // A frame our decoder cannot read makes the answer uncacheable, never the request fail.
      this.failed = true;
    }
  }

  addEvents(events: readonly StreamEvent[]): void {
    for (const event of events) this.addEvent(event);
  }

  private addEvent(event: StreamEvent): void {
    switch (event.type) {
      case 'start':
        this.id = event.id;
        this.model = event.model;
        if (event.usage) this.usage = event.usage;
        return;
      case 'text_delta': {
        const last = this.parts[this.parts.length - 1];
        if (last?.type === 'text') last.text += event.text;
        else this.parts.push({ type: 'text', text: event.text });
        return;
      }
      case 'reasoning_delta': {
        const last = this.parts[this.parts.length - 1];
        const part: ReasoningPart = last?.type === 'reasoning' && last.signature === undefined && last.redacted === undefined ? last : { type: 'reasoning', text: '' };
        if (part !== last) this.parts.push(part);
        part.text += event.text;
        if (event.signature !== undefined) part.signature = event.signature;
        if (event.signedBy !== undefined) part.signedBy = event.signedBy;
        if (event.redacted !== undefined) part.redacted = event.redacted;
        return;
      }
      case 'tool_call_start': {
        const call: ToolCallPart = { type: 'tool_call', id: event.id, name: event.name, arguments: '' };
        this.toolByIndex.set(event.index, call);
        this.parts.push(call);
        return;
      }
      case 'tool_call_delta': {
        const call = this.toolByIndex.get(event.index);
        if (call) call.arguments += event.argumentsDelta;
        else this.failed = true;
        return;
      }
      case 'usage':
        this.usage = event.usage;
        return;
      case 'finish':
        this.finish = { reason: event.reason, ...(event.stopSequence !== undefined ? { stopSequence: event.stopSequence } : {}) };
        return;
      case 'error':
        this.failed = true;
        return;
    }
  }

  /** The whole answer, or undefined when the stream failed, did not finish or ended in an error. */
  complete(): CanonicalResponse | undefined {
    if (this.failed || !this.finish || this.finish.reason === 'error') return undefined;
    return {
      id: this.id,
      model: this.model,
      parts: this.parts,
      finishReason: this.finish.reason,
      ...(this.finish.stopSequence !== undefined ? { stopSequence: this.finish.stopSequence } : {}),
      ...(this.usage ? { usage: this.usage } : {}),
    };
  }
}

/** The events a stream of this response would have carried, for replaying it to a streaming client. */
export function responseToEvents(response: CanonicalResponse): StreamEvent[] {
  const events: StreamEvent[] = [{ type: 'start', id: response.id, model: response.model }];
  let toolIndex = 0;
  for (const part of response.parts) {
    if (part.type === 'text') events.push({ type: 'text_delta', text: part.text });
    else if (part.type === 'reasoning') {
      events.push({ type: 'reasoning_delta', text: part.text, ...(part.signature !== undefined ? { signature: part.signature } : {}), ...(part.signedBy !== undefined ? { signedBy: part.signedBy } : {}), ...(part.redacted !== undefined ? { redacted: part.redacted } : {}) });
    } else {
      const index = toolIndex++;
      events.push({ type: 'tool_call_start', index, id: part.id, name: part.name });
      if (part.arguments !== '') events.push({ type: 'tool_call_delta', index, argumentsDelta: part.arguments });
    }
  }
  if (response.usage) events.push({ type: 'usage', usage: response.usage });
  events.push({ type: 'finish', reason: response.finishReason, ...(response.stopSequence !== undefined ? { stopSequence: response.stopSequence } : {}) });
  return events;
}
