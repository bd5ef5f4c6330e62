import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalRequest } from '../canonical';
import { decodeGeminiRequest } from './decode-gemini-request';
import { functionCalling, multimodal, structuredOutput, textWithSystem, thinking } from './fixtures/gemini-request-fixtures';

const hints = { model: 'gemini-2.5-flash', stream: false };

const cases: Array<{ name: string; input: unknown; hints?: { model?: string; stream?: boolean }; expected: CanonicalRequest }> = [
  {
    name: 'system instruction, a role-less turn and sampling settings',
    input: textWithSystem,
    expected: {
      model: 'gemini-2.5-flash', stream: false,
      system: [{ type: 'text', text: 'You are a cat. Your name is Neko.' }],
      messages: [{ role: 'user', parts: [{ type: 'text', text: 'Hello there' }] }],
      maxTokens: 800, temperature: 1.0, topP: 0.8, topK: 10, stop: ['Title'],
    },
  },
  {
    name: 'inline and file images; the stream flag comes from the URL',
    input: multimodal,
    hints: { model: 'alpha/m-large', stream: true },
    expected: {
      model: 'alpha/m-large', stream: true,
      messages: [{ role: 'user', parts: [
        { type: 'text', text: 'Caption these.' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/4AAQSkZJRg' } },
        { type: 'image', source: { kind: 'url', url: 'https://generativelanguage.googleapis.com/v1beta/files/abc-123' } },
      ] }],
    },
  },
  {
    name: 'function calling: OpenAPI parameters become JSON Schema, ids are synthesized and matched, ANY with one name forces it',
    input: functionCalling,
    expected: {
      model: 'gemini-2.5-flash', stream: false,
      messages: [
        { role: 'user', parts: [{ type: 'text', text: 'Turn the lights down to a romantic level' }] },
        { role: 'assistant', parts: [
          { type: 'reasoning', text: '', signature: 'U2lnLTE=', signedBy: 'gemini' },
          { type: 'tool_call', id: 'call_1_0', name: 'set_light_values', arguments: '{"brightness":25,"color_temp":"warm"}' },
        ] },
        { role: 'user', parts: [{ type: 'tool_result', callId: 'call_1_0', name: 'set_light_values', content: [{ type: 'text', text: '{"brightness":25,"colorTemperature":"warm"}' }] }] },
      ],
      tools: [{
        name: 'set_light_values',
        description: 'Sets the brightness and color temperature of a light.',
        parameters: {
          type: 'object',
          properties: { brightness: { type: 'integer', description: 'Light level from 0 to 100.' }, color_temp: { type: ['string', 'null'], enum: ['daylight', 'cool', 'warm'] } },
          required: ['brightness'],
        },
      }],
      toolChoice: { type: 'tool', name: 'set_light_values' },
    },
  },
  {
    name: 'responseSchema becomes a JSON Schema response format',
    input: structuredOutput,
    expected: {
      model: 'gemini-2.5-flash', stream: false,
      messages: [{ role: 'user', parts: [{ type: 'text', text: 'List a few popular cookie recipes.' }] }],
      responseFormat: { type: 'json_schema', name: 'response', schema: { type: 'array', items: { type: 'object', properties: { recipeName: { type: 'string' } } }, minItems: 1 } },
    },
  },
  {
    name: 'thinking budget and thought summaries',
    input: thinking,
    expected: {
      model: 'gemini-2.5-flash', stream: false,
      messages: [{ role: 'user', parts: [{ type: 'text', text: 'Provide a list of 3 famous physicists' }] }],
      reasoning: { budgetTokens: 1024, includeThoughts: true },
    },
  },
  {
    name: 'responseJsonSchema, thinkingLevel, dynamic budget, AUTO and NONE modes',
    input: {
      contents: [{ role: 'user', parts: [{ text: 'q' }] }],
      toolConfig: { functionCallingConfig: { mode: 'NONE' } },
      generationConfig: { responseMimeType: 'application/json', responseJsonSchema: { type: 'object', additionalProperties: false }, thinkingConfig: { thinkingBudget: -1, thinkingLevel: 'HIGH' }, candidateCount: 1, responseModalities: ['TEXT'] },
    },
    expected: {
      model: 'gemini-2.5-flash', stream: false,
      messages: [{ role: 'user', parts: [{ type: 'text', text: 'q' }] }],
      toolChoice: { type: 'none' },
      responseFormat: { type: 'json_schema', name: 'response', schema: { type: 'object', additionalProperties: false } },
      reasoning: { effort: 'high' },
    },
  },
  {
    name: 'thought parts merge into one reasoning run; ids the client sent are used; ANY over several names keeps only those tools',
    input: {
      contents: [
        { role: 'user', parts: [{ text: 'go' }] },
        { role: 'model', parts: [{ text: 'plan ', thought: true }, { text: 'more', thought: true }, { text: '', thought: true, thoughtSignature: 'S' }, { functionCall: { id: 'fc-1', name: 'a', args: {} } }, { functionCall: { name: 'a' } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'a', response: { output: 'second' } } }, { functionResponse: { id: 'fc-1', name: 'a', response: { error: 'boom' } } }] },
      ],
      tools: [{ functionDeclarations: [{ name: 'a' }, { name: 'b', parametersJsonSchema: { type: 'object' } }, { name: 'c' }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['a', 'b'] } },
    },
    expected: {
      model: 'gemini-2.5-flash', stream: false,
      messages: [
        { role: 'user', parts: [{ type: 'text', text: 'go' }] },
        { role: 'assistant', parts: [
          { type: 'reasoning', text: 'plan more', signature: 'S', signedBy: 'gemini' },
          { type: 'tool_call', id: 'fc-1', name: 'a', arguments: '{}' },
          { type: 'tool_call', id: 'call_1_4', name: 'a', arguments: '{}' },
        ] },
        { role: 'user', parts: [
          { type: 'tool_result', callId: 'call_1_4', name: 'a', content: [{ type: 'text', text: 'second' }] },
          { type: 'tool_result', callId: 'fc-1', name: 'a', content: [{ type: 'text', text: 'boom' }], isError: true },
        ] },
      ],
      tools: [{ name: 'a', parameters: { type: 'object', properties: {} } }, { name: 'b', parameters: { type: 'object' } }],
      toolChoice: { type: 'required' },
    },
  },
  {
    name: 'what has no canonical home goes to extras under its path',
    input: {
      contents: [{ role: 'user', parts: [{ text: 'summarise' }, { inlineData: { mimeType: 'application/pdf', data: 'JVBER' } }, { executableCode: { language: 'PYTHON', code: 'print(1)' } }] }],
      tools: [{ googleSearch: {} }, { codeExecution: {} }],
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
      cachedContent: 'cachedContents/abc',
      generationConfig: { candidateCount: 2, responseLogprobs: true, responseMimeType: 'text/x.enum', responseModalities: ['TEXT', 'IMAGE'] },
      toolConfig: { functionCallingConfig: { mode: 'VALIDATED' }, retrievalConfig: { latLng: { latitude: 1, longitude: 2 } } },
    },
    expected: {
      model: 'gemini-2.5-flash', stream: false,
      messages: [{ role: 'user', parts: [{ type: 'text', text: 'summarise' }] }],
      extras: {
        safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
        cachedContent: 'cachedContents/abc',
        'contents[0].parts[1].inlineData': { mimeType: 'application/pdf' },
        'contents[0].parts[2].executableCode': { language: 'PYTHON', code: 'print(1)' },
        'tools[0].googleSearch': {},
        'tools[1].codeExecution': {},
        'toolConfig.retrievalConfig': { latLng: { latitude: 1, longitude: 2 } },
        'toolConfig.functionCallingConfig.mode': 'VALIDATED',
        'generationConfig.responseLogprobs': true,
        'generationConfig.responseModalities': ['TEXT', 'IMAGE'],
        'generationConfig.candidateCount': 2,
        'generationConfig.responseMimeType': 'text/x.enum',
      },
    },
  },
  {
    name: 'seed and penalties are canonical settings, not extras',
    input: { contents: [{ parts: [{ text: 'x' }] }], generationConfig: { seed: 42, presencePenalty: 0.5, frequencyPenalty: -1.5 } },
    expected: { model: 'gemini-2.5-flash', stream: false, messages: [{ role: 'user', parts: [{ type: 'text', text: 'x' }] }], seed: 42, presencePenalty: 0.5, frequencyPenalty: -1.5 },
  },
  {
    name: 'a penalty of 0 is no penalty and is left out',
    input: { contents: [{ parts: [{ text: 'x' }] }], generationConfig: { presencePenalty: 0, frequencyPenalty: 0 } },
    expected: { model: 'gemini-2.5-flash', stream: false, messages: [{ role: 'user', parts: [{ type: 'text', text: 'x' }] }] },
  },
];

for (const c of cases) {
  test(`decodeGeminiRequest: ${c.name}`, () => {
    assert.deepEqual(decodeGeminiRequest(c.input, c.hints ?? hints), c.expected);
  });
}

const invalid: Array<{ name: string; input: unknown; hints?: { model?: string }; message: RegExp }> = [
  { name: 'no model in the URL', input: { contents: [{ parts: [{ text: 'x' }] }] }, hints: {}, message: /model/ },
  { name: 'not an object', input: [], message: /JSON object/ },
  { name: 'no contents', input: { contents: [] }, message: /contents must be a non-empty array/ },
  { name: 'a bad role', input: { contents: [{ role: 'system', parts: [{ text: 'x' }] }] }, message: /contents\[0\]\.role/ },
  { name: 'parts missing', input: { contents: [{ role: 'user' }] }, message: /contents\[0\]\.parts/ },
  { name: 'a function call without a name', input: { contents: [{ role: 'model', parts: [{ functionCall: { args: {} } }] }] }, message: /contents\[0\]\.parts\[0\]\.functionCall\.name/ },
  { name: 'a temperature that is not a number', input: { contents: [{ parts: [{ text: 'x' }] }], generationConfig: { temperature: 'hot' } }, message: /generationConfig\.temperature/ },
  { name: 'a seed that is not an integer', input: { contents: [{ parts: [{ text: 'x' }] }], generationConfig: { seed: 1.5 } }, message: /generationConfig\.seed/ },
  { name: 'a presence penalty above 2', input: { contents: [{ parts: [{ text: 'x' }] }], generationConfig: { presencePenalty: 2.5 } }, message: /generationConfig\.presencePenalty/ },
  { name: 'a frequency penalty that is not a number', input: { contents: [{ parts: [{ text: 'x' }] }], generationConfig: { frequencyPenalty: 'lots' } }, message: /generationConfig\.frequencyPenalty/ },
  { name: 'a schema without JSON output', input: { contents: [{ parts: [{ text: 'x' }] }], generationConfig: { responseSchema: { type: 'STRING' } } }, message: /responseMimeType/ },
  { name: 'an unknown thinking level', input: { contents: [{ parts: [{ text: 'x' }] }], generationConfig: { thinkingConfig: { thinkingLevel: 'MAX' } } }, message: /thinkingLevel/ },
];

for (const c of invalid) {
  test(`decodeGeminiRequest rejects: ${c.name}`, () => {
    assert.throws(() => decodeGeminiRequest(c.input, c.hints ?? hints), (err: Error & { kind?: string }) => err.kind === 'invalid_request' && c.message.test(err.message));
  });
}
