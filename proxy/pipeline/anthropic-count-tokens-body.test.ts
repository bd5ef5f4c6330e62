import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeAnthropicCountTokensRequest } from '../formats/anthropic/count-tokens';
import { markSignature } from '../formats/signature-origin';
import { anthropicCountTokensBody } from './anthropic-count-tokens-body';

const ANTHROPIC_SIG = 'RXFRQkNrZ0lBUkFCR0FJaVFMYW50aHJvcGljLXNpZw==';
const GEMINI_SIG = 'Q2lRQmp6MXJYMWdlbWluaS1zaWc=';

const withThinking = (signature: string) => ({
  model: 'smart',
  system: 'Be brief.',
  thinking: { type: 'enabled', budget_tokens: 2048 },
  tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
  messages: [
    { role: 'user', content: 'Weather in Rome?' },
    { role: 'assistant', content: [{ type: 'thinking', thinking: 'Look it up.', signature }, { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Rome' } }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: '18C' }] },
  ],
});

const ROWS: Array<{ name: string; input: Record<string, unknown>; expected: Record<string, unknown> }> = [
  {
    name: 'no reasoning: the body as sent, with the provider model',
    input: { model: 'smart', messages: [{ role: 'user', content: 'Hi' }] },
    expected: { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hi' }] },
  },
  {
    name: "Anthropic's own signature: the body as sent",
    input: withThinking(ANTHROPIC_SIG),
    expected: { ...withThinking(ANTHROPIC_SIG), model: 'claude-sonnet-4-5' },
  },
  {
    name: "Gemini's marked signature: that thinking block is left out, the rest of the body kept",
    input: withThinking(markSignature(GEMINI_SIG, 'gemini', 'anthropic')),
    expected: {
      ...withThinking(''),
      model: 'claude-sonnet-4-5',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather in Rome?' }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Rome' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: [{ type: 'text', text: '18C' }] }] },
      ],
    },
  },
];

for (const row of ROWS) {
  test(`anthropicCountTokensBody: ${row.name}`, () => {
    const actual = anthropicCountTokensBody(row.input, decodeAnthropicCountTokensRequest(row.input), 'claude-sonnet-4-5');
    assert.deepEqual(actual, row.expected);
  });
}
