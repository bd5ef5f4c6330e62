import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalRequest } from '../../formats/canonical';
import { encodeGeminiRequest, SKIP_SIGNATURE_VALIDATION } from './encode-gemini-request';

const base: CanonicalRequest = { model: 'route', messages: [{ role: 'user', parts: [{ type: 'text', text: 'Hi' }] }], stream: false };

const cases: Array<{ name: string; input: CanonicalRequest; model?: string; expected: { path: string; body: unknown } }> = [
  {
    name: 'a plain turn goes to generateContent',
    input: base,
    expected: { path: '/models/gemini-2.5-flash:generateContent', body: { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] } },
  },
  {
    name: 'streaming asks for SSE; a models/ prefix is not doubled',
    input: { ...base, stream: true },
    model: 'models/gemini-2.5-pro',
    expected: { path: '/models/gemini-2.5-pro:streamGenerateContent?alt=sse', body: { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] } },
  },
  {
    name: 'system, sampling, stop, JSON schema output and thinking budget',
    input: {
      ...base,
      system: [{ type: 'text', text: 'Be terse.' }, { type: 'text', text: 'Use metric.' }],
      maxTokens: 256, temperature: 0.3, topP: 0.9, topK: 40, stop: ['END'],
      responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false } },
      reasoning: { budgetTokens: 2048, includeThoughts: true },
      user: 'u-1', parallelToolCalls: false,
    },
    expected: {
      path: '/models/gemini-2.5-flash:generateContent',
      body: {
        contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
        systemInstruction: { parts: [{ text: 'Be terse.' }, { text: 'Use metric.' }] },
        generationConfig: {
          maxOutputTokens: 256, temperature: 0.3, topP: 0.9, topK: 40, stopSequences: ['END'],
          responseMimeType: 'application/json', responseJsonSchema: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
          thinkingConfig: { thinkingBudget: 2048, includeThoughts: true },
        },
      },
    },
  },
  {
    name: 'json_object and an effort level without a budget',
    input: { ...base, responseFormat: { type: 'json_object' }, reasoning: { effort: 'high' } },
    expected: { path: '/models/gemini-2.5-flash:generateContent', body: { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }], generationConfig: { responseMimeType: 'application/json', thinkingConfig: { thinkingBudget: 24576 } } } },
  },
  {
    name: 'tools become function declarations with JSON Schema; a forced tool is ANY with one allowed name',
    input: {
      ...base,
      tools: [{ name: 'get_weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }, strict: true }, { name: 'noop', parameters: { type: 'object' } }],
      toolChoice: { type: 'tool', name: 'get_weather' },
    },
    expected: {
      path: '/models/gemini-2.5-flash:generateContent',
      body: {
        contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
        tools: [{ functionDeclarations: [
          { name: 'get_weather', description: 'Weather by city', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
          { name: 'noop', parametersJsonSchema: { type: 'object' } },
        ] }],
        toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } },
      },
    },
  },
  {
    name: 'a tool round trip: names come from the earlier call, ids stay home, a signature goes back on its call',
    input: {
      ...base,
      toolChoice: { type: 'required' },
      messages: [
        { role: 'user', parts: [{ type: 'text', text: 'Weather in Paris?' }] },
        { role: 'assistant', parts: [{ type: 'text', text: 'Checking.' }, { type: 'reasoning', text: '', signature: 'SIG' }, { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
        { role: 'user', parts: [{ type: 'tool_result', callId: 'call_1', content: [{ type: 'text', text: '18C' }] }] },
      ],
    },
    expected: {
      path: '/models/gemini-2.5-flash:generateContent',
      body: {
        contents: [
          { role: 'user', parts: [{ text: 'Weather in Paris?' }] },
          { role: 'model', parts: [{ text: 'Checking.' }, { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'SIG' }] },
          { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { output: '18C' } } }] },
        ],
        toolConfig: { functionCallingConfig: { mode: 'ANY' } },
      },
    },
  },
  {
    name: 'history from another provider: unsigned calls get the skip-validation signature on the first call only',
    input: {
      ...base,
      messages: [
        { role: 'user', parts: [{ type: 'text', text: 'Both cities' }] },
        { role: 'assistant', parts: [{ type: 'tool_call', id: 'toolu_1', name: 'w', arguments: '{"c":"A"}' }, { type: 'tool_call', id: 'toolu_2', name: 'w', arguments: '{"c":"B"}' }] },
        { role: 'user', parts: [{ type: 'tool_result', callId: 'toolu_1', content: [{ type: 'text', text: 'x' }], isError: true }, { type: 'tool_result', callId: 'toolu_2', name: 'w', content: [{ type: 'text', text: 'y' }] }] },
      ],
    },
    expected: {
      path: '/models/gemini-2.5-flash:generateContent',
      body: {
        contents: [
          { role: 'user', parts: [{ text: 'Both cities' }] },
          { role: 'model', parts: [{ functionCall: { name: 'w', args: { c: 'A' } }, thoughtSignature: SKIP_SIGNATURE_VALIDATION }, { functionCall: { name: 'w', args: { c: 'B' } } }] },
          { role: 'user', parts: [{ functionResponse: { name: 'w', response: { error: 'x' } } }, { functionResponse: { name: 'w', response: { output: 'y' } } }] },
        ],
      },
    },
  },
  {
    name: 'history another family signed: its signature is left out and the call gets the skip-validation value; Gemini\'s own stays',
    input: {
      ...base,
      messages: [
        { role: 'user', parts: [{ type: 'text', text: 'Weather?' }] },
        { role: 'assistant', parts: [{ type: 'reasoning', text: 'Use the tool.', signature: 'EqQBanthropic', signedBy: 'anthropic' }, { type: 'tool_call', id: 'toolu_1', name: 'w', arguments: '{"c":"A"}' }] },
        { role: 'user', parts: [{ type: 'tool_result', callId: 'toolu_1', content: [{ type: 'text', text: 'x' }] }] },
        { role: 'assistant', parts: [{ type: 'reasoning', text: 'Again.', signature: 'Q2lRQg==', signedBy: 'gemini' }, { type: 'tool_call', id: 'c2', name: 'w', arguments: '{"c":"B"}' }] },
        { role: 'user', parts: [{ type: 'tool_result', callId: 'c2', content: [{ type: 'text', text: 'y' }] }] },
      ],
    },
    expected: {
      path: '/models/gemini-2.5-flash:generateContent',
      body: {
        contents: [
          { role: 'user', parts: [{ text: 'Weather?' }] },
          { role: 'model', parts: [{ text: 'Use the tool.', thought: true }, { functionCall: { name: 'w', args: { c: 'A' } }, thoughtSignature: SKIP_SIGNATURE_VALIDATION }] },
          { role: 'user', parts: [{ functionResponse: { name: 'w', response: { output: 'x' } } }] },
          { role: 'model', parts: [{ text: 'Again.', thought: true }, { functionCall: { name: 'w', args: { c: 'B' } }, thoughtSignature: 'Q2lRQg==' }] },
          { role: 'user', parts: [{ functionResponse: { name: 'w', response: { output: 'y' } } }] },
        ],
      },
    },
  },
  {
    name: 'images: base64 and data URLs inline, web URLs as fileData with a guessed type; thoughts keep their signature',
    input: {
      ...base,
      messages: [
        { role: 'user', parts: [
          { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBOR' } },
          { type: 'image', source: { kind: 'url', url: 'data:image/jpeg;base64,/9j/4AAQ' } },
          { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.webp?x=1' } },
          { type: 'image', source: { kind: 'url', url: 'https://example.com/photo' } },
        ] },
        { role: 'assistant', parts: [{ type: 'reasoning', text: 'Cats.', signature: 'T' }, { type: 'reasoning', text: '', redacted: 'opaque-anthropic' }, { type: 'text', text: 'A cat.' }] },
        { role: 'assistant', parts: [{ type: 'reasoning', text: '', redacted: 'only-opaque' }] },
        { role: 'user', parts: [{ type: 'text', text: 'Thanks' }] },
      ],
    },
    expected: {
      path: '/models/gemini-2.5-flash:generateContent',
      body: {
        contents: [
          { role: 'user', parts: [
            { inlineData: { mimeType: 'image/png', data: 'iVBOR' } },
            { inlineData: { mimeType: 'image/jpeg', data: '/9j/4AAQ' } },
            { fileData: { mimeType: 'image/webp', fileUri: 'https://example.com/cat.webp?x=1' } },
            { fileData: { fileUri: 'https://example.com/photo' } },
          ] },
          { role: 'model', parts: [{ text: 'Cats.', thought: true, thoughtSignature: 'T' }, { text: 'A cat.' }] },
          { role: 'user', parts: [{ text: 'Thanks' }] },
        ],
      },
    },
  },
  {
    name: 'seed and penalties go in generationConfig; a negative 32-bit seed is still a seed',
    input: { ...base, seed: -(2 ** 31), presencePenalty: 0.5, frequencyPenalty: -1 },
    expected: {
      path: '/models/gemini-2.5-flash:generateContent',
      body: { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }], generationConfig: { seed: -(2 ** 31), presencePenalty: 0.5, frequencyPenalty: -1 } },
    },
  },
];

for (const c of cases) {
  test(`encodeGeminiRequest: ${c.name}`, () => {
    assert.deepEqual(encodeGeminiRequest(c.input, c.model ?? 'gemini-2.5-flash'), c.expected);
  });
}

const refusals: Array<{ name: string; input: CanonicalRequest; kind: string; message: RegExp }> = [
  { name: 'extras are refused by name', input: { ...base, extras: { 'tools[0]': { type: 'web_search' }, previous_response_id: 'resp_1' } }, kind: 'unsupported', message: /tools\[0\], previous_response_id/ },
  { name: 'a seed wider than 32 bits (an OpenAI client may send one), named', input: { ...base, seed: 2 ** 31 }, kind: 'unsupported', message: /'seed' 2147483648 .*32-bit/ },
  { name: 'a tool result whose call is unknown', input: { ...base, messages: [{ role: 'user', parts: [{ type: 'tool_result', callId: 'ghost', content: [] }] }] }, kind: 'invalid_request', message: /ghost/ },
  { name: 'tool call arguments that are not JSON', input: { ...base, messages: [{ role: 'assistant', parts: [{ type: 'tool_call', id: 'c', name: 'f', arguments: '{bad' }] }] }, kind: 'invalid_request', message: /not valid JSON/ },
  { name: 'tool call arguments that are not an object', input: { ...base, messages: [{ role: 'assistant', parts: [{ type: 'tool_call', id: 'c', name: 'f', arguments: '[1]' }] }] }, kind: 'invalid_request', message: /JSON object/ },
];

for (const c of refusals) {
  test(`encodeGeminiRequest refuses: ${c.name}`, () => {
    assert.throws(() => encodeGeminiRequest(c.input, 'gemini-2.5-flash'), (err: Error & { kind?: string }) => err.kind === c.kind && c.message.test(err.message));
  });
}
