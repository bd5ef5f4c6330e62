// Removes terminal escape sequences (colours, cursor moves, OSC hyperlinks): the model reads text,
// and every escape costs tokens without carrying meaning.

// CSI sequences, OSC sequences (ended by BEL or ST), and two-byte escapes.
const ANSI_SEQUENCE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]/g;

export function stripAnsi(text: string): string {
  if (text.indexOf('\x1b') === -1 && text.indexOf('\x9b') === -1) return text;
  return text.replace(ANSI_SEQUENCE, '');
}
