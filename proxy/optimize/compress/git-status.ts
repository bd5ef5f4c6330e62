// `git status`: every path and state stays; git's "(use "git add <file>..." …)" hints go.

import { foldNote, plural } from './fold-note';

const HINT = /^\s+\(use "git [^"]*"[^)]*\)$|^\s+\((?:commit or discard|fix conflicts|all conflicts fixed)[^)]*\)$/;

export function reduceGitStatus(lines: string[]): string[] {
  const out = lines.filter((line) => !HINT.test(line));
  const dropped = lines.length - out.length;
  if (dropped > 0) out.push(foldNote(`${plural(dropped, 'git hint line')} ("use git add/restore …") dropped`));
  return out;
}
