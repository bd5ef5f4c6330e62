// find, fd, grep -l, git ls-files: runs of paths in the same directory are written as the directory
// once and the file names after it, so long shared prefixes are not repeated; runs of one file name
// in many directories (`find -name package.json`) are written as the name once and the directories.
// Every path stays recoverable as `dir/` + name.

const PATH_LINE = /^[^\s:*?"<>|][^:*?"<>|]*$/;
const MIN_GROUP = 3;

function splitPath(line: string): [string, string] | null {
  if (!PATH_LINE.test(line) || line.includes(', ')) return null;
  const slash = line.lastIndexOf('/', line.length - 2);
  if (slash <= 0) return null;
  return [line.slice(0, slash + 1), line.slice(slash + 1)];
}

function groupByName(lines: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = splitPath(lines[i]);
    let j = i + 1;
    if (first) while (j < lines.length && splitPath(lines[j])?.[1] === first[1]) j++;
    if (first && j - i >= MIN_GROUP && !first[1].includes(' in (')) {
      out.push(`${first[1]} in (${j - i}): ${lines.slice(i, j).map((l) => l.slice(0, l.length - first[1].length)).join(', ')}`);
      i = j;
      continue;
    }
    out.push(lines[i]);
    i++;
  }
  return out;
}

export function reducePathList(lines: string[]): string[] {
  return groupByName(groupByDirectory(lines));
}

function groupByDirectory(lines: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = splitPath(lines[i]);
    let j = i + 1;
    if (first) while (j < lines.length && splitPath(lines[j])?.[0] === first[0]) j++;
    if (first && j - i >= MIN_GROUP) {
      const names = lines.slice(i, j).map((l) => l.slice(first[0].length));
      out.push(`${first[0]} (${j - i}): ${names.join(', ')}`);
      i = j;
      continue;
    }
    out.push(lines[i]);
    i++;
  }
  return out;
}
