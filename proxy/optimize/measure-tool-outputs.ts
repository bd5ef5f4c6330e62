// How much tool output a request carries, per command that produced it — the advisor's view of
// which commands cost the most prompt. Counts characters; the advisor prices them later.

import type { CanonicalRequest, ToolCallPart } from '../formats/canonical';
import { readToolCall } from './compress/read-tool-call';

const MAX_COMMAND_CHARS = 120;

/** A command line shortened to its program and first argument, so reruns with other paths group together. */
export function commandKey(command: string | undefined, toolName: string): string {
  if (!command) return toolName ? `(${toolName})` : '(unknown tool)';
  const words = command.trim().split(/\s+/).slice(0, 2).join(' ');
  return words.length > MAX_COMMAND_CHARS ? words.slice(0, MAX_COMMAND_CHARS) : words;
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
