import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../errors';
import { decodeAnthropicCountTokensRequest, encodeAnthropicCountTokensResponse } from './count-tokens';

const cases: Array<{ name: string; input: unknown; expected: unknown }> = [
  {
    name: 'no max_tokens needed',
    input: { model: 'claude-x', system: 'S', messages: [{ role: 'user', content: 'Hello' }] },
    expected: { model: 'claude-x', stream: false, system: [{ type: 'text', text: 'S' }], messages: [{ role: 'user', parts: [{ type: 'text', text: 'Hello' }] }] },
  },
  {
    name: 'tools are counted too',
    input: { model: 'm', tools: [{ name: 'f', input_schema: { type: 'object' } }], messages: [{ role: 'user', content: 'x' }] },
    expected: { model: 'm', stream: false, tools: [{ name: 'f', parameters: { type: 'object' } }], messages: [{ role: 'user', parts: [{ type: 'text', text: 'x' }] }] },
  },
  {
    name: 'extended thinking with a budget (no max_tokens to stay below)',
    input: { model: 'm', thinking: { type: 'enabled', budget_tokens: 2048 }, messages: [{ role: 'user', content: 'x' }] },
    expected: { model: 'm', stream: false, reasoning: { budgetTokens: 2048, includeThoughts: true }, messages: [{ role: 'user', parts: [{ type: 'text', text: 'x' }] }] },
  },
];

for (const c of cases) {
  test(`decodeAnthropicCountTokensRequest: ${c.name}`, () => {
    assert.deepEqual(decodeAnthropicCountTokensRequest(c.input), c.expected);
  });
}

test('decodeAnthropicCountTokensRequest still validates the body', () => {
  assert.throws(() => decodeAnthropicCountTokensRequest({ model: 'm', messages: 'x' }), (err: unknown) => err instanceof GatewayError && err.message.includes("'messages'"));
});

test('encodeAnthropicCountTokensResponse', () => {
  assert.deepEqual(encodeAnthropicCountTokensResponse(42), { input_tokens: 42 });
});
