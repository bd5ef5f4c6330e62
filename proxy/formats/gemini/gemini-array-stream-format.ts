// Gemini streamGenerateContent without `alt=sse`: the same chunks, written as the elements of one
// JSON array that grows as they arrive (`[{…},\r\n{…}]`), as Google does for plain REST callers.

import type { StreamEvent } from '../canonical';
import type { ClientFormat, EncodeStep } from '../client-format';
import { encodeGeminiStreamEvent, endGeminiStream, initialGeminiStreamState, type GeminiStreamState } from './encode-gemini-stream';
import { geminiFormat } from './gemini-format';

export interface GeminiArrayStreamState {
  inner: GeminiStreamState;
  /** Whether `[` was written. */
  opened: boolean;
}

export function encodeGeminiArrayStreamEvent(state: GeminiArrayStreamState, event: StreamEvent): EncodeStep<GeminiArrayStreamState> {
  const step = encodeGeminiStreamEvent(state.inner, event);
  const { out, opened } = toElements(step.out, state.opened);
  return { state: { inner: step.state, opened }, out };
}

export function endGeminiArrayStream(state: GeminiArrayStreamState): string {
  const { out, opened } = toElements(endGeminiStream(state.inner), state.opened);
  return out + (opened ? ']' : '[]');
}

/** Turns `data: {…}\n\n` frames into array elements, opening the array with the first one. */
function toElements(frames: string, opened: boolean): { out: string; opened: boolean } {
  let out = '';
  for (const frame of frames.split('\n\n')) {
    if (frame === '') continue;
    out += (opened ? ',\r\n' : '[') + frame.slice('data: '.length);
    opened = true;
  }
  return { out, opened };
}

export const geminiArrayStreamFormat: ClientFormat<GeminiArrayStreamState> = {
  ...geminiFormat,
  streamContentType: 'application/json',
  initialStreamState: (model) => ({ inner: initialGeminiStreamState(model), opened: false }),
  encodeStreamEvent: encodeGeminiArrayStreamEvent,
  endStream: endGeminiArrayStream,
};
