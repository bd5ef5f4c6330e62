// How long the first streamed token took from the upstream's write to the client's read: the bench
// upstream stamps its first chunk with the monotonic clock (CLOCK_MONOTONIC, the same in every
// process on the machine), and the client subtracts it from its own clock when the stamp arrives.

export const SENT_MARK = 'sent@';
const STAMP = /sent@(\d+)/;
/** The stamp sits in the first token; stop looking after this many characters. */
const SEARCH_LIMIT = 8192;

export class ForwardingClock {
  private text = '';
  private done = false;
  /** Milliseconds from the upstream's write of the stamped chunk to now, once it has arrived. */
  delayMs: number | undefined;

  push(chunk: Buffer): void {
    if (this.done) return;
    this.text += chunk.toString('utf8');
    const match = STAMP.exec(this.text);
    if (match) {
      this.delayMs = Number(process.hrtime.bigint() - BigInt(match[1]!)) / 1e6;
      this.done = true;
    } else if (this.text.length > SEARCH_LIMIT) this.done = true;
  }
}
