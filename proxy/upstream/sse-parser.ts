// Incremental server-sent-events parser: feed it chunks as they arrive, get whole frames back.
// Frames are never held longer than it takes for their terminating blank line to arrive.

import type { SseFrame } from '../providers/codec';

export class SseParser {
  private buffer = '';

  /** `eventless`: also return frames that dispatch no event (keep-alive comments, a bare `retry:`), which a pass-through forwards. */
  constructor(private readonly options: { eventless?: boolean } = {}) {}

  /** Returns every frame completed by this chunk, in order. */
  push(chunk: string): SseFrame[] {
    this.buffer += chunk;
    const frames: SseFrame[] = [];
    let start = 0;
    for (;;) {
      const end = findFrameEnd(this.buffer, start);
      if (end < 0) break;
      const raw = this.buffer.slice(start, end);
      const frame = parseFrame(raw, this.options.eventless);
      if (frame) frames.push(frame);
      start = end;
    }
    if (start > 0) this.buffer = this.buffer.slice(start);
    return frames;
  }

  /** Whatever is left when the stream ends (a last frame without its blank line). */
  flush(): SseFrame[] {
    const rest = this.buffer;
    this.buffer = '';
    if (rest.trim() === '') return [];
    const frame = parseFrame(rest + '\n\n', this.options.eventless);
    return frame ? [frame] : [];
  }
}

/** Index just past the blank line that ends the frame starting at `from`, or -1. */
function findFrameEnd(text: string, from: number): number {
  for (let i = text.indexOf('\n', from); i >= 0; i = text.indexOf('\n', i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (next === 10) return i + 2; // \n\n
    if (next === 13 && text.charCodeAt(i + 2) === 10) return i + 3; // \n\r\n
  }
  return -1;
}

function parseFrame(raw: string, eventless = false): SseFrame | undefined {
  let event: string | undefined;
  let data: string | undefined;
  for (const line of raw.split(/\r?\n/)) {
    if (line === '' || line.charCodeAt(0) === 58 /* ':' comment */) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') data = data === undefined ? value : data + '\n' + value;
    else if (field === 'event') event = value;
  }
  if (data === undefined && event === undefined) return eventless ? { data: '', raw, eventless: true } : undefined;
  return { event, data: data ?? '', raw };
}
