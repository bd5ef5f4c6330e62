import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../errors';
import type { CanonicalRequest } from '../../formats/canonical';
import type { UpstreamCall } from '../codec';
import { encodeAnthropicRequest } from './encode-anthropic-request';

const text = (t: string) => ({ type: 'text' as const, text: t });
const headers = { 'anthropic-version': '2023-06-01' };

const cases: Array<{ name: string; input: CanonicalRequest; expected: UpstreamCall }> = [
  {
    name: 'defaults max_tokens, single system string, sampling, user, stream',
    input: { model: 'smart', stream: true, system: [text('Be brief.')], messages: [{ role: 'user', parts: [text('Hi')] }], temperature: 0.5, topP: 0.9, topK: 3, stop: ['END'], user: 'u1' },
    expected: {
      path: '/messages', headers,
      body: { model: 'claude-x', max_tokens: 8192, system: 'Be brief.', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], stop_sequences: ['END'], temperature: 0.5, top_p: 0.9, top_k: 3, metadata: { user_id: 'u1' }, stream: true },
    },
  },
  {
    name: 'cache flags become cache_control, with the client\'s ttl; consecutive same-role messages merge; tool results lead the user turn',
    input: {
      model: 'm', stream: false, maxTokens: 100,
      system: [text('Rules'), { ...text('Big doc'), cache: true }],
      messages: [
        { role: 'user', parts: [text('a')] },
        { role: 'user', parts: [{ ...text('b'), cache: true }] },
        { role: 'assistant', parts: [text(''), { type: 'tool_call', id: 't1', name: 'f', arguments: '{"q":1}' }, { type: 'tool_call', id: 't2', name: 'f', arguments: '' }] },
        { role: 'user', parts: [text('also'), { type: 'tool_result', callId: 't1', content: [text('r1'), { type: 'image', source: { kind: 'url', url: 'https://x/i.png' } }] }, { type: 'tool_result', callId: 't2', content: [text('bad')], isError: true, cache: true, cacheTtl: '1h' }] },
      ],
    },
    expected: {
      path: '/messages', headers,
      body: {
        model: 'claude-x', max_tokens: 100,
        system: [{ type: 'text', text: 'Rules' }, { type: 'text', text: 'Big doc', cache_control: { type: 'ephemeral' } }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b', cache_control: { type: 'ephemeral' } }] },
          { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: { q: 1 } }, { type: 'tool_use', id: 't2', name: 'f', input: {} }] },
          { role: 'user', content: [
            { type: 'tool_result', tool_use_id: 't1', content: [{ type: 'text', text: 'r1' }, { type: 'image', source: { type: 'url', url: 'https://x/i.png' } }] },
            { type: 'tool_result', tool_use_id: 't2', content: [{ type: 'text', text: 'bad' }], is_error: true, cache_control: { type: 'ephemeral', ttl: '1h' } },
            { type: 'text', text: 'also' },
          ] },
        ],
      },
    },
  },
  {
    name: 'reasoning: Anthropic-signed thinking kept byte for byte, unsigned or another family\'s (Gemini, Bedrock) dropped, redacted kept; effort becomes a budget',
    input: {
      model: 'm', stream: false, maxTokens: 20000, reasoning: { effort: 'medium' },
      messages: [
        { role: 'user', parts: [text('q')] },
        { role: 'assistant', parts: [
          { type: 'reasoning', text: 'deepseek thoughts' },
          { type: 'reasoning', text: 'gemini thoughts', signature: 'CiQBjz1rX1==', signedBy: 'gemini' },
          { type: 'reasoning', text: 'bedrock thoughts', signature: 'EqQBbedrock', signedBy: 'bedrock' },
          { type: 'reasoning', text: 'claude thoughts', signature: 'sig', signedBy: 'anthropic' },
          { type: 'reasoning', text: '', redacted: 'enc' },
          text('a'),
        ] },
        { role: 'user', parts: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAA' } }] },
      ],
    },
    expected: {
      path: '/messages', headers,
      body: {
        model: 'claude-x', max_tokens: 20000, thinking: { type: 'enabled', budget_tokens: 8192 },
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'q' }] },
          { role: 'assistant', content: [{ type: 'thinking', thinking: 'claude thoughts', signature: 'sig' }, { type: 'redacted_thinking', data: 'enc' }, { type: 'text', text: 'a' }] },
          { role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAA' } }] },
        ],
      },
    },
  },
  {
    name: 'effort shrinks to fit a small max_tokens; budget without max_tokens adds room for the answer',
    input: { model: 'm', stream: false, maxTokens: 3000, reasoning: { effort: 'high' }, messages: [{ role: 'user', parts: [text('q')] }] },
    expected: { path: '/messages', headers, body: { model: 'claude-x', max_tokens: 3000, thinking: { type: 'enabled', budget_tokens: 2999 }, messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }] } },
  },
  {
    name: 'explicit budget without max_tokens',
    input: { model: 'm', stream: false, reasoning: { budgetTokens: 2048 }, messages: [{ role: 'user', parts: [text('q')] }] },
    expected: { path: '/messages', headers, body: { model: 'claude-x', max_tokens: 10240, thinking: { type: 'enabled', budget_tokens: 2048 }, messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }] } },
  },
  {
    name: 'tools; required with parallel off',
    input: {
      model: 'm', stream: false, messages: [{ role: 'user', parts: [text('q')] }],
      tools: [{ name: 'f', description: 'does f', parameters: { type: 'object', properties: {} }, strict: true }], toolChoice: { type: 'required' }, parallelToolCalls: false,
    },
    expected: {
      path: '/messages', headers,
      body: {
        model: 'claude-x', max_tokens: 8192, messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }],
        tools: [{ name: 'f', description: 'does f', input_schema: { type: 'object', properties: {} } }], tool_choice: { type: 'any', disable_parallel_tool_use: true },
      },
    },
  },
  {
    name: 'parallel off without a choice; named tool; none',
    input: { model: 'm', stream: false, messages: [{ role: 'user', parts: [text('q')] }], tools: [{ name: 'f', parameters: {}, cache: true }], parallelToolCalls: false },
    expected: { path: '/messages', headers, body: { model: 'claude-x', max_tokens: 8192, messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }], tools: [{ name: 'f', input_schema: {}, cache_control: { type: 'ephemeral' } }], tool_choice: { type: 'auto', disable_parallel_tool_use: true } } },
  },
  {
    name: 'parallel calls explicitly allowed; a choice without tools is left out',
    input: { model: 'm', stream: false, messages: [{ role: 'user', parts: [text('q')] }], tools: [{ name: 'f', parameters: {} }], toolChoice: { type: 'auto' }, parallelToolCalls: true },
    expected: { path: '/messages', headers, body: { model: 'claude-x', max_tokens: 8192, messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }], tools: [{ name: 'f', input_schema: {} }], tool_choice: { type: 'auto', disable_parallel_tool_use: false } } },
  },
  {
    name: 'tool choice none keeps no parallel flag; no tools means no tool_choice',
    input: { model: 'm', stream: false, messages: [{ role: 'user', parts: [text('q')] }], toolChoice: { type: 'required' }, parallelToolCalls: false },
    expected: { path: '/messages', headers, body: { model: 'claude-x', max_tokens: 8192, messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }] } },
  },
  {
    name: 'json_schema becomes output_config.format, alongside tools and the client’s effort',
    input: {
      model: 'm', stream: false, messages: [{ role: 'user', parts: [text('q')] }], tools: [{ name: 'f', parameters: {} }],
      responseFormat: { type: 'json_schema', name: 'person', schema: { type: 'object', properties: { name: { type: 'string' } } } },
      extras: { 'anthropic.output_config': { effort: 'low' } },
    },
    expected: {
      path: '/messages', headers,
      body: {
        model: 'claude-x', max_tokens: 8192, messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }], tools: [{ name: 'f', input_schema: {} }],
        output_config: { effort: 'low', format: { type: 'json_schema', schema: { type: 'object', properties: { name: { type: 'string' } } } } },
      },
    },
  },
  {
    name: 'json_object becomes one forced tool',
    input: { model: 'm', stream: false, messages: [{ role: 'user', parts: [text('q')] }], responseFormat: { type: 'json_object' } },
    expected: {
      path: '/messages', headers,
      body: {
        model: 'claude-x', max_tokens: 8192, messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }],
        tools: [{ name: 'switchyard_json_output', description: 'Respond with your final answer, a JSON object, as this tool’s input.', input_schema: { type: 'object', additionalProperties: true } }],
        tool_choice: { type: 'tool', name: 'switchyard_json_output' },
      },
    },
  },
  {
    name: 'thoughts wanted without a budget: adaptive thinking',
    input: { model: 'm', stream: false, messages: [{ role: 'user', parts: [text('q')] }], reasoning: { includeThoughts: true } },
    expected: { path: '/messages', headers, body: { model: 'claude-x', max_tokens: 8192, thinking: { type: 'adaptive' }, messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }] } },
  },
  {
    name: 'own extras pass through, server tools join tools, hints are left behind',
    input: {
      model: 'm', stream: false, messages: [{ role: 'user', parts: [text('q')] }],
      extras: { 'anthropic.tools': [{ type: 'web_search_20250305', name: 'web_search' }], 'anthropic.service_tier': 'auto', 'openai-chat.prompt_cache_key': 'k' },
    },
    expected: { path: '/messages', headers, body: { model: 'claude-x', max_tokens: 8192, messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }], tools: [{ type: 'web_search_20250305', name: 'web_search' }], service_tier: 'auto' } },
  },
];

test('default max_tokens fits the model family', () => {
  const request: CanonicalRequest = { model: 'm', stream: false, messages: [{ role: 'user', parts: [text('q')] }] };
  assert.equal((encodeAnthropicRequest(request, 'claude-3-haiku-20240307').body as { max_tokens: number }).max_tokens, 4096);
  assert.equal((encodeAnthropicRequest(request, 'claude-3-5-haiku-latest').body as { max_tokens: number }).max_tokens, 8192);
  assert.equal((encodeAnthropicRequest(request, 'claude-sonnet-4-5').body as { max_tokens: number }).max_tokens, 8192);
});

for (const c of cases) {
  test(`encodeAnthropicRequest: ${c.name}`, () => {
    assert.deepEqual(encodeAnthropicRequest(c.input, 'claude-x'), c.expected);
  });
}

const q = [{ role: 'user' as const, parts: [text('q')] }];
const refused: Array<{ name: string; input: CanonicalRequest; kind: string; match: RegExp }> = [
  { name: 'JSON mode with tools', input: { model: 'm', stream: false, messages: q, tools: [{ name: 'f', parameters: {} }], responseFormat: { type: 'json_object' } }, kind: 'unsupported', match: /json_object together with tools/ },
  { name: 'JSON object mode with thinking', input: { model: 'm', stream: false, messages: q, reasoning: { budgetTokens: 2000 }, responseFormat: { type: 'json_object' } }, kind: 'unsupported', match: /reasoning/ },
  { name: 'a forced tool while thinking', input: { model: 'm', stream: false, messages: q, maxTokens: 9000, reasoning: { effort: 'low' }, tools: [{ name: 'f', parameters: {} }], toolChoice: { type: 'required' } }, kind: 'unsupported', match: /extended thinking/ },
  { name: 'a seed and penalties, each named', input: { model: 'm', stream: false, messages: q, seed: 42, frequencyPenalty: 0.5 }, kind: 'unsupported', match: /'seed', 'frequency_penalty' cannot be translated for Anthropic Messages, which has no such setting/ },
  { name: 'OpenAI-only extras', input: { model: 'm', stream: false, messages: q, extras: { 'openai-chat.logprobs': true } }, kind: 'unsupported', match: /'logprobs'/ },
  { name: 'explicit budget not below max_tokens', input: { model: 'm', stream: false, messages: q, maxTokens: 1500, reasoning: { budgetTokens: 2000 } }, kind: 'invalid_request', match: /max tokens/ },
  { name: 'tool arguments that are not JSON', input: { model: 'm', stream: false, messages: [{ role: 'assistant', parts: [{ type: 'tool_call', id: 't', name: 'f', arguments: '{oops' }] }] }, kind: 'invalid_request', match: /messages\[0\]\.parts\[0\]\.arguments/ },
  { name: 'a client tool named like the JSON tool', input: { model: 'm', stream: false, messages: q, tools: [{ name: 'switchyard_json_output', parameters: {} }] }, kind: 'invalid_request', match: /reserved/ },
];

for (const c of refused) {
  test(`encodeAnthropicRequest refuses: ${c.name}`, () => {
    assert.throws(() => encodeAnthropicRequest(c.input, 'claude-x'), (err: unknown) => err instanceof GatewayError && err.kind === c.kind && c.match.test(err.message));
  });
}
