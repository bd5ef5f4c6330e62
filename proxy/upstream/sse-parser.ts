// Incremental server-sent-events parser: feed it chunks as they arrive, get whole frames back.
// Frames are never held longer than it takes for their terminating blank line to arrive.
// Lines may end in CRLF, LF or a lone CR, as the spec allows:
// https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream

import type { SseFrame } from '../providers/codec';

const CR = 13;
const LF = 10;

export class SseParser {
  private buffer = '';
  // The last frame ended on a CR that was the last character seen: an LF opening the next chunk
  // completes that CRLF, so it is not a line ending of its own.
  private afterCr = false;

  /** `eventless`: also return frames that dispatch no event (keep-alive comments, a bare `retry:`), which a pass-through forwards. */
  constructor(private readonly options: { eventless?: boolean } = {}) {}

  /** Returns every frame completed by this chunk, in order. */
  push(chunk: string): SseFrame[] {
    const text = this.buffer + chunk;
    if (text === '') return [];
    const frames: SseFrame[] = [];
    let start = 0;
    // The LF that completes a CRLF split across chunks stays in the next frame's raw bytes (a
    // pass-through forwards every byte) but is not searched as a line ending.
    let from = this.afterCr && text.charCodeAt(0) === LF ? 1 : 0;
    // A lone CR ending a line before a blank one shows as "\r\r"; LF and CRLF streams have none,
    // so this one search per chunk is all they pay for lone CRs.
    let crcr = text.indexOf('\r\r', from);
    for (;;) {
      if (crcr >= 0 && crcr < from) crcr = text.indexOf('\r\r', from);
      const end = findFrameEnd(text, from, crcr);
      if (end < 0) break;
      const frame = parseFrame(text.slice(start, end), this.options.eventless);
      if (frame) frames.push(frame);
      start = from = end;
    }
    // Still ahead of a skipped LF when nothing was returned; otherwise after a CR only if it ended the last frame.
    this.afterCr = start === 0 ? from === 1 : start === text.length && text.charCodeAt(start - 1) === CR;
    this.buffer = start > 0 ? text.slice(start) : text;
    return frames;
  }

  /** Whatever is left when the stream ends (a last frame without its blank line). */
  flush(): SseFrame[] {
    const rest = this.buffer;
    this.buffer = '';
    this.afterCr = false;
    // Only blank lines left (say the LF of a CRLF split at the very end): nothing to dispatch, but a
    // pass-through still forwards the bytes.
    if (rest.trim() === '') return this.options.eventless && rest !== '' ? [{ data: '', raw: rest, eventless: true }] : [];
    const frame = parseFrame(rest + '\n\n', this.options.eventless);
    return frame ? [frame] : [];
  }
}

/**
 * Index just past the blank line that ends the frame starting at `from`, or -1. `crcr` is the
 * first "\r\r" at or after `from` (-1 if none). A CR that is the last character seen ends the
 * frame at once: if an LF follows in the next chunk, the parser skips it.
 */
function findFrameEnd(text: string, from: number, crcr: number): number {
  let end = -1;
  // A line ended by LF (alone or after CR), then a blank line.
  for (let i = text.indexOf('\n', from); i >= 0; i = text.indexOf('\n', i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (next === LF) { end = i + 2; break; } // \n\n
    if (next === CR) { end = text.charCodeAt(i + 2) === LF ? i + 3 : i + 2; break; } // \n\r\n, \n\r
  }
  // A line ended by a lone CR, then a blank line (\r\r, \r\r\n).
  if (crcr >= 0 && (end < 0 || crcr < end)) end = text.charCodeAt(crcr + 2) === LF ? crcr + 3 : crcr + 2;
  return end;
}

/** Reads the `event` and `data` fields line by line, without splitting the frame into an array. */
function parseFrame(raw: string, eventless = false): SseFrame | undefined {
  let event: string | undefined;
  let data: string | undefined;
  const n = raw.length;
  // Next CR and next LF at or after the line start (-1: none left); each is searched again only once passed.
  let cr = raw.indexOf('\r');
  let lf = raw.indexOf('\n');
  for (let pos = 0; pos < n;) {
    if (cr >= 0 && cr < pos) cr = raw.indexOf('\r', pos);
    if (lf >= 0 && lf < pos) lf = raw.indexOf('\n', pos);
    let eol = cr < 0 ? lf : lf < 0 || cr < lf ? cr : lf;
    if (eol < 0) eol = n;
    const line = pos;
    pos = raw.charCodeAt(eol) === CR && raw.charCodeAt(eol + 1) === LF ? eol + 2 : eol + 1;
    if (eol === line || raw.charCodeAt(line) === 58 /* ':' comment */) continue;
    let colon = raw.indexOf(':', line);
    if (colon < 0 || colon > eol) colon = eol;
    let valueStart = colon + 1;
    if (valueStart < eol && raw.charCodeAt(valueStart) === 32) valueStart++;
    const value = valueStart < eol ? raw.slice(valueStart, eol) : '';
    const fieldLength = colon - line;
    if (fieldLength === 4 && raw.startsWith('data', line)) data = data === undefined ? value : data + '\n' + value;
    else if (fieldLength === 5 && raw.startsWith('event', line)) event = value;
  }
  if (data === undefined && event === undefined) return eventless ? { data: '', raw, eventless: true } : undefined;
  return { event, data: data ?? '', raw };
}
