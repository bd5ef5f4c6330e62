// What a tool call tells us about its result: the tool's name and, for shell tools, the command
// line. Covers Claude Code's Bash `{command}`, Codex's shell `{command: ["bash", "-lc", "…"]}` and
// exec `{cmd}`, Gemini CLI's run_shell_command `{command}`, and `{command, args: [...]}` shapes.

import type { ToolCallPart } from '../../formats/canonical';

export interface ToolCallInfo {
  toolName: string;
  command?: string;
}

const SAFE_WORD = /^[\w@%+=:,./-]+$/;
const SHELL = /^(?:(?:\/usr)?\/bin\/)?(?:bash|sh|zsh|dash)$/;
const SEARCH_TOOL = /^(?:grep|grep_search|search_files|search_file_content|ripgrep|rg)$/i;

function quoteWord(word: string): string {
  return SAFE_WORD.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `["bash", "-lc", "git diff"]` → `git diff`; `["git", "diff", "a b"]` → `git diff 'a b'`. */
export function joinArgv(argv: unknown[]): string | undefined {
  if (!argv.every((a) => typeof a === 'string') || argv.length === 0) return undefined;
  const words = argv as string[];
  if (SHELL.test(words[0]) && words.length >= 3 && /^-\w*c\w*$/.test(words[1])) return words[2];
  return words.map(quoteWord).join(' ');
}

function readCommand(args: Record<string, unknown>): string | undefined {
  for (const key of ['command', 'cmd']) {
    const value = args[key];
    if (typeof value === 'string' && value.trim()) {
      const extra = Array.isArray(args.args) ? joinArgv(args.args) : undefined;
      return extra ? `${value} ${extra}` : value;
    }
    if (Array.isArray(value)) return joinArgv(value);
  }
  if (Array.isArray(args.argv)) return joinArgv(args.argv);
  return undefined;
}

export function readToolCall(call: ToolCallPart | undefined, resultName?: string): ToolCallInfo {
  const toolName = call?.name ?? resultName ?? '';
  if (!call) return { toolName };
  let args: unknown;
  try {
    args = JSON.parse(call.arguments || '{}');
  } catch {
    return { toolName };
  }
  if (!args || typeof args !== 'object' || Array.isArray(args)) return { toolName };
  const record = args as Record<string, unknown>;
  const command = readCommand(record);
  if (command) return { toolName, command };
  // Search tools without a shell command: their pattern lets long matched lines keep the match.
  // Claude Code's Grep defaults to listing files; `output_mode: "content"` prints matching lines.
  if (SEARCH_TOOL.test(toolName) && typeof record.pattern === 'string') {
    const mode = typeof record.output_mode === 'string' ? record.output_mode : 'files_with_matches';
    const flag = mode === 'content' ? '-n' : mode === 'count' ? '-c' : '-l';
    return { toolName, command: `rg ${flag} ${quoteWord(record.pattern)}` };
  }
  return { toolName };
}
