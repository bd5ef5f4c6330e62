// How much tool output a request carries, per command that produced it — the advisor's view of
// which commands cost the most prompt. Counts characters; the advisor prices them later.

import type { CanonicalRequest, ToolCallPart } from '../formats/canonical';
import { readToolCall } from './compress/read-tool-call';
import { parseCommand } from './compress/parse-command';

const MAX_COMMAND_CHARS = 120;

/**
 * A command line reduced to its program and first argument (`cd app && npx jest src` → `jest src`
 * is too fine; `jest` plus a subcommand-like first word is what groups reruns), so the same tool
 * run with other paths adds up in one row.
 */
export function commandKey(command: string | undefined, toolName: string): string {
  // The tool name is the client's to choose, like the command: both are cut short, as each key is
  // stored with every request's insight and shown on the Advisor page.
  if (!command) return toolName ? `(${toolName.slice(0, MAX_COMMAND_CHARS)})` : '(unknown tool)';
  const parsed = parseCommand(command);
  const words = parsed ? [parsed.program, ...parsed.args.filter((a) => /^[a-z][\w-]*$/.test(a)).slice(0, 1)] : command.trim().split(/\s+/).slice(0, 2);
  return words.join(' ').slice(0, MAX_COMMAND_CHARS);
}

export function measureToolOutputs(request: CanonicalRequest): Array<{ command: string; chars: number }> {
  const calls = new Map<string, ToolCallPart>();
  const totals = new Map<string, number>();
  for (const message of request.messages) {
    for (const part of message.parts) {
      if (part.type === 'tool_call') calls.set(part.id, part);
      else if (part.type === 'tool_result') {
        let chars = 0;
        for (const c of part.content) if (c.type === 'text') chars += c.text.length;
        if (chars === 0) continue;
        const info = readToolCall(calls.get(part.callId), part.name);
        const key = commandKey(info.command, info.toolName);
        totals.set(key, (totals.get(key) ?? 0) + chars);
      }
    }
  }
  return [...totals].map(([command, chars]) => ({ command, chars }));
}
