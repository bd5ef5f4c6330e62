import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../errors';
import type { CanonicalRequest } from '../canonical';
import { decodeOpenAIChatRequest, wantsStreamUsage } from './decode-openai-chat-request';

const user = (text: string) => ({ role: 'user', parts: [{ type: 'text', text }] });

const cases: Array<{ name: string; input: unknown; expected: CanonicalRequest }> = [
  {
    name: 'plain text with system and developer messages',
    input: { model: 'smart', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'developer', content: [{ type: 'text', text: 'No emoji.' }] }, { role: 'user', content: 'Hi' }] },
    expected: { model: 'smart', system: [{ type: 'text', text: 'Be brief.' }, { type: 'text', text: 'No emoji.' }], messages: [user('Hi')] as CanonicalRequest['messages'], stream: false },
  },
  {
    name: 'image parts: URL with detail and base64 data URL',
    input: {
      model: 'm',
      messages: [{ role: 'user', content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'high' } },
        { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ' } },
      ] }],
    },
    expected: {
      model: 'm',
      messages: [{ role: 'user', parts: [
        { type: 'text', text: 'What is this?' },
        { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.png' }, detail: 'high' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/4AAQ' } },
      ] }],
      stream: false,
    },
  },
  {
    name: 'assistant tool calls; consecutive tool results merge into one user message with names',
    input: {
      model: 'm',
      messages: [
        { role: 'user', content: 'Weather and time in Paris?' },
        { role: 'assistant', content: null, tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{}' } },
        ] },
        { role: 'tool', tool_call_id: 'call_a', content: 'Sunny' },
        { role: 'tool', tool_call_id: 'call_b', content: [{ type: 'text', text: '12:00' }] },
        { role: 'user', content: 'Thanks' },
      ],
    },
    expected: {
      model: 'm',
      messages: [
        user('Weather and time in Paris?'),
        { role: 'assistant', parts: [
          { type: 'tool_call', id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'tool_call', id: 'call_b', name: 'get_time', arguments: '{}' },
        ] },
        { role: 'user', parts: [
          { type: 'tool_result', callId: 'call_a', name: 'get_weather', content: [{ type: 'text', text: 'Sunny' }] },
          { type: 'tool_result', callId: 'call_b', name: 'get_time', content: [{ type: 'text', text: '12:00' }] },
        ] },
        user('Thanks'),
      ] as CanonicalRequest['messages'],
      stream: false,
    },
  },
  {
    name: 'every sampling and control field',
    input: {
      model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true, stream_options: { include_usage: true },
      tools: [{ type: 'function', function: { name: 'f', description: 'does f', parameters: { type: 'object', properties: { a: { type: 'string' } } }, strict: true } }],
      tool_choice: { type: 'function', function: { name: 'f' } }, parallel_tool_calls: false, max_completion_tokens: 500, max_tokens: 999,
      temperature: 0.2, top_p: 0.9, top_k: 20, stop: 'END', reasoning_effort: 'high', user: 'u-1',
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true, description: 'the answer' } },
    },
    expected: {
      model: 'm', messages: [user('x')] as CanonicalRequest['messages'], stream: true,
      tools: [{ name: 'f', description: 'does f', parameters: { type: 'object', properties: { a: { type: 'string' } } }, strict: true }],
      toolChoice: { type: 'tool', name: 'f' }, parallelToolCalls: false, maxTokens: 500, temperature: 0.2, topP: 0.9, topK: 20, stop: ['END'],
      reasoning: { effort: 'high' }, user: 'u-1',
      responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true, description: 'the answer' },
    },
  },
  {
    name: 'string tool_choice, stop list, json_object, max_tokens fallback',
    input: { model: 'm', messages: [{ role: 'user', content: 'x' }], tool_choice: 'required', stop: ['a', 'b'], response_format: { type: 'json_object' }, max_tokens: 64 },
    expected: { model: 'm', messages: [user('x')] as CanonicalRequest['messages'], stream: false, toolChoice: { type: 'required' }, stop: ['a', 'b'], responseFormat: { type: 'json_object' }, maxTokens: 64 },
  },
  {
    name: 'meaningful unknown fields go to extras; documented defaults do not',
    input: { model: 'm', messages: [{ role: 'user', content: 'x' }], logprobs: true, top_logprobs: 3, n: 2, audio: { voice: 'alloy', format: 'wav' }, logit_bias: { 50256: -100 }, store: false, reasoning_effort: 'none' },
    expected: {
      model: 'm', messages: [user('x')] as CanonicalRequest['messages'], stream: false,
      extras: { 'openai-chat.reasoning_effort': 'none', 'openai-chat.logprobs': true, 'openai-chat.top_logprobs': 3, 'openai-chat.n': 2, 'openai-chat.audio': { voice: 'alloy', format: 'wav' }, 'openai-chat.logit_bias': { 50256: -100 } },
    },
  },
  {
    name: 'seed and penalties are canonical settings, not extras',
    input: { model: 'm', messages: [{ role: 'user', content: 'x' }], seed: -7, presence_penalty: 0.6, frequency_penalty: -2 },
    expected: { model: 'm', messages: [user('x')] as CanonicalRequest['messages'], stream: false, seed: -7, presencePenalty: 0.6, frequencyPenalty: -2 },
  },
  {
    name: 'a penalty of 0 is no penalty and is left out',
    input: { model: 'm', messages: [{ role: 'user', content: 'x' }], presence_penalty: 0, frequency_penalty: 0, seed: 0 },
    expected: { model: 'm', messages: [user('x')] as CanonicalRequest['messages'], stream: false, seed: 0 },
  },
  {
    name: 'assistant refusal and reasoning_content are kept',
    input: { model: 'm', messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: [{ type: 'refusal', refusal: 'No.' }], reasoning_content: 'hmm' }] },
    expected: { model: 'm', messages: [user('x'), { role: 'assistant', parts: [{ type: 'reasoning', text: 'hmm' }, { type: 'text', text: 'No.' }] }] as CanonicalRequest['messages'], stream: false },
  },
  {
    name: 'hints override model and stream (URL-borne values)',
    input: { messages: [{ role: 'user', content: 'x' }] },
    expected: { model: 'from-url', messages: [user('x')] as CanonicalRequest['messages'], stream: true },
  },
];

for (const c of cases) {
  test(`decodeOpenAIChatRequest: ${c.name}`, () => {
    const hints = c.name.startsWith('hints') ? { model: 'from-url', stream: true } : undefined;
    assert.deepEqual(decodeOpenAIChatRequest(c.input, hints), c.expected);
  });
}

const invalid: Array<{ name: string; input: unknown; field: string; kind?: string }> = [
  { name: 'body not an object', input: [], field: 'body' },
  { name: 'missing model', input: { messages: [] }, field: 'model' },
  { name: 'messages not an array', input: { model: 'm', messages: 'hi' }, field: 'messages' },
  { name: 'empty messages', input: { model: 'm', messages: [] }, field: 'messages' },
  { name: 'unknown role', input: { model: 'm', messages: [{ role: 'robot', content: 'x' }] }, field: 'messages[0].role' },
  { name: 'temperature a string', input: { model: 'm', messages: [{ role: 'user', content: 'x' }], temperature: 'hot' }, field: 'temperature' },
  { name: 'temperature out of range', input: { model: 'm', messages: [{ role: 'user', content: 'x' }], temperature: 3 }, field: 'temperature' },
  { name: 'seed not an integer', input: { model: 'm', messages: [{ role: 'user', content: 'x' }], seed: 4.2 }, field: 'seed' },
  { name: 'presence_penalty above 2', input: { model: 'm', messages: [{ role: 'user', content: 'x' }], presence_penalty: 2.5 }, field: 'presence_penalty' },
  { name: 'frequency_penalty below -2', input: { model: 'm', messages: [{ role: 'user', content: 'x' }], frequency_penalty: -3 }, field: 'frequency_penalty' },
  { name: 'frequency_penalty a string', input: { model: 'm', messages: [{ role: 'user', content: 'x' }], frequency_penalty: 'high' }, field: 'frequency_penalty' },
  { name: 'max_tokens not an integer', input: { model: 'm', messages: [{ role: 'user', content: 'x' }], max_tokens: 1.5 }, field: 'max_tokens' },
  { name: 'stop list with a number', input: { model: 'm', messages: [{ role: 'user', content: 'x' }], stop: ['a', 1] }, field: 'stop[1]' },
  { name: 'tool message without id', input: { model: 'm', messages: [{ role: 'tool', content: 'x' }] }, field: 'messages[0].tool_call_id' },
  { name: 'tool call without function', input: { model: 'm', messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function' }] }] }, field: 'messages[0].tool_calls[0].function' },
  { name: 'bad tool_choice string', input: { model: 'm', messages: [{ role: 'user', content: 'x' }], tool_choice: 'always' }, field: 'tool_choice' },
  { name: 'bad response_format type', input: { model: 'm', messages: [{ role: 'user', content: 'x' }], response_format: { type: 'xml' } }, field: 'response_format.type' },
  { name: 'json_schema without name', input: { model: 'm', messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_schema', json_schema: {} } }, field: 'response_format.json_schema.name' },
  { name: 'audio input part', input: { model: 'm', messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: {} }] }] }, field: 'messages[0].content[0].type', kind: 'unsupported' },
  { name: 'non-function tool', input: { model: 'm', messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'custom', custom: {} }] }, field: 'tools[0].type', kind: 'unsupported' },
];

for (const c of invalid) {
  test(`decodeOpenAIChatRequest rejects: ${c.name}`, () => {
    assert.throws(() => decodeOpenAIChatRequest(c.input), (err: unknown) => {
      assert.ok(err instanceof GatewayError);
      assert.equal(err.kind, c.kind ?? 'invalid_request');
      assert.match(err.message, new RegExp(`'${c.field.replace(/[[\]]/g, '\\$&')}'`));
      return true;
    });
  });
}

test('wantsStreamUsage reads stream_options.include_usage', () => {
  assert.equal(wantsStreamUsage({ stream_options: { include_usage: true } }), true);
  assert.equal(wantsStreamUsage({ stream_options: { include_usage: false } }), false);
  assert.equal(wantsStreamUsage({}), false);
  assert.equal(wantsStreamUsage(undefined), false);
});
