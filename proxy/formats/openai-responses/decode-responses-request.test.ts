import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalRequest } from '../canonical';
import { decodeResponsesRequest } from './decode-responses-request';
import { builtInsAndState, functionCallRoundTrip, instructionsAndImage, reasoningRequest, structuredOutputs, textInput } from './fixtures/responses-request-fixtures';

const cases: Array<{ name: string; input: unknown; expected: CanonicalRequest }> = [
  {
    name: 'a string input is one user message',
    input: textInput,
    expected: { model: 'gpt-4.1', stream: false, messages: [{ role: 'user', parts: [{ type: 'text', text: 'Tell me a three sentence bedtime story about a unicorn.' }] }] },
  },
  {
    name: 'instructions, URL and data-URL images, sampling and user; metadata and store have no effect',
    input: instructionsAndImage,
    expected: {
      model: 'gpt-4.1', stream: false,
      system: [{ type: 'text', text: 'Talk like a pirate.' }],
      messages: [{ role: 'user', parts: [
        { type: 'text', text: 'what is in this image?' },
        { type: 'image', source: { kind: 'url', url: instructionsAndImage.input[0].content[1].image_url as string }, detail: 'low' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
      ] }],
      maxTokens: 300, temperature: 0.7, topP: 0.9, user: 'user-1234',
    },
  },
  {
    name: 'the client\'s prompt-cache fields become the Chat hints of the same name',
    input: { model: 'gpt-4.1', input: 'hi', prompt_cache_key: 'session-7', prompt_cache_retention: '24h', store: false },
    expected: {
      model: 'gpt-4.1', stream: false, messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }],
      extras: { 'openai-chat.prompt_cache_key': 'session-7', 'openai-chat.prompt_cache_retention': '24h' },
    },
  },
  {
    name: 'a function-call round trip: items of one role merge, developer text joins the system prompt',
    input: functionCallRoundTrip,
    expected: {
      model: 'gpt-4.1', stream: false,
      system: [{ type: 'text', text: 'Only answer about weather.' }],
      messages: [
        { role: 'user', parts: [{ type: 'text', text: 'What is the weather like in Paris today?' }] },
        { role: 'assistant', parts: [
          { type: 'reasoning', text: 'User wants weather.' },
          { type: 'tool_call', id: 'call_12345xyz', name: 'get_weather', arguments: '{"location":"Paris, France"}' },
        ] },
        { role: 'user', parts: [{ type: 'tool_result', callId: 'call_12345xyz', content: [{ type: 'text', text: '{"temperature": 14}' }] }] },
        { role: 'assistant', parts: [{ type: 'text', text: 'It is 14C.' }] },
        { role: 'user', parts: [{ type: 'text', text: 'And tomorrow?' }] },
      ],
      tools: [{
        name: 'get_weather', description: 'Get current temperature for a given location.',
        parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'], additionalProperties: false }, strict: true,
      }],
      toolChoice: { type: 'tool', name: 'get_weather' },
      parallelToolCalls: false,
    },
  },
  {
    name: 'structured outputs: a JSON schema format; a system message becomes the system prompt',
    input: structuredOutputs,
    expected: {
      model: 'gpt-4o-2024-08-06', stream: false,
      system: [{ type: 'text', text: 'Extract the event information.' }],
      messages: [{ role: 'user', parts: [{ type: 'text', text: 'Alice and Bob are going to a science fair on Friday.' }] }],
      responseFormat: { type: 'json_schema', name: 'calendar_event', schema: structuredOutputs.text.format.schema, strict: true },
    },
  },
  {
    name: 'reasoning effort and summary; encrypted reasoning is always given back',
    input: reasoningRequest,
    expected: {
      model: 'o4-mini', stream: true,
      messages: [{ role: 'user', parts: [{ type: 'text', text: reasoningRequest.input }] }],
      reasoning: { effort: 'medium', includeThoughts: true },
    },
  },
  {
    name: 'built-in tools, stored state, file ids and non-default settings go to extras by path',
    input: builtInsAndState,
    expected: {
      model: 'gpt-4.1', stream: false,
      messages: [{ role: 'user', parts: [{ type: 'text', text: 'Search and compare' }] }],
      tools: [{ name: 'lookup', parameters: { type: 'object', properties: {} } }],
      extras: {
        previous_response_id: 'resp_abc',
        background: true,
        'input[0]': { type: 'item_reference' },
        'input[1].content[1]': { type: 'input_file' },
        'input[1].content[2].file_id': 'file-456',
        'tools[0]': { type: 'web_search_preview' },
        'tools[1]': { type: 'file_search' },
        tool_choice: { type: 'web_search_preview' },
        'text.verbosity': 'low',
        'reasoning.effort': 'xhigh',
        service_tier: 'flex',
        truncation: 'auto',
        include: ['file_search_call.results'],
      },
    },
  },
  {
    name: 'our own signature carrier comes back as a signature; effort none turns reasoning off; refusals are text',
    input: {
      model: 'm',
      input: [
        { type: 'reasoning', id: 'rs_1', summary: [], content: [{ type: 'reasoning_text', text: 'raw thoughts' }], encrypted_content: 'switchyard-signature:EqQB' },
        { type: 'message', role: 'assistant', content: [{ type: 'refusal', refusal: 'I can\'t help with that.' }] },
        { type: 'function_call_output', call_id: 'c1', output: [{ type: 'input_text', text: 'ok' }, { type: 'input_image', image_url: 'https://x/y.png' }] },
      ],
      reasoning: { effort: 'none' },
      safety_identifier: 'hashed-user',
      tool_choice: 'required',
      text: { format: { type: 'json_object' }, verbosity: 'medium' },
    },
    expected: {
      model: 'm', stream: false,
      messages: [
        { role: 'assistant', parts: [{ type: 'reasoning', text: 'raw thoughts', signature: 'EqQB' }, { type: 'text', text: 'I can\'t help with that.' }] },
        { role: 'user', parts: [{ type: 'tool_result', callId: 'c1', content: [{ type: 'text', text: 'ok' }, { type: 'image', source: { kind: 'url', url: 'https://x/y.png' } }] }] },
      ],
      toolChoice: { type: 'required' },
      responseFormat: { type: 'json_object' },
      reasoning: { budgetTokens: 0 },
      user: 'hashed-user',
    },
  },
  {
    name: 'no input is allowed when stored state says what to do (it is in extras)',
    input: { model: 'm', prompt: { id: 'pmpt_1' } },
    expected: { model: 'm', stream: false, messages: [], extras: { prompt: { id: 'pmpt_1' } } },
  },
];

for (const c of cases) {
  test(`decodeResponsesRequest: ${c.name}`, () => {
    assert.deepEqual(decodeResponsesRequest(c.input), c.expected);
  });
}

const invalid: Array<{ name: string; input: unknown; message: RegExp }> = [
  { name: 'no model', input: { input: 'x' }, message: /^model/ },
  { name: 'no input', input: { model: 'm' }, message: /input is required/ },
  { name: 'input of the wrong type', input: { model: 'm', input: 5 }, message: /input must be/ },
  { name: 'an unknown role', input: { model: 'm', input: [{ role: 'tool', content: 'x' }] }, message: /input\[0\]\.role/ },
  { name: 'a function call without call_id', input: { model: 'm', input: [{ type: 'function_call', name: 'f', arguments: '{}' }] }, message: /input\[0\]\.call_id/ },
  { name: 'an image in a developer message', input: { model: 'm', input: [{ role: 'developer', content: [{ type: 'input_image', image_url: 'https://x' }] }] }, message: /only text/ },
  { name: 'a function tool without a name', input: { model: 'm', input: 'x', tools: [{ type: 'function', parameters: {} }] }, message: /tools\[0\]\.name/ },
  { name: 'a bad tool_choice string', input: { model: 'm', input: 'x', tool_choice: 'any' }, message: /tool_choice/ },
  { name: 'a json_schema format without a schema', input: { model: 'm', input: 'x', text: { format: { type: 'json_schema', name: 'n' } } }, message: /text\.format\.schema/ },
  { name: 'temperature that is not a number', input: { model: 'm', input: 'x', temperature: 'warm' }, message: /temperature/ },
  { name: 'an unknown reasoning summary', input: { model: 'm', input: 'x', reasoning: { summary: 'long' } }, message: /reasoning\.summary/ },
];

for (const c of invalid) {
  test(`decodeResponsesRequest rejects: ${c.name}`, () => {
    assert.throws(() => decodeResponsesRequest(c.input), (err: Error & { kind?: string }) => err.kind === 'invalid_request' && c.message.test(err.message));
  });
}

test('decodeResponsesRequest: errors name the exact field', () => {
  assert.throws(() => decodeResponsesRequest({ model: 'm', input: [{ type: 'function_call_output', call_id: 'c', output: { bad: true } }] }), { message: 'input[0].output must be a string or an array' });
  assert.throws(() => decodeResponsesRequest({ model: 'm', input: [{ role: 'user', content: 7 }] }), { message: 'input[0].content must be a string or an array' });
  assert.throws(() => decodeResponsesRequest({ model: 'm', input: [{ role: 'user', content: [{ type: 'input_text' }] }] }), { message: 'input[0].content[0].text must be a string' });
});

test('decodeResponsesRequest: a reasoning item holding only OpenAI\'s encrypted content is left out of the history', () => {
  const request = decodeResponsesRequest({
    model: 'm',
    input: [
      { role: 'user', content: 'hi' },
      { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAAAABo-opaque' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'hello' }] },
    ],
  });
  assert.deepEqual(request.messages, [
    { role: 'user', parts: [{ type: 'text', text: 'hi' }] },
    { role: 'assistant', parts: [{ type: 'text', text: 'hello' }] },
  ]);
});
