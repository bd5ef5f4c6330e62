// Reads a shell command line far enough to know which program's output the model is looking at:
// `cd x && FOO=1 npx tsc | head -50` → program `tsc`, truncated. Not a shell: quotes, operators,
// redirections, env prefixes and common wrappers only.

export interface ParsedCommand {
  /** The program whose output reaches the model, wrappers removed (`npx jest` → `jest`). */
  program: string;
  /** Its arguments. */
  args: string[];
  /** A later pipeline stage only cut lines off (head, tail): the output may end mid-structure. */
  truncated: boolean;
  /** A later pipeline stage rewrote or filtered the output (grep, sed, sort, jq…). */
  filtered: boolean;
  /** The program prints a file's contents (cat, head, sed -n, git show rev:path…). */
  fileRead: boolean;
  /** The file read is a log, which nobody edits from. */
  logRead: boolean;
}

type Token = { op: string } | { word: string };

const OPERATORS = ['&&', '||', '|&', ';;', '|', ';', '&', '\n'];
const REDIRECT = /^(?:\d*|&)(?:>>?|<<?<?|>&|<&)(?:&?\d+|-)?$/;
const REDIRECT_WITH_TARGET = /^(?:\d*|&)(?:>>?|<)(.+)$/;
const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const TRIVIAL = new Set(['cd', 'pushd', 'popd', 'echo', 'printf', 'export', 'set', 'unset', 'true', 'false', 'source', '.', 'sleep', 'clear', 'wait', 'trap', 'shopt', 'alias']);
const WRAPPERS = new Set(['sudo', 'time', 'command', 'exec', 'nice', 'nohup', 'stdbuf', 'unbuffer', 'env', 'timeout', 'xvfb-run', 'dotenv', 'caffeinate']);
const RUNNERS = new Set(['npx', 'pnpx', 'bunx', 'yarn', 'pnpm', 'bun', 'uv', 'poetry', 'pipenv', 'rye', 'hatch']);
const FILE_READERS = new Set(['cat', 'head', 'tail', 'nl', 'less', 'more', 'bat', 'batcat', 'tac', 'view', 'Get-Content', 'type']);
const CUTTERS = new Set(['head', 'tail']);
const PASSIVE = new Set(['cat', 'tee', 'less', 'more', 'col']);
const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'fish', '/bin/bash', '/bin/sh', '/bin/zsh', '/usr/bin/bash', '/usr/bin/env']);
const LOG_PATH = /\.log(?:\.\d+)?$|^\/var\/log\//;
const PYTHON = /^python(?:\d(?:\.\d+)?)?$/;

// Sticky: matched in place at each `<<` (slicing the command there would be quadratic).
const HEREDOC = /<<(-?)[ \t]*(['"]?)([A-Za-z_][\w-]*)\2/y;

export function tokenizeShell(command: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let inWord = false;
  // Heredoc delimiters whose bodies start after the current line.
  const pendingHeredocs: Array<{ delimiter: string; stripTabs: boolean }> = [];
  const flush = () => {
    if (inWord) tokens.push({ word });
    word = '';
    inWord = false;
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (c === '<' && command[i + 1] === '<' && command[i + 2] !== '<') {
      HEREDOC.lastIndex = i;
      const heredoc = HEREDOC.exec(command);
      if (heredoc) {
        flush();
        pendingHeredocs.push({ delimiter: heredoc[3], stripTabs: heredoc[1] === '-' });
        i += heredoc[0].length - 1;
        continue;
      }
    }
    if (c === '\n' && pendingHeredocs.length > 0) {
      // Skip each heredoc body: it is input to the command, not part of the command line.
      let at = i + 1;
      for (const { delimiter, stripTabs } of pendingHeredocs.splice(0)) {
        while (at < command.length) {
          const end = command.indexOf('\n', at);
          const line = command.slice(at, end === -1 ? command.length : end);
          at = end === -1 ? command.length : end + 1;
          if ((stripTabs ? line.replace(/^\t+/, '') : line) === delimiter) break;
        }
      }
      flush();
      tokens.push({ op: '\n' });
      i = at - 1;
      continue;
    }
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      const stop = end === -1 ? command.length : end;
      word += command.slice(i + 1, stop);
      inWord = true;
      i = stop;
    } else if (c === '"') {
      inWord = true;
      for (i++; i < command.length && command[i] !== '"'; i++) {
        if (command[i] === '\\' && i + 1 < command.length && '"\\$`'.includes(command[i + 1])) i++;
        word += command[i];
      }
    } else if (c === '\\' && i + 1 < command.length) {
      if (command[i + 1] !== '\n') word += command[i + 1];
      inWord = command[i + 1] !== '\n' || inWord;
      i++;
    } else if (c === ' ' || c === '\t') {
      flush();
    } else if ((c === '(' || c === ')' || c === '{' || c === '}') && !inWord) {
      // Subshell and group delimiters: `time (npm test)`, `{ make; }`.
      continue;
    } else if (c === ')' && !word.includes('$(')) {
      flush();
    } else if (c === '#' && !inWord) {
      const end = command.indexOf('\n', i);
      i = end === -1 ? command.length : end - 1;
    } else {
      const op = OPERATORS.find((o) => command.startsWith(o, i));
      // `2>&1` and `&>` are redirections, not the background operator.
      if (op && !(op === '&' && (command[i + 1] === '>' || command[i - 1] === '>'))) {
        flush();
        tokens.push({ op });
        i += op.length - 1;
      } else {
        word += c;
        inWord = true;
      }
    }
  }
  flush();
  return tokens;
}

/** Splits tokens into `a && b; c` segments, each a list of pipeline stages of words. */
function splitSegments(tokens: Token[]): string[][][] {
  const segments: string[][][] = [];
  let stages: string[][] = [[]];
  for (const t of tokens) {
    if ('op' in t) {
      if (t.op === '|' || t.op === '|&') stages.push([]);
      else {
        segments.push(stages);
        stages = [[]];
      }
    } else {
      stages[stages.length - 1].push(t.word);
    }
  }
  segments.push(stages);
  const cleaned: string[][][] = [];
  for (const segment of segments.map((s) => s.map(dropRedirections))) {
    // `{ make; } | tail`: a pipe right after a group continues the segment before it.
    if (segment.length > 1 && segment[0].length === 0 && cleaned.length > 0) cleaned[cleaned.length - 1].push(...segment.slice(1));
    else cleaned.push(segment);
  }
  return cleaned.map((s) => s.filter((words) => words.length > 0)).filter((s) => s.length > 0);
}

function dropRedirections(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (REDIRECT.test(words[i])) {
      if (!/&?\d+$|-$/.test(words[i])) i++; // `> file`: skip the target too
      continue;
    }
    if (REDIRECT_WITH_TARGET.test(words[i]) && !words[i].startsWith('-')) continue;
    out.push(words[i]);
  }
  return out;
}

/** Removes env prefixes and wrappers (`sudo`, `timeout 60`, `npx -y`, `python -m`). */
function unwrap(words: string[]): string[] {
  let w = words;
  for (let guard = 0; guard < 8 && w.length > 0; guard++) {
    while (w.length > 0 && ENV_ASSIGNMENT.test(w[0])) w = w.slice(1);
    if (w.length === 0) return w;
    const head = w[0];
    if (WRAPPERS.has(head)) {
      w = w.slice(1);
      while (w.length > 0 && (w[0].startsWith('-') || ENV_ASSIGNMENT.test(w[0]) || (head === 'timeout' && /^\d/.test(w[0])))) w = w.slice(1);
      continue;
    }
    if (RUNNERS.has(head)) {
      let rest = w.slice(1);
      while (rest.length > 0 && rest[0].startsWith('-')) rest = rest.slice(rest[0] === '-p' || rest[0] === '--package' ? 2 : 1);
      if (rest[0] === 'exec' || rest[0] === 'dlx' || rest[0] === 'x' || rest[0] === 'run' && (head === 'uv' || head === 'poetry' || head === 'pipenv')) rest = rest.slice(1);
      // `yarn test`, `pnpm install`: the runner itself is the program.
      if (rest.length === 0 || ['install', 'add', 'remove', 'ls', 'list', 'why', 'outdated', 'audit', 'update', 'upgrade', 'test', 'run', 'build', 'ci', 'i'].includes(rest[0]) && head !== 'npx' && head !== 'bunx' && head !== 'pnpx') return w;
      w = rest;
      continue;
    }
    if (PYTHON.test(head) && w[1] === '-m' && w.length > 2) {
      w = w.slice(2);
      continue;
    }
    if (head === 'npm' && (w[1] === 'exec' || w[1] === 'x')) {
      w = w.slice(2).filter((x, i) => !(i === 0 && x === '--'));
      continue;
    }
    break;
  }
  return w;
}

function innerShellScript(words: string[]): string | null {
  if (!SHELLS.has(words[0])) return null;
  const start = words[0] === '/usr/bin/env' ? 1 : 0;
  if (start === 1 && !SHELLS.has(words[1])) return null;
  const flagIndex = words.findIndex((w, i) => i > start && /^-\w*c\w*$/.test(w));
  return flagIndex > 0 && flagIndex + 1 < words.length ? words[flagIndex + 1] : null;
}

function basename(program: string): string {
  const slash = program.lastIndexOf('/');
  return slash === -1 ? program : program.slice(slash + 1);
}

function operands(args: string[]): string[] {
  return args.filter((a) => !a.startsWith('-') && !/^\d+$/.test(a));
}

function isFileRead(program: string, args: string[]): boolean {
  if (FILE_READERS.has(program)) return operands(args).length > 0;
  if (program === 'sed') return args.includes('-n') && !args.some((a) => a.startsWith('-i'));
  if (program === 'awk') return false;
  if (program === 'git' && args[0] === 'show') return args.slice(1).some((a) => !a.startsWith('-') && a.includes(':'));
  if (program === 'git' && args[0] === 'cat-file') return true;
  return false;
}

export function parseCommand(command: string, depth = 0): ParsedCommand | null {
  const segments = splitSegments(tokenizeShell(command));
  // The output that matters is the last segment's that does real work (`cd x && git diff`).
  let stages: string[][] | undefined;
  for (let s = segments.length - 1; s >= 0 && !stages; s--) {
    const first = unwrap(segments[s][0]);
    if (first.length > 0 && !TRIVIAL.has(basename(first[0]))) stages = segments[s];
  }
  if (!stages) return null;
  const producer = unwrap(stages[0]);
  const inner = depth < 3 ? innerShellScript(producer) : null;
  if (inner !== null) {
    const parsed = parseCommand(inner, depth + 1);
    if (!parsed) return null;
    return stages.length > 1 ? withLaterStages(parsed, stages.slice(1)) : parsed;
  }
  const program = basename(producer[0]);
  const args = producer.slice(1);
  const fileRead = isFileRead(program, args);
  const logRead = fileRead && (args.includes('-f') || args.includes('-F') || operands(args).some((a) => LOG_PATH.test(a)));
  return withLaterStages({ program, args, truncated: false, filtered: false, fileRead, logRead }, stages.slice(1));
}

function withLaterStages(parsed: ParsedCommand, later: string[][]): ParsedCommand {
  let { truncated, filtered } = parsed;
  for (const stage of later) {
    const words = unwrap(stage);
    const program = basename(words[0] ?? '');
    if (CUTTERS.has(program)) truncated = true;
    else if (!PASSIVE.has(program)) filtered = true;
  }
  return { ...parsed, truncated, filtered };
}
