// Line splitting that remembers whether the text ended with a newline, so reducers can work on
// lines and give back text of the same shape.

export interface Lines {
  lines: string[];
  trailingNewline: boolean;
}

export function splitLines(text: string): Lines {
  const trailingNewline = text.endsWith('\n');
  const lines = (trailingNewline ? text.slice(0, -1) : text).split('\n');
  return { lines, trailingNewline };
}

export function joinLines(lines: string[], trailingNewline: boolean): string {
  const body = lines.join('\n');
  return trailingNewline ? `${body}\n` : body;
}

/** Applies a line-array transform to text, keeping its trailing newline. */
export function mapLines(text: string, transform: (lines: string[]) => string[]): string {
  const { lines, trailingNewline } = splitLines(text);
  return joinLines(transform(lines), trailingNewline);
}
