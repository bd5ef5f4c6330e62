import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../errors';
import type { CanonicalRequest } from '../../formats/canonical';
import type { UpstreamCall } from '../codec';
import { encodeOpenAIRequest } from './encode-openai-request';

const text = (t: string) => ({ type: 'text' as const, text: t });

const cases: Array<{ name: string; input: CanonicalRequest; model?: string; expected: UpstreamCall }> = [
  {
    name: 'system, multi-turn, sampling; streaming always asks for usage',
    input: {
      model: 'smart', stream: true, system: [text('Be brief.'), { ...text('Cached rules.'), cache: true }],
      messages: [{ role: 'user', parts: [text('Hi')] }, { role: 'assistant', parts: [text('Hello')] }, { role: 'user', parts: [text('Bye')] }],
      maxTokens: 100, temperature: 0.5, topP: 0.9, stop: ['END'], user: 'u1',
    },
    expected: {
      path: '/chat/completions',
      body: {
        model: 'gpt-4o',
        messages: [
          { role: 'system', content: 'Be brief.\n\nCached rules.' },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
          { role: 'user', content: 'Bye' },
        ],
        max_tokens: 100, temperature: 0.5, top_p: 0.9, stop: ['END'], user: 'u1', stream: true, stream_options: { include_usage: true },
      },
    },
  },
  {
    name: 'tool calls and results; tool-result images follow in a user message',
    input: {
      model: 'm', stream: false,
      tools: [{ name: 'shot', description: 'screenshot', parameters: { type: 'object' }, strict: true }],
      toolChoice: { type: 'tool', name: 'shot' }, parallelToolCalls: false,
      messages: [
        { role: 'user', parts: [text('Look')] },
        { role: 'assistant', parts: [{ type: 'reasoning', text: 'private', signature: 's' }, { type: 'tool_call', id: 'c1', name: 'shot', arguments: '{}' }, { type: 'tool_call', id: 'c2', name: 'shot', arguments: '{"x":1}' }] },
        { role: 'user', parts: [
          { type: 'tool_result', callId: 'c1', content: [text('ok'), { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAA' } }] },
          { type: 'tool_result', callId: 'c2', content: [text('fail')], isError: true },
          text('and?'),
        ] },
      ],
    },
    expected: {
      path: '/chat/completions',
      body: {
        model: 'gpt-4o',
        messages: [
          { role: 'user', content: 'Look' },
          { role: 'assistant', content: null, tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'shot', arguments: '{}' } },
            { id: 'c2', type: 'function', function: { name: 'shot', arguments: '{"x":1}' } },
          ] },
          { role: 'tool', tool_call_id: 'c1', content: 'ok' },
          { role: 'tool', tool_call_id: 'c2', content: 'fail' },
          { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAA' } }, { type: 'text', text: 'and?' }] },
        ],
        tools: [{ type: 'function', function: { name: 'shot', description: 'screenshot', parameters: { type: 'object' }, strict: true } }],
        tool_choice: { type: 'function', function: { name: 'shot' } },
        parallel_tool_calls: false,
      },
    },
  },
  {
    name: 'images with detail, json_schema, effort on a reasoning model uses max_completion_tokens',
    model: 'o3-mini',
    input: {
      model: 'm', stream: false, maxTokens: 2000, reasoning: { effort: 'low' },
      responseFormat: { type: 'json_schema', name: 'out', schema: { type: 'object' }, strict: true },
      messages: [{ role: 'user', parts: [text('What?'), { type: 'image', source: { kind: 'url', url: 'https://x/y.png' }, detail: 'low' }] }],
    },
    expected: {
      path: '/chat/completions',
      body: {
        model: 'o3-mini',
        messages: [{ role: 'user', content: [{ type: 'text', text: 'What?' }, { type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'low' } }] }],
        max_completion_tokens: 2000,
        response_format: { type: 'json_schema', json_schema: { name: 'out', schema: { type: 'object' }, strict: true } },
        reasoning_effort: 'low',
      },
    },
  },
  {
    name: 'budget maps to an effort band; top_k and own extras pass through; a tool choice without tools is left out',
    input: {
      model: 'm', stream: false, topK: 40, reasoning: { budgetTokens: 10000, includeThoughts: true }, toolChoice: { type: 'required' },
      extras: { 'openai-chat.logit_bias': { 50256: -100 }, 'openai-chat.reasoning_effort': 'none', 'anthropic.service_tier': 'auto' },
      messages: [{ role: 'user', parts: [text('x')] }],
    },
    expected: {
      path: '/chat/completions',
      body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], top_k: 40, reasoning_effort: 'none', logit_bias: { 50256: -100 } },
    },
  },
  {
    name: 'seed and penalties (from any client format) take OpenAI\'s own fields',
    input: { model: 'm', stream: false, seed: 42, presencePenalty: 0.5, frequencyPenalty: -1, messages: [{ role: 'user', parts: [text('x')] }] },
    expected: {
      path: '/chat/completions',
      body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], seed: 42, presence_penalty: 0.5, frequency_penalty: -1 },
    },
  },
];

for (const c of cases) {
  test(`encodeOpenAIRequest: ${c.name}`, () => {
    assert.deepEqual(encodeOpenAIRequest(c.input, c.model ?? 'gpt-4o'), c.expected);
  });
}

const refused: Array<{ name: string; extras: Record<string, unknown>; field: string }> = [
  { name: 'n > 1 (several choices cannot come back through one response)', extras: { 'openai-chat.n': 2 }, field: 'n' },
  { name: 'logprobs', extras: { 'openai-chat.logprobs': true }, field: 'logprobs' },
  { name: 'legacy functions (answers would come back as function_call)', extras: { 'openai-chat.functions': [{ name: 'f' }] }, field: 'functions' },
  { name: 'Anthropic server tools', extras: { 'anthropic.tools': [{ type: 'web_search_20250305' }] }, field: 'anthropic.tools' },
];

for (const c of refused) {
  test(`encodeOpenAIRequest refuses ${c.name}`, () => {
    const request: CanonicalRequest = { model: 'm', stream: false, messages: [{ role: 'user', parts: [text('x')] }], extras: c.extras };
    assert.throws(() => encodeOpenAIRequest(request, 'gpt-4o'), (err: unknown) => err instanceof GatewayError && err.kind === 'unsupported' && err.message.includes(c.field));
  });
}
