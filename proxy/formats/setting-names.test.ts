// A provider's refusal of a setting names it as the client's own API spells it: the client body is
// decoded by its real format, encoded by the target's real codec with that format's names.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClientFormatName, WireFormat } from './canonical';
import { clientFormat } from './registry';
import { codecFor } from '../providers/codecs';
import { GatewayError } from '../errors';

const CLAUDE_ON_BEDROCK = 'anthropic.claude-3-5-sonnet-20241022-v2:0';
const NOVA = 'amazon.nova-pro-v1:0';
const gemini = (generationConfig: object, extra: object = {}) => ({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }], generationConfig, ...extra });
const chat = (fields: object) => ({ model: 'm', messages: [{ role: 'user', content: 'hi' }], ...fields });
const TOOL_CHAT = { type: 'function', function: { name: 'f', parameters: { type: 'object' } } };
const TOOL_RESPONSES = { type: 'function', name: 'f', parameters: { type: 'object' } };
const COHERE = 'command-a-03-2025';
const anthropic = (toolChoice: object) => ({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }], tools: [{ name: 'f', input_schema: { type: 'object' } }], tool_choice: toolChoice });

const cases: Array<{ name: string; format: ClientFormatName; body: object; wire: WireFormat; model: string; expected: string; kind?: string }> = [
  {
    name: 'Gemini seed and penalties to Anthropic',
    format: 'gemini', body: gemini({ seed: 7, presencePenalty: 0.5, frequencyPenalty: -0.5 }), wire: 'anthropic', model: 'claude-sonnet-4-5',
    expected: "'generationConfig.seed', 'generationConfig.presencePenalty', 'generationConfig.frequencyPenalty' cannot be translated for Anthropic Messages, which has no such setting",
  },
  {
    name: 'Gemini presencePenalty to Bedrock',
    format: 'gemini', body: gemini({ presencePenalty: 1 }), wire: 'bedrock', model: CLAUDE_ON_BEDROCK,
    expected: "'generationConfig.presencePenalty' cannot be translated for Bedrock Converse, which has no such setting",
  },
  {
    name: 'OpenAI Chat seed and frequency_penalty to Bedrock keep their own names',
    format: 'openai-chat', body: chat({ seed: 7, frequency_penalty: 1 }), wire: 'bedrock', model: CLAUDE_ON_BEDROCK,
    expected: "'seed', 'frequency_penalty' cannot be translated for Bedrock Converse, which has no such setting",
  },
  {
    name: 'Gemini topK to a non-Anthropic Bedrock model',
    format: 'gemini', body: gemini({ topK: 40 }), wire: 'bedrock', model: NOVA,
    expected: `'generationConfig.topK' is only passed through for Anthropic models on Bedrock, not ${NOVA}`,
  },
  {
    name: 'Anthropic top_k to a non-Anthropic Bedrock model',
    format: 'anthropic', body: { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }], top_k: 40 }, wire: 'bedrock', model: NOVA,
    expected: `'top_k' is only passed through for Anthropic models on Bedrock, not ${NOVA}`,
  },
  {
    name: 'Gemini negative presencePenalty to Cohere',
    format: 'gemini', body: gemini({ presencePenalty: -1 }), wire: 'cohere', model: 'command-a-03-2025',
    expected: "'generationConfig.presencePenalty' -1 cannot be translated for Cohere, which takes 0 to 1",
  },
  {
    name: 'Gemini seed wider than 32 bits, re-encoded for Gemini',
    format: 'gemini', body: gemini({ seed: 2 ** 40 }), wire: 'gemini', model: 'gemini-2.5-flash',
    expected: `'generationConfig.seed' ${2 ** 40} cannot be translated for Gemini, which takes a 32-bit seed (-2147483648 to 2147483647)`,
  },
  {
    name: 'Gemini JSON mime type with tools to Anthropic',
    format: 'gemini', body: gemini({ responseMimeType: 'application/json' }, { tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT' } }] }] }), wire: 'anthropic', model: 'claude-sonnet-4-5',
    expected: 'generationConfig.responseMimeType "application/json" together with tools cannot be translated for Anthropic models; ask for a JSON schema instead',
  },
  {
    name: 'Responses text.format json_object with tools to Anthropic',
    format: 'openai-responses', body: { model: 'm', input: 'hi', text: { format: { type: 'json_object' } }, tools: [{ type: 'function', name: 'f', parameters: { type: 'object' } }] }, wire: 'anthropic', model: 'claude-sonnet-4-5',
    expected: 'text.format json_object together with tools cannot be translated for Anthropic models; ask for a JSON schema instead',
  },
  {
    name: 'OpenAI Chat response_format json_object with tools to Anthropic',
    format: 'openai-chat', body: chat({ response_format: { type: 'json_object' }, tools: [TOOL_CHAT] }), wire: 'anthropic', model: 'claude-sonnet-4-5',
    expected: 'response_format json_object together with tools cannot be translated for Anthropic models; ask for a JSON schema instead',
  },
  ...forcedToolRows(),
  {
    name: 'Anthropic disable_parallel_tool_use to Cohere',
    format: 'anthropic', body: { ...anthropic({ type: 'auto', disable_parallel_tool_use: true }) }, wire: 'cohere', model: COHERE,
    expected: "'tool_choice.disable_parallel_tool_use true' cannot be translated for Cohere, which cannot turn off parallel tool calls",
  },
  {
    name: 'OpenAI Chat parallel_tool_calls false to Cohere',
    format: 'openai-chat', body: chat({ tools: [TOOL_CHAT], parallel_tool_calls: false }), wire: 'cohere', model: COHERE,
    expected: "'parallel_tool_calls false' cannot be translated for Cohere, which cannot turn off parallel tool calls",
  },
  {
    name: 'Responses parallel_tool_calls false to Cohere',
    format: 'openai-responses', body: { model: 'm', input: 'hi', tools: [TOOL_RESPONSES], parallel_tool_calls: false }, wire: 'cohere', model: COHERE,
    expected: "'parallel_tool_calls false' cannot be translated for Cohere, which cannot turn off parallel tool calls",
  },
  {
    name: 'Anthropic disable_parallel_tool_use to Bedrock',
    format: 'anthropic', body: { ...anthropic({ type: 'auto', disable_parallel_tool_use: true }) }, wire: 'bedrock', model: CLAUDE_ON_BEDROCK,
    expected: "'tool_choice.disable_parallel_tool_use true' cannot be translated for Bedrock Converse, which cannot turn off parallel tool calls",
  },
];

/** A forced tool missing from the tools Cohere is offered, asked for in each client format's own way. */
function forcedToolRows(): typeof cases {
  const notAmong = (field: string) => `'${field}' names "nope", which is not among the tools`;
  const rows: typeof cases = [
    {
      name: 'Gemini allowedFunctionNames to Cohere',
      format: 'gemini', body: { ...gemini({}), tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT' } }] }], toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['nope'] } } },
      wire: 'cohere', model: COHERE, expected: notAmong('toolConfig.functionCallingConfig.allowedFunctionNames'),
    },
    { name: 'Anthropic tool_choice.name to Cohere', format: 'anthropic', body: anthropic({ type: 'tool', name: 'nope' }), wire: 'cohere', model: COHERE, expected: notAmong('tool_choice.name') },
    {
      name: 'OpenAI Chat tool_choice.function.name to Cohere',
      format: 'openai-chat', body: chat({ tools: [TOOL_CHAT], tool_choice: { type: 'function', function: { name: 'nope' } } }), wire: 'cohere', model: COHERE, expected: notAmong('tool_choice.function.name'),
    },
    {
      name: 'Responses tool_choice.name to Cohere',
      format: 'openai-responses', body: { model: 'm', input: 'hi', tools: [TOOL_RESPONSES], tool_choice: { type: 'function', name: 'nope' } }, wire: 'cohere', model: COHERE, expected: notAmong('tool_choice.name'),
    },
  ];
  return rows.map((row) => ({ ...row, kind: 'invalid_request' }));
}

for (const c of cases) {
  test(`setting names: ${c.name}`, () => {
    const format = clientFormat(c.format);
    const request = format.decodeRequest(c.body, { model: 'm', stream: false });
    const refusal = refusalOf(() => codecFor(c.wire)!.encodeRequest(request, c.model, format.settingNames));
    assert.deepEqual([refusal?.kind, refusal?.message], [c.kind ?? 'unsupported', c.expected]);
  });
}

function refusalOf(encode: () => unknown): GatewayError | undefined {
  try {
    encode();
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  return undefined;
}
