// Picks the reducer family for one tool output: from the command that produced it when we know
// it, otherwise by recognising the output itself. When unsure the answer is `generic`, which only
// applies steps that are lossless for any text.

import type { ParsedCommand } from './parse-command';
import { hasTimestamp } from './log-lines';
import { isJsonDocument, looksLikeJson } from './json-output';

export type Family =
  | 'git-status' | 'git-log' | 'git-diff' | 'git-blame'
  | 'test-jest' | 'test-vitest' | 'test-mocha' | 'test-node' | 'test-pytest' | 'test-unittest' | 'test-go' | 'test-cargo'
  | 'compiler-tsc' | 'compiler-gcc' | 'compiler-rust' | 'lint-eslint'
  | 'package-npm' | 'package-pip' | 'package-apt'
  | 'search' | 'listing-paths' | 'listing-ls' | 'listing-tree'
  | 'logs' | 'json' | 'generic';

const GIT_OPTION_WITH_VALUE = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace']);
const GIT_FAMILIES: Record<string, Family> = {
  status: 'git-status', log: 'git-log', reflog: 'git-log', whatchanged: 'git-log', show: 'git-log',
  diff: 'git-diff', 'diff-tree': 'git-diff', 'diff-index': 'git-diff', 'range-diff': 'git-diff', stash: 'git-diff',
  blame: 'git-blame', annotate: 'git-blame', grep: 'search', 'ls-files': 'listing-paths', 'ls-tree': 'generic',
};
const PROGRAM_FAMILIES: Record<string, Family> = {
  jest: 'test-jest', vitest: 'test-vitest', mocha: 'test-mocha', _mocha: 'test-mocha',
  pytest: 'test-pytest', 'py.test': 'test-pytest', unittest: 'test-unittest',
  tsc: 'compiler-tsc', 'vue-tsc': 'compiler-tsc', eslint: 'lint-eslint',
  gcc: 'compiler-gcc', 'g++': 'compiler-gcc', cc: 'compiler-gcc', 'c++': 'compiler-gcc', clang: 'compiler-gcc', 'clang++': 'compiler-gcc',
  rustc: 'compiler-rust', pip: 'package-pip', pip3: 'package-pip', pipx: 'package-pip',
  grep: 'search', egrep: 'search', fgrep: 'search', rg: 'search', ag: 'search', ack: 'search',
  find: 'listing-paths', fd: 'listing-paths', fdfind: 'listing-paths', locate: 'listing-paths',
  tree: 'listing-tree', journalctl: 'logs', stern: 'logs',
  apt: 'package-apt', 'apt-get': 'package-apt', dpkg: 'package-apt', aptitude: 'package-apt',
};
const NPM_LIKE = new Set(['npm', 'pnpm', 'yarn', 'bun']);
/** Package-manager subcommands that run project scripts: what they print depends on the script. */
const SCRIPT_RUNNERS = new Set(['test', 't', 'tst', 'run', 'run-script', 'start', 'exec', 'x', 'dlx']);
const CARGO_TEST = new Set(['test', 't', 'nextest']);
const FILES_ONLY = /^-[a-zA-Z]*[lL][a-zA-Z]*$|^--(?:files|files-with-matches|files-without-match)$/;
const JSON_FLAG = /^--json$|^--format[= ]json$|^--output[= ]json$|^-ojson$/;

/** The family the command says its output has, or null when only the output can tell. */
export function detectFamilyFromCommand(parsed: ParsedCommand, output: string): Family | null {
  if (parsed.filtered) return 'generic';
  if (parsed.logRead) return 'logs';
  const { program, args } = parsed;
  if ((args.some((a) => JSON_FLAG.test(a)) || (args.includes('-o') && args.includes('json'))) && looksLikeJson(output)) return 'json';
  if (program === 'git') {
    let i = 0;
    while (i < args.length && args[i].startsWith('-')) i += GIT_OPTION_WITH_VALUE.has(args[i]) ? 2 : 1;
    const family = GIT_FAMILIES[args[i] ?? ''] ?? 'generic';
    if (family === 'search' && args.some((a) => FILES_ONLY.test(a))) return 'listing-paths';
    return family;
  }
  if (NPM_LIKE.has(program)) return SCRIPT_RUNNERS.has(args[0] ?? '') ? null : 'package-npm';
  if (program === 'cargo') return CARGO_TEST.has(args[0] ?? '') ? 'test-cargo' : 'compiler-rust';
  if (program === 'go') return args[0] === 'test' ? 'test-go' : null;
  if (program === 'node' || program === 'bun' || program === 'deno') return args.includes('--test') || args[0] === 'test' ? 'test-node' : null;
  if ((program === 'docker' || program === 'kubectl' || program === 'podman') && (args[0] === 'logs' || args[1] === 'logs')) return 'logs';
  if (program === 'ls') return args.some((a) => /^-[a-zA-Z]*l/.test(a)) ? 'listing-ls' : 'generic';
  if (program === 'curl' || program === 'wget' || program === 'http' || program === 'jq' || program === 'gh' || program === 'aws') return looksLikeJson(output) ? 'json' : 'generic';
  const family = PROGRAM_FAMILIES[program];
  if (family === 'search' && args.some((a) => FILES_ONLY.test(a))) return 'listing-paths';
  return family ?? null;
}

const SAMPLE_HEAD = 48 * 1024;
const SAMPLE_TAIL = 16 * 1024;
const BLAME_LINE = /^\^?[0-9a-f]{7,40} (?:\S+ )?\(.+? \d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4} +\d+\) /;
const GREP_LINE = /^[^:\s]+:\d+:/;
const LS_LONG_LINE = /^[-dlcbps][-rwxsStT]{9}[.+@]?\s+\d+\s/;
const TREE_LINE = /^[│ ]*[├└]──/m;
const PATH_LIKE = /^[^\s:*?"<>|/]*\/[^\s:*?"<>|]*$/;
const NPM_LS_ROOT = /^\S+@\S+(?: \S+)?\n[├└]─/;

const SIGNATURES: Array<[Family, RegExp]> = [
  ['git-log', /^commit [0-9a-f]{40}/m],
  ['git-diff', /^diff --git /m],
  ['git-status', /^(?:On branch |HEAD detached |Changes not staged for commit:|Changes to be committed:|Untracked files:|nothing to commit)/m],
  ['test-pytest', /^={3,} (?:test session starts|FAILURES|ERRORS|short test summary info) ={3,}$|^={3,} [^=\n]{0,200}\b(?:passed|failed)\b[^=\n]{0,200} in [\d.]+s[^=\n]{0,100} ={3,}$/m],
  ['test-node', /^TAP version 1[34]$|^ℹ (?:tests|pass|fail) \d+$/m],
  ['test-vitest', /^ RUN {2}v\d|^\s+Test Files {2}\d/m],
  ['test-jest', /^Test Suites: |^ (?:PASS|FAIL) {2}\S/m],
  ['test-mocha', /^\s+\d+ passing \(\d/m],
  ['test-cargo', /^test result: (?:ok|FAILED)\. \d+ passed/m],
  ['test-go', /^(?:--- (?:PASS|FAIL): |=== RUN {3}|ok {2}\t\S|FAIL\t\S)/m],
  ['test-unittest', /^Ran \d+ tests? in [\d.]+s$/m],
  ['compiler-tsc', /^[^\s(]+\(\d+,\d+\): error TS\d+: |^[^\s:]+:\d+:\d+ - error TS\d+: /m],
  ['compiler-rust', /^(?:error|warning)(?:\[E\d{4}\])?: .+\n\s*--> /m],
  ['lint-eslint', /^✖ \d+ problems? \(/m],
  ['compiler-gcc', /^[^\s:]+:\d+:\d+: (?:fatal )?(?:error|warning|note): /m],
  ['package-npm', /^npm (?:warn|WARN|ERR!|error|http|notice|timing) |^added \d+ packages?|^up to date, audited /m],
  ['package-pip', /^(?:Collecting |Requirement already satisfied: |Successfully installed |Looking in indexes: )/m],
  ['package-apt', /^(?:Selecting previously unselected package |Preparing to unpack |Setting up \S+ \(.+\) \.\.\.$)/m],
];

function share(lines: string[], test: (line: string) => boolean): number {
  if (lines.length === 0) return 0;
  return lines.filter(test).length / lines.length;
}

/** Recognises the family from the output alone. */
export function detectFamilyFromOutput(text: string): Family {
  const sample = text.length > SAMPLE_HEAD + SAMPLE_TAIL ? `${text.slice(0, SAMPLE_HEAD)}\n${text.slice(-SAMPLE_TAIL)}` : text;
  const head = sample.slice(0, 8192).split('\n').filter((l) => l.trim() !== '').slice(0, 40);
  if (head.length >= 3 && share(head, (l) => BLAME_LINE.test(l)) >= 0.6) return 'git-blame';
  // Before the signatures: a JSON document after an `npm warn` line is still JSON.
  if (isJsonDocument(text)) return 'json';
  for (const [family, signature] of SIGNATURES) if (signature.test(sample)) return family;
  if (NPM_LS_ROOT.test(sample)) return 'package-npm';
  if (head.length >= 5 && share(head, (l) => LS_LONG_LINE.test(l)) >= 0.6) return 'listing-ls';
  if (TREE_LINE.test(sample) && share(head, (l) => /[├└│]/.test(l)) >= 0.5) return 'listing-tree';
  if (head.length >= 5 && share(head, (l) => PATH_LIKE.test(l)) >= 0.9) return 'listing-paths';
  if (head.length >= 3 && share(head, hasTimestamp) >= 0.5) return 'logs';
  if (head.length >= 3 && share(head, (l) => GREP_LINE.test(l)) >= 0.6) return 'search';
  return 'generic';
}

export function detectFamily(text: string, parsed: ParsedCommand | null): Family {
  return (parsed ? detectFamilyFromCommand(parsed, text) : null) ?? detectFamilyFromOutput(text);
}
