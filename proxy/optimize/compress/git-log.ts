// `git log` / `git show`: each commit keeps its full hash, refs, author, date and whole message on
// fewer lines (`commit`/`Author:`/`Date:` labels go; an author's email is shown the first time only,
// unless the same name appears with several emails).
// Stats pass through; patches go through the diff reducer.

import { reduceGitDiff } from './git-diff';

const COMMIT = /^commit ([0-9a-f]{7,64})(.*)$/;
const HEADER = /^(Merge|Author|AuthorDate|Commit|CommitDate|Date):\s+(.*)$/;
const AUTHOR = /^([^<]*?)\s*(<[^<>]*>)$/;

/** Names that appear with exactly one email in the whole output: only theirs can be shortened. */
function namesWithOneEmail(lines: string[]): Set<string> {
  const emails = new Map<string, Set<string>>();
  for (const line of lines) {
    const header = HEADER.exec(line);
    if (!header || header[1] !== 'Author') continue;
    const parts = AUTHOR.exec(header[2]);
    if (!parts) continue;
    emails.set(parts[1], (emails.get(parts[1]) ?? new Set()).add(parts[2]));
  }
  return new Set([...emails].filter(([, set]) => set.size === 1).map(([name]) => name));
}

export function reduceGitLog(lines: string[]): string[] {
  const out: string[] = [];
  const seenEmails = new Set<string>();
  const shortenable = namesWithOneEmail(lines);
  let i = 0;
  while (i < lines.length) {
    const commit = COMMIT.exec(lines[i]);
    if (!commit) {
      out.push(lines[i]);
      i++;
      continue;
    }
    const fields: string[] = [];
    let date = '';
    let author = '';
    const extra: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const header = HEADER.exec(lines[j]);
      if (!header) break;
      if (header[1] === 'Author') author = header[2];
      else if (header[1] === 'Date' || header[1] === 'AuthorDate') date = header[2];
      else extra.push(lines[j]);
    }
    if (author) {
      const parts = AUTHOR.exec(author);
      if (parts && seenEmails.has(parts[2]) && shortenable.has(parts[1])) fields.push(parts[1]);
      else {
        if (parts) seenEmails.add(parts[2]);
        fields.push(author);
      }
    }
    if (date) fields.push(date);
    out.push(`commit ${commit[1]}${commit[2]}${fields.length ? ` — ${fields.join(', ')}` : ''}`);
    out.push(...extra);
    // The blank line git puts between the header and the message.
    if (j < lines.length && lines[j] === '' && lines[j + 1]?.startsWith('    ')) j++;
    i = j;
  }
  return reduceGitDiff(out);
}
