// The one wording for everything a reducer folds away, so the model always sees what was left out,
// how much of it, and knows it can ask for the full output.

/** A line standing in for folded content, e.g. `[… 37 identical lines folded]`. */
export function foldNote(what: string, indent = ''): string {
  return `${indent}[… ${what}]`;
}

/** `1 line` / `3 lines`. */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** The leading whitespace of a line. */
export function indentOf(line: string): string {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  return line.slice(0, i);
}
