// The official SDKs parse what the Responses and Gemini client formats write: a tiny local server
// decodes each SDK request with the format under test and answers with a scripted canonical reply.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { GoogleGenAI } from '@google/genai';
import { GatewayError } from '../proxy/errors';
import type { CanonicalRequest, CanonicalResponse, StreamEvent } from '../proxy/formats/canonical';
import type { ClientFormat } from '../proxy/formats/client-format';
import { openaiResponsesFormat } from '../proxy/formats/openai-responses/openai-responses-format';
import { geminiFormat } from '../proxy/formats/gemini/gemini-format';

interface Script {
  events: StreamEvent[];
  error?: GatewayError;
}

let server: Server;
let baseUrl = '';
let script: Script = { events: [] };
const seen: CanonicalRequest[] = [];

/** Folds scripted events into the whole response a non-streaming call returns. */
function collect(events: StreamEvent[]): CanonicalResponse {
  const response: CanonicalResponse = { id: 'x', model: 'upstream', parts: [], finishReason: 'stop', created: 1700000000 };
  for (const e of events) {
    if (e.type === 'start') response.id = e.id;
    if (e.type === 'text_delta') response.parts.push({ type: 'text', text: e.text });
    if (e.type === 'reasoning_delta') response.parts.push({ type: 'reasoning', text: e.text, ...(e.signature ? { signature: e.signature } : {}) });
    if (e.type === 'tool_call_start') response.parts.push({ type: 'tool_call', id: e.id, name: e.name, arguments: '' });
    if (e.type === 'tool_call_delta') {
      const call = response.parts.filter((p) => p.type === 'tool_call')[e.index];
      if (call && call.type === 'tool_call') call.arguments += e.argumentsDelta;
    }
    if (e.type === 'usage') response.usage = e.usage;
    if (e.type === 'finish') response.finishReason = e.reason;
  }
  return response;
}

async function serve(format: ClientFormat, res: ServerResponse, body: unknown, hints?: { model?: string; stream?: boolean }): Promise<void> {
  try {
    const request = format.decodeRequest(body, hints);
    seen.push(request);
    if (script.error) throw script.error;
    if (!request.stream) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(format.encodeResponse(collect(script.events), request.model)));
      return;
    }
    res.writeHead(200, { 'content-type': format.streamContentType });
    let state = format.initialStreamState(request.model);
    for (const event of script.events) {
      const step = format.encodeStreamEvent(state, event);
      state = step.state;
      if (step.out) res.write(step.out);
    }
    res.end(format.endStream(state));
  } catch (err) {
    const rendered = format.renderError(err instanceof GatewayError ? err : new GatewayError('internal', String(err)));
    res.writeHead(rendered.status, { 'content-type': 'application/json', ...rendered.headers }).end(JSON.stringify(rendered.body));
  }
}

before(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = raw === '' ? {} : JSON.parse(raw);
      const url = new URL(req.url ?? '/', 'http://x');
      const gemini = /^\/v1beta\/models\/(.+):(generateContent|streamGenerateContent)$/.exec(url.pathname);
      if (url.pathname === '/v1/responses') void serve(openaiResponsesFormat, res, body);
      else if (gemini) void serve(geminiFormat, res, body, { model: decodeURIComponent(gemini[1]), stream: gemini[2] === 'streamGenerateContent' });
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const usage = { inputTokens: 12, outputTokens: 30, cachedInputTokens: 4, reasoningTokens: 10 };

const textScript: Script = {
  events: [
    { type: 'start', id: 'abc123', model: 'upstream' },
    { type: 'reasoning_delta', text: 'Thinking about ' },
    { type: 'reasoning_delta', text: 'greetings.' },
    { type: 'text_delta', text: 'Hello' },
    { type: 'text_delta', text: ', world' },
    { type: 'usage', usage },
    { type: 'finish', reason: 'stop' },
  ],
};

const toolScript: Script = {
  events: [
    { type: 'start', id: 'def456', model: 'upstream' },
    { type: 'text_delta', text: 'Checking.' },
    { type: 'reasoning_delta', text: '', signature: 'sig-1' },
    { type: 'tool_call_start', index: 0, id: 'call_1', name: 'get_weather' },
    { type: 'tool_call_delta', index: 0, argumentsDelta: '{"city":' },
    { type: 'tool_call_delta', index: 0, argumentsDelta: '"Paris"}' },
    { type: 'tool_call_start', index: 1, id: 'call_2', name: 'get_time' },
    { type: 'tool_call_delta', index: 1, argumentsDelta: '{}' },
    { type: 'finish', reason: 'tool_calls' },
    { type: 'usage', usage: { inputTokens: 5, outputTokens: 7 } },
  ],
};

function openai(): OpenAI {
  return new OpenAI({ apiKey: 'sy-test', baseURL: `${baseUrl}/v1`, maxRetries: 0 });
}

function genai(): GoogleGenAI {
  return new GoogleGenAI({ apiKey: 'sy-test', httpOptions: { baseUrl, retryOptions: { attempts: 1 } } as never });
}

test('openai SDK: responses.stream finalResponse assembles text, reasoning and usage', async () => {
  script = textScript;
  const stream = openai().responses.stream({ model: 'smart', input: 'Say hello', instructions: 'Be brief', reasoning: { effort: 'low', summary: 'auto' } });
  const deltas: string[] = [];
  stream.on('response.output_text.delta', (e) => deltas.push(e.delta));
  const final = await stream.finalResponse();
  assert.equal(final.output_text, 'Hello, world');
  assert.deepEqual(deltas, ['Hello', ', world']);
  assert.equal(final.status, 'completed');
  assert.equal(final.id, 'resp_abc123');
  assert.deepEqual(final.output.map((o) => o.type), ['reasoning', 'message']);
  const reasoning = final.output[0];
  assert.ok(reasoning.type === 'reasoning');
  assert.equal(reasoning.summary[0].text, 'Thinking about greetings.');
  assert.deepEqual(final.usage, { input_tokens: 12, input_tokens_details: { cached_tokens: 4 }, output_tokens: 30, output_tokens_details: { reasoning_tokens: 10 }, total_tokens: 42 });
  const request = seen[seen.length - 1];
  assert.deepEqual(request.system, [{ type: 'text', text: 'Be brief' }]);
  assert.deepEqual(request.reasoning, { effort: 'low', includeThoughts: true });
});

test('openai SDK: streamed function calls arrive whole, with arguments and call ids', async () => {
  script = toolScript;
  const stream = openai().responses.stream({
    model: 'smart',
    input: [{ role: 'user', content: 'Weather in Paris?' }],
    tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false }],
  });
  const argDeltas: string[] = [];
  stream.on('response.function_call_arguments.delta', (e) => argDeltas.push(e.delta));
  const final = await stream.finalResponse();
  const calls = final.output.filter((o) => o.type === 'function_call');
  assert.deepEqual(calls.map((c) => c.type === 'function_call' && [c.call_id, c.name, c.arguments, c.status]), [
    ['call_1', 'get_weather', '{"city":"Paris"}', 'completed'],
    ['call_2', 'get_time', '{}', 'completed'],
  ]);
  assert.deepEqual(argDeltas, ['{"city":', '"Paris"}', '{}']);
  assert.equal(final.output_text, 'Checking.');
  assert.equal(final.usage?.total_tokens, 12);
  assert.deepEqual(seen[seen.length - 1].tools, [{ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false }]);
});

test('openai SDK: responses.create (non-streaming) parses the response object', async () => {
  script = toolScript;
  const response = await openai().responses.create({ model: 'smart', input: 'hi' });
  assert.equal(response.object, 'response');
  assert.equal(response.output_text, 'Checking.');
  assert.deepEqual(response.output.map((o) => o.type), ['message', 'reasoning', 'function_call', 'function_call']);
});

test('openai SDK: max tokens ends in response.incomplete with its reason', async () => {
  script = { events: [{ type: 'start', id: 'r1', model: 'm' }, { type: 'text_delta', text: 'cut' }, { type: 'finish', reason: 'length' }] };
  const final = await openai().responses.stream({ model: 'smart', input: 'hi' }).finalResponse();
  assert.equal(final.status, 'incomplete');
  assert.deepEqual(final.incomplete_details, { reason: 'max_output_tokens' });
});

test('openai SDK: a mid-stream error makes the stream reject with the upstream message', async () => {
  script = { events: [{ type: 'start', id: 'r2', model: 'm' }, { type: 'text_delta', text: 'par' }, { type: 'error', error: new GatewayError('upstream_error', 'upstream broke') }] };
  const types: string[] = [];
  const stream = openai().responses.stream({ model: 'smart', input: 'hi' });
  stream.on('event', (e) => types.push(e.type));
  await assert.rejects(stream.finalResponse(), (err: Error & { code?: string }) => err.message === 'upstream broke' && err.code === 'upstream_error');
  assert.equal(types[types.length - 1], 'error');
  assert.ok(types.includes('response.output_text.delta'));
});

test('openai SDK: an error before the stream throws an APIError with our message and type', async () => {
  script = { events: [], error: new GatewayError('rate_limited', 'slow down', { retryAfter: 3 }) };
  await assert.rejects(openai().responses.create({ model: 'smart', input: 'hi' }), (err: unknown) => {
    assert.ok(err instanceof OpenAI.APIError);
    assert.equal(err.status, 429);
    assert.equal(err.message, '429 slow down');
    assert.equal((err.error as { type?: string }).type, 'rate_limit_error');
    return true;
  });
});

test('@google/genai: generateContent parses text, thoughts, function calls and usage', async () => {
  script = toolScript;
  const response = await genai().models.generateContent({
    model: 'smart',
    contents: [{ role: 'user', parts: [{ text: 'Weather in Paris?' }] }],
    config: {
      systemInstruction: 'Be brief',
      temperature: 0.2,
      tools: [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } } } }] }],
      thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
    },
  });
  assert.equal(response.text, 'Checking.');
  assert.deepEqual(response.functionCalls?.map((c) => [c.id, c.name, c.args]), [['call_1', 'get_weather', { city: 'Paris' }], ['call_2', 'get_time', {}]]);
  assert.equal(response.candidates?.[0].finishReason, 'STOP');
  assert.deepEqual(response.usageMetadata, { promptTokenCount: 5, candidatesTokenCount: 7, totalTokenCount: 12 });
  assert.equal(response.candidates?.[0].content?.parts?.[1].thoughtSignature, 'sig-1');
  const request = seen[seen.length - 1];
  assert.equal(request.model, 'smart');
  assert.deepEqual(request.system, [{ type: 'text', text: 'Be brief' }]);
  assert.equal(request.temperature, 0.2);
  assert.deepEqual(request.reasoning, { budgetTokens: 1024, includeThoughts: true });
  assert.equal(request.extras, undefined);
});

test('@google/genai: generateContentStream yields chunks as they come and usage at the end', async () => {
  script = textScript;
  const chunks = [];
  for await (const chunk of await genai().models.generateContentStream({ model: 'alpha/m-large', contents: 'Say hello' })) chunks.push(chunk);
  assert.equal(chunks.map((c) => c.text ?? '').join(''), 'Hello, world');
  const thoughts = chunks.flatMap((c) => c.candidates?.[0].content?.parts ?? []).filter((p) => p.thought).map((p) => p.text);
  assert.deepEqual(thoughts, ['Thinking about ', 'greetings.']);
  const last = chunks[chunks.length - 1];
  assert.equal(last.candidates?.[0].finishReason, 'STOP');
  assert.deepEqual(last.usageMetadata, { promptTokenCount: 12, candidatesTokenCount: 20, totalTokenCount: 42, cachedContentTokenCount: 4, thoughtsTokenCount: 10 });
  assert.equal(last.responseId, 'abc123');
  assert.equal(seen[seen.length - 1].model, 'alpha/m-large');
  assert.equal(seen[seen.length - 1].stream, true);
});

test('@google/genai: streamed function calls come whole in one chunk', async () => {
  script = toolScript;
  const calls = [];
  for await (const chunk of await genai().models.generateContentStream({ model: 'smart', contents: 'Weather?' })) calls.push(...(chunk.functionCalls ?? []));
  assert.deepEqual(calls.map((c) => [c.name, c.args]), [['get_weather', { city: 'Paris' }], ['get_time', {}]]);
});

test('@google/genai: a mid-stream error frame makes the SDK throw', async () => {
  script = { events: [{ type: 'start', id: 'r3', model: 'm' }, { type: 'text_delta', text: 'par' }, { type: 'error', error: new GatewayError('upstream_timeout', 'too slow') }] };
  const texts: string[] = [];
  await assert.rejects(async () => {
    for await (const chunk of await genai().models.generateContentStream({ model: 'smart', contents: 'hi' })) texts.push(chunk.text ?? '');
  }, (err: Error) => err.name === 'ApiError' && (err as Error & { status: number }).status === 504);
  assert.deepEqual(texts, ['par']);
});

test('@google/genai: errors before the stream have Google\'s shape and status', async () => {
  script = { events: [], error: new GatewayError('not_found', 'no route named nope') };
  await assert.rejects(genai().models.generateContent({ model: 'nope', contents: 'hi' }), (err: Error) => {
    assert.equal(err.name, 'ApiError');
    assert.equal((err as Error & { status: number }).status, 404);
    assert.match(err.message, /"status":"NOT_FOUND"/);
    return true;
  });
});

test('@google/genai: a multi-turn function-calling history decodes with matched call ids', async () => {
  script = textScript;
  await genai().models.generateContent({
    model: 'smart',
    contents: [
      { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
      { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'c2ln' }, { functionCall: { name: 'get_weather', args: { city: 'Rome' } } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { output: 'sunny' } } }, { functionResponse: { name: 'get_weather', response: { output: 'rain' } } }] },
    ],
  });
  const request = seen[seen.length - 1];
  assert.deepEqual(request.messages[1].parts, [
    { type: 'reasoning', text: '', signature: 'c2ln', signedBy: 'gemini' },
    { type: 'tool_call', id: 'call_1_0', name: 'get_weather', arguments: '{"city":"Paris"}' },
    { type: 'tool_call', id: 'call_1_1', name: 'get_weather', arguments: '{"city":"Rome"}' },
  ]);
  assert.deepEqual(request.messages[2].parts, [
    { type: 'tool_result', callId: 'call_1_0', name: 'get_weather', content: [{ type: 'text', text: 'sunny' }] },
    { type: 'tool_result', callId: 'call_1_1', name: 'get_weather', content: [{ type: 'text', text: 'rain' }] },
  ]);
});
