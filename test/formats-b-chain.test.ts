// Whole translation chains driven by official SDKs:
// 1. @google/genai → Gemini client format → Gemini provider codec gives back the very body the SDK sent.
// 2. openai SDK (Responses) → Gemini provider codec → a fake Gemini upstream replaying documented frames
//    → canonical events → Responses stream the SDK assembles.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { GoogleGenAI, type GenerateContentParameters } from '@google/genai';
import { geminiFormat } from '../proxy/formats/gemini/gemini-format';
import { openaiResponsesFormat } from '../proxy/formats/openai-responses/openai-responses-format';
import { geminiCodec } from '../proxy/providers/gemini/gemini-codec';
import { parallelCallsResponse, streamFrames } from '../proxy/providers/gemini/fixtures/gemini-wire-fixtures';
import { SseParser } from '../proxy/upstream/sse-parser';
import type { UpstreamCall } from '../proxy/providers/codec';

let server: Server;
let baseUrl = '';
const captured: Array<{ path: string; body: unknown; reencoded?: UpstreamCall }> = [];

before(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw);
      const url = new URL(req.url ?? '/', 'http://x');
      const gemini = /^\/v1beta\/models\/(.+):(generateContent|streamGenerateContent)$/.exec(url.pathname);
      if (gemini) {
        const request = geminiFormat.decodeRequest(body, { model: gemini[1], stream: gemini[2] === 'streamGenerateContent' });
        captured.push({ path: url.pathname + url.search, body, reencoded: geminiCodec.encodeRequest(request, gemini[1]) });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP' }] }));
        return;
      }
      const request = openaiResponsesFormat.decodeRequest(body);
      const call = geminiCodec.encodeRequest(request, 'gemini-2.5-flash');
      captured.push({ path: call.path, body: call.body });
      if (!request.stream) {
        const canonical = geminiCodec.decodeResponse(structuredClone(parallelCallsResponse));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(openaiResponsesFormat.encodeResponse(canonical, request.model)));
        return;
      }
      res.writeHead(200, { 'content-type': openaiResponsesFormat.streamContentType });
      // The fake upstream's bytes, framed as Google frames them, arriving in awkward pieces.
      const upstream = streamFrames.map((f) => `data: ${f}\r\n\r\n`).join('');
      const parser = new SseParser();
      let decodeState = geminiCodec.initialStreamState();
      let encodeState = openaiResponsesFormat.initialStreamState(request.model);
      for (let i = 0; i < upstream.length; i += 37) {
        for (const frame of parser.push(upstream.slice(i, i + 37))) {
          const decoded = geminiCodec.decodeStreamFrame(decodeState, frame);
          decodeState = decoded.state;
          for (const event of decoded.events) {
            const step = openaiResponsesFormat.encodeStreamEvent(encodeState, event);
            encodeState = step.state;
            res.write(step.out);
          }
        }
      }
      res.end(openaiResponsesFormat.endStream(encodeState));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const sdkRequests: Array<{ name: string; params: GenerateContentParameters }> = [
  {
    name: 'system, sampling, JSON schema output and thinking',
    params: {
      model: 'gemini-2.5-flash',
      contents: [{ role: 'user', parts: [{ text: 'List three colours' }] }],
      config: {
        systemInstruction: { parts: [{ text: 'Answer in JSON.' }] },
        temperature: 0.4, topP: 0.95, topK: 32, maxOutputTokens: 512, stopSequences: ['###'],
        responseMimeType: 'application/json',
        responseJsonSchema: { type: 'array', items: { type: 'string' } },
        thinkingConfig: { thinkingBudget: 2048, includeThoughts: true },
      },
    },
  },
  {
    name: 'a function-calling history with a signed call, images and a forced tool',
    params: {
      model: 'gemini-2.5-pro',
      contents: [
        { role: 'user', parts: [{ text: 'What is in the picture, and the weather there?' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }] },
        { role: 'model', parts: [{ text: 'Paris.' }, { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'c2lnLTE=' }] },
        { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { output: '18C' } } }] },
      ],
      config: {
        tools: [{ functionDeclarations: [{ name: 'get_weather', description: 'Weather for a city', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }] }],
        toolConfig: { functionCallingConfig: { mode: 'ANY' as never, allowedFunctionNames: ['get_weather'] } },
      },
    },
  },
];

for (const c of sdkRequests) {
  test(`@google/genai → Gemini format → Gemini codec reproduces the SDK's body: ${c.name}`, async () => {
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl } });
    await ai.models.generateContent(c.params);
    const last = captured[captured.length - 1];
    assert.equal(last.reencoded?.path, `/models/${c.params.model}:generateContent`);
    assert.equal(last.path, `/v1beta${last.reencoded?.path}`);
    // The SDK sends `generationConfig: {}` when a config holds only tools; we leave it out.
    const sent = last.body as Record<string, unknown>;
    if (JSON.stringify(sent.generationConfig) === '{}') delete sent.generationConfig;
    assert.deepEqual(last.reencoded?.body, sent);
  });
}

test('openai SDK → Gemini upstream (streamed): thoughts, text and a signed call arrive as Responses items', async () => {
  const client = new OpenAI({ apiKey: 'k', baseURL: `${baseUrl}/v1`, maxRetries: 0 });
  const final = await client.responses
    .stream({ model: 'smart', input: 'Weather in Paris?', tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false }], reasoning: { summary: 'auto' } })
    .finalResponse();
  assert.equal(captured[captured.length - 1].path, '/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
  assert.deepEqual(final.output.map((o) => o.type), ['reasoning', 'message', 'reasoning', 'function_call']);
  assert.equal(final.output_text, 'Let me check');
  const call = final.output[3];
  assert.ok(call.type === 'function_call');
  assert.deepEqual([call.call_id, call.name, JSON.parse(call.arguments)], ['call_s-1_0', 'get_weather', { city: 'Paris' }]);
  const signed = final.output[2];
  assert.ok(signed.type === 'reasoning');
  // The carried signature names Gemini as its signer (base64 of `switchyard-signed-by:gemini:::`).
  assert.equal(signed.encrypted_content, 'switchyard-signature:c3dpdGNoeWFyZC1zaWduZWQtYnk6Z2VtaW5pOjo6c2lnLTE=');
  assert.deepEqual(final.usage, { input_tokens: 20, input_tokens_details: { cached_tokens: 0 }, output_tokens: 25, output_tokens_details: { reasoning_tokens: 15 }, total_tokens: 45 });

  // The next turn sends those items back; the signature lands on its call again for Gemini.
  await client.responses.create({
    model: 'smart',
    input: [
      { role: 'user', content: 'Weather in Paris?' },
      ...final.output.map((item) => item as never),
      { type: 'function_call_output', call_id: call.call_id, output: '18C' },
    ],
  });
  const body = captured[captured.length - 1].body as { contents: Array<{ role: string; parts: unknown[] }> };
  assert.deepEqual(body.contents[1], {
    role: 'model',
    parts: [
      { text: 'Thinking it over', thought: true },
      { text: 'Let me check' },
      { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'c2lnLTE=' },
    ],
  });
  assert.deepEqual(body.contents[2], { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { output: '18C' } } }] });
});

test('openai SDK → Gemini upstream (whole response): parallel calls and cached tokens', async () => {
  const client = new OpenAI({ apiKey: 'k', baseURL: `${baseUrl}/v1`, maxRetries: 0 });
  const response = await client.responses.create({ model: 'smart', input: 'Temperatures in Paris and London?' });
  assert.equal(captured[captured.length - 1].path, '/models/gemini-2.5-flash:generateContent');
  const calls = response.output.filter((o) => o.type === 'function_call');
  assert.deepEqual(calls.map((c) => c.type === 'function_call' && c.call_id), ['call_r-2_0', 'call_r-2_1']);
  assert.equal(response.usage?.input_tokens_details.cached_tokens, 64);
  assert.equal(response.usage?.output_tokens_details.reasoning_tokens, 40);
});
