import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../errors';
import type { CanonicalRequest } from '../canonical';
import { decodeAnthropicRequest } from './decode-anthropic-request';

const cases: Array<{ name: string; input: unknown; expected: CanonicalRequest }> = [
  {
    name: 'string system, string content',
    input: { model: 'smart', max_tokens: 1024, system: 'Be brief.', messages: [{ role: 'user', content: 'Hello, Claude' }] },
    expected: { model: 'smart', maxTokens: 1024, stream: false, system: [{ type: 'text', text: 'Be brief.' }], messages: [{ role: 'user', parts: [{ type: 'text', text: 'Hello, Claude' }] }] },
  },
  {
    name: 'system blocks with cache_control become cache flags; a ttl is kept',
    input: {
      model: 'm', max_tokens: 10,
      system: [{ type: 'text', text: 'You are a lawyer.' }, { type: 'text', text: '<the whole contract>', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Summarise', cache_control: { type: 'ephemeral', ttl: '1h' } }] }],
    },
    expected: {
      model: 'm', maxTokens: 10, stream: false,
      system: [{ type: 'text', text: 'You are a lawyer.' }, { type: 'text', text: '<the whole contract>', cache: true }],
      messages: [{ role: 'user', parts: [{ type: 'text', text: 'Summarise', cache: true, cacheTtl: '1h' }] }],
    },
  },
  {
    name: 'images: base64 and url sources',
    input: {
      model: 'm', max_tokens: 10,
      messages: [{ role: 'user', content: [
        { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQ' } },
        { type: 'image', source: { type: 'url', url: 'https://upload.wikimedia.org/ant.jpg' } },
        { type: 'text', text: 'Compare' },
      ] }],
    },
    expected: {
      model: 'm', maxTokens: 10, stream: false,
      messages: [{ role: 'user', parts: [
        { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/4AAQ' } },
        { type: 'image', source: { kind: 'url', url: 'https://upload.wikimedia.org/ant.jpg' } },
        { type: 'text', text: 'Compare' },
      ] }],
    },
  },
  {
    name: 'a thinking signature behind a marker of ours is the marked family\'s, unmarked',
    input: {
      model: 'm', max_tokens: 100,
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 'g', signature: 'c3dpdGNoeWFyZC1zaWduZWQtYnk6Z2VtaW5pOjo6CiQBjz1r' }, { type: 'text', text: 'a' }] },
        { role: 'user', content: 'more' },
      ],
    },
    expected: {
      model: 'm', maxTokens: 100, stream: false,
      messages: [
        { role: 'user', parts: [{ type: 'text', text: 'q' }] },
        { role: 'assistant', parts: [{ type: 'reasoning', text: 'g', signature: 'CiQBjz1r', signedBy: 'gemini' }, { type: 'text', text: 'a' }] },
        { role: 'user', parts: [{ type: 'text', text: 'more' }] },
      ],
    },
  },
  {
    name: 'thinking with signature, redacted thinking, tool_use; tool_result string and blocks with is_error',
    input: {
      model: 'm', max_tokens: 4000, thinking: { type: 'enabled', budget_tokens: 2000 },
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: [
          { type: 'thinking', thinking: 'Need the tool.', signature: 'sig-1' },
          { type: 'redacted_thinking', data: 'opaque' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { location: 'SF' } },
          { type: 'tool_use', id: 'toolu_2', name: 'get_time', input: {} },
        ] },
        { role: 'user', content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: '15 degrees' },
          { type: 'tool_result', tool_use_id: 'toolu_2', is_error: true, content: [{ type: 'text', text: 'no clock' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBO' } }] },
        ] },
      ],
    },
    expected: {
      model: 'm', maxTokens: 4000, stream: false, reasoning: { budgetTokens: 2000, includeThoughts: true },
      messages: [
        { role: 'user', parts: [{ type: 'text', text: 'Weather?' }] },
        { role: 'assistant', parts: [
          { type: 'reasoning', text: 'Need the tool.', signature: 'sig-1', signedBy: 'anthropic' },
          { type: 'reasoning', text: '', redacted: 'opaque' },
          { type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: '{"location":"SF"}' },
          { type: 'tool_call', id: 'toolu_2', name: 'get_time', arguments: '{}' },
        ] },
        { role: 'user', parts: [
          { type: 'tool_result', callId: 'toolu_1', content: [{ type: 'text', text: '15 degrees' }] },
          { type: 'tool_result', callId: 'toolu_2', isError: true, content: [{ type: 'text', text: 'no clock' }, { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' } }] },
        ] },
      ],
    },
  },
  {
    name: 'tools, tool_choice any with parallel disabled, sampling, metadata, stream',
    input: {
      model: 'm', max_tokens: 10, stream: true, stop_sequences: ['\n\nHuman:'], temperature: 0.3, top_p: 0.8, top_k: 5, metadata: { user_id: 'u-9' },
      tools: [{ name: 'get_weather', description: 'Get the weather', input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] }, cache_control: { type: 'ephemeral' } }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      messages: [{ role: 'user', content: 'x' }],
    },
    expected: {
      model: 'm', maxTokens: 10, stream: true, stop: ['\n\nHuman:'], temperature: 0.3, topP: 0.8, topK: 5, user: 'u-9',
      tools: [{ name: 'get_weather', description: 'Get the weather', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] }, cache: true }],
      toolChoice: { type: 'required' }, parallelToolCalls: false,
      messages: [{ role: 'user', parts: [{ type: 'text', text: 'x' }] }],
    },
  },
  {
    name: 'tool_choice tool and none; server tools and unknown fields go to extras',
    input: {
      model: 'm', max_tokens: 10, tool_choice: { type: 'tool', name: 'f' }, service_tier: 'auto',
      tools: [{ name: 'f', input_schema: { type: 'object' } }, { type: 'web_search_20250305', name: 'web_search', max_uses: 5 }],
      messages: [{ role: 'user', content: 'x' }],
    },
    expected: {
      model: 'm', maxTokens: 10, stream: false, toolChoice: { type: 'tool', name: 'f' },
      tools: [{ name: 'f', parameters: { type: 'object' } }],
      extras: { 'anthropic.tools': [{ type: 'web_search_20250305', name: 'web_search', max_uses: 5 }], 'anthropic.service_tier': 'auto' },
      messages: [{ role: 'user', parts: [{ type: 'text', text: 'x' }] }],
    },
  },
  {
    name: 'system messages join the system prompt; adaptive thinking; output_config format and effort',
    input: {
      model: 'm', max_tokens: 10, system: 'First.', thinking: { type: 'adaptive', display: 'omitted' },
      output_config: { effort: 'high', format: { type: 'json_schema', schema: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false } } },
      messages: [{ role: 'user', content: 'x' }, { role: 'system', content: [{ type: 'text', text: 'Second.' }] }, { role: 'assistant', content: 'y' }],
    },
    expected: {
      model: 'm', maxTokens: 10, stream: false,
      system: [{ type: 'text', text: 'First.' }, { type: 'text', text: 'Second.' }],
      reasoning: { includeThoughts: true },
      responseFormat: { type: 'json_schema', name: 'output', schema: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false } },
      extras: { 'anthropic.output_config': { effort: 'high' } },
      messages: [{ role: 'user', parts: [{ type: 'text', text: 'x' }] }, { role: 'assistant', parts: [{ type: 'text', text: 'y' }] }],
    },
  },
  {
    name: 'thinking disabled adds nothing',
    input: { model: 'm', max_tokens: 10, thinking: { type: 'disabled' }, tool_choice: { type: 'none' }, messages: [{ role: 'user', content: 'x' }] },
    expected: { model: 'm', maxTokens: 10, stream: false, toolChoice: { type: 'none' }, messages: [{ role: 'user', parts: [{ type: 'text', text: 'x' }] }] },
  },
];

for (const c of cases) {
  test(`decodeAnthropicRequest: ${c.name}`, () => {
    assert.deepEqual(decodeAnthropicRequest(c.input), c.expected);
  });
}

const base = { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] };
const invalid: Array<{ name: string; input: unknown; field: string; kind?: string }> = [
  { name: 'missing max_tokens', input: { model: 'm', messages: [{ role: 'user', content: 'x' }] }, field: 'max_tokens' },
  { name: 'max_tokens zero', input: { ...base, max_tokens: 0 }, field: 'max_tokens' },
  { name: 'unknown role in messages', input: { ...base, messages: [{ role: 'tool', content: 'x' }] }, field: 'messages[0].role' },
  { name: 'output_config format of another type', input: { ...base, output_config: { format: { type: 'regex' } } }, field: 'output_config.format.type' },
  { name: 'thinking type unknown', input: { ...base, thinking: { type: 'sometimes' } }, field: 'thinking.type' },
  { name: 'temperature above 1', input: { ...base, temperature: 1.5 }, field: 'temperature' },
  { name: 'tool without input_schema', input: { ...base, tools: [{ name: 'f' }] }, field: 'tools[0].input_schema' },
  { name: 'tool_choice type unknown', input: { ...base, tool_choice: { type: 'all' } }, field: 'tool_choice.type' },
  { name: 'tool_choice tool without name', input: { ...base, tool_choice: { type: 'tool' } }, field: 'tool_choice.name' },
  { name: 'thinking budget below minimum', input: { ...base, max_tokens: 5000, thinking: { type: 'enabled', budget_tokens: 100 } }, field: 'thinking.budget_tokens' },
  { name: 'thinking budget at max_tokens', input: { ...base, max_tokens: 2000, thinking: { type: 'enabled', budget_tokens: 2000 } }, field: 'thinking.budget_tokens' },
  { name: 'tool_use in a user message', input: { ...base, messages: [{ role: 'user', content: [{ type: 'tool_use', id: 'a', name: 'f', input: {} }] }] }, field: 'messages[0].content[0]' },
  { name: 'image with a file source', input: { ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f' } }] }] }, field: 'messages[0].content[0].source.type', kind: 'unsupported' },
  { name: 'document block', input: { ...base, messages: [{ role: 'user', content: [{ type: 'document', source: {} }] }] }, field: 'messages[0].content[0].type', kind: 'unsupported' },
  { name: 'stop_sequences not strings', input: { ...base, stop_sequences: [1] }, field: 'stop_sequences[0]' },
];

for (const c of invalid) {
  test(`decodeAnthropicRequest rejects: ${c.name}`, () => {
    assert.throws(() => decodeAnthropicRequest(c.input), (err: unknown) => {
      assert.ok(err instanceof GatewayError);
      assert.equal(err.kind, c.kind ?? 'invalid_request');
      assert.ok(err.message.includes(`'${c.field}`), err.message);
      return true;
    });
  });
}
