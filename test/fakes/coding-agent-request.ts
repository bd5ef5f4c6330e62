// A request shaped like a coding agent's: a long system prompt, 24 tools with real JSON schemas,
// a 50 KB tool result and several turns of tool use — written in each client API's own shape.

export interface AgentTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

const RULES = [
  'Read files before editing them.',
  'Prefer small, reviewable changes.',
  'Run the tests after every change and report failures verbatim.',
  'Never print secrets; redact tokens in command output.',
  'Explain why, not what, in commit messages.',
];
export const codingAgentSystem = Array.from({ length: 60 }, (_, i) => `Rule ${i + 1}: ${RULES[i % RULES.length]}`).join('\n');

const str = (description: string) => ({ type: 'string', description });
const NAMES = ['read_file', 'write_file', 'edit_file', 'list_dir', 'glob', 'grep', 'run_command', 'run_tests', 'git_status', 'git_diff', 'git_commit', 'web_fetch',
  'todo_write', 'todo_read', 'ask_user', 'open_pr', 'lint', 'format', 'typecheck', 'search_symbols', 'find_references', 'rename_symbol', 'notebook_edit', 'task'];
export const codingAgentTools: AgentTool[] = NAMES.map((name, i) => ({
  name,
  description: `${name.replace(/_/g, ' ')}: tool ${i + 1} of the agent's toolbox.`,
  parameters: {
    type: 'object',
    properties: {
      path: str('Path relative to the repository root'),
      ...(i % 3 === 0 ? { pattern: str('A regular expression') } : {}),
      ...(i % 4 === 0 ? { options: { type: 'object', properties: { recursive: { type: 'boolean' }, limit: { type: 'integer', minimum: 1, maximum: 1000 } } } } : {}),
      ...(i % 5 === 0 ? { mode: { type: 'string', enum: ['fast', 'thorough'] }, files: { type: 'array', items: { type: 'string' } } } : {}),
    },
    required: ['path'],
  },
}));

/** 50 KB of file content, the way a read_file result looks. */
export const BIG_TOOL_RESULT = Array.from({ length: 1100 }, (_, i) => `${String(i + 1).padStart(5)}  export const value${i} = compute(${i}); // line`).join('\n').slice(0, 50 * 1024);

interface Turn {
  role: 'user' | 'assistant';
  text?: string;
  call?: { id: string; name: string; args: Record<string, unknown> };
  result?: { id: string; name: string; content: string };
}

const TURNS: Turn[] = [
  { role: 'user', text: 'The build fails in src/index.ts. Find out why and fix it.' },
  { role: 'assistant', text: 'Reading the file first.', call: { id: 'call_read_1', name: 'read_file', args: { path: 'src/index.ts' } } },
  { role: 'user', result: { id: 'call_read_1', name: 'read_file', content: BIG_TOOL_RESULT } },
  { role: 'assistant', call: { id: 'call_grep_1', name: 'grep', args: { path: 'src', pattern: 'compute\\(' } } },
  { role: 'user', result: { id: 'call_grep_1', name: 'grep', content: 'src/index.ts:12\nsrc/lib.ts:3' } },
  { role: 'assistant', text: 'compute() is imported from the wrong module.' },
  { role: 'user', text: 'Go ahead and fix it, then check the next file.' },
];

/** The history in one client API's message shape. */
export function codingAgentHistory(format: 'anthropic' | 'openai-chat' | 'responses' | 'gemini'): unknown[] {
  switch (format) {
    case 'anthropic':
      return TURNS.map((t) => ({
        role: t.role,
        content: [
          ...(t.result ? [{ type: 'tool_result', tool_use_id: t.result.id, content: t.result.content }] : []),
          ...(t.text ? [{ type: 'text', text: t.text }] : []),
          ...(t.call ? [{ type: 'tool_use', id: t.call.id, name: t.call.name, input: t.call.args }] : []),
        ],
      }));
    case 'openai-chat':
      return TURNS.map((t) => {
        if (t.result) return { role: 'tool', tool_call_id: t.result.id, content: t.result.content };
        if (t.role === 'user') return { role: 'user', content: t.text };
        return {
          role: 'assistant',
          content: t.text ?? null,
          ...(t.call ? { tool_calls: [{ id: t.call.id, type: 'function', function: { name: t.call.name, arguments: JSON.stringify(t.call.args) } }] } : {}),
        };
      });
    case 'responses':
      return TURNS.flatMap((t) => [
        ...(t.text ? [{ role: t.role, content: t.text }] : []),
        ...(t.call ? [{ type: 'function_call', call_id: t.call.id, name: t.call.name, arguments: JSON.stringify(t.call.args) }] : []),
        ...(t.result ? [{ type: 'function_call_output', call_id: t.result.id, output: t.result.content }] : []),
      ]);
    case 'gemini':
      return TURNS.map((t) => ({
        role: t.role === 'assistant' ? 'model' : 'user',
        parts: [
          ...(t.text ? [{ text: t.text }] : []),
          ...(t.call ? [{ functionCall: { name: t.call.name, args: t.call.args } }] : []),
          ...(t.result ? [{ functionResponse: { name: t.result.name, response: { output: t.result.content } } }] : []),
        ],
      }));
  }
}
