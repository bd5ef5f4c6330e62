// One conversation, two provider families: a fallback route answers one turn with Gemini and the
// next with Anthropic (or the other way round). Each fake verifies reasoning signatures as its
// provider does (one it did not issue: 400), so the test proves a signature only ever goes back to
// the family that made it, and that its origin survives the round trip through official SDK clients.

import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, type Content } from '@google/genai';
import { startFakeAnthropic, type FakeAnthropic } from './fakes/fake-anthropic';
import { startFakeGemini, type FakeGemini } from './fakes/fake-gemini';
import { textReply, type ScriptedReply } from './fakes/scripted-reply';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';

const KEYS = { anthropic: 'an-upstream-key', gemini: 'gm-upstream-key' } as const;
/** Base64, as Gemini's bytes field is; the Anthropic one looks like Anthropic's. */
const GEMINI_SIGNATURE = 'Q2lRQmp6MXJYMWdlbWluaS1zaWc=';
const ANTHROPIC_SIGNATURE = 'RXFRQkNrZ0lBUkFCR0FJaVFMYW50aHJvcGljLXNpZw==';
const UNAVAILABLE: ScriptedReply = { parts: [], error: { status: 503, message: 'The service is currently unavailable.' } };

let anthropic: FakeAnthropic;
let gemini: FakeGemini;
let gateway: SpawnedGateway;

before(async () => {
  [anthropic, gemini] = await Promise.all([
    startFakeAnthropic({ apiKey: KEYS.anthropic, checkSignatures: true }),
    startFakeGemini({ apiKey: KEYS.gemini, checkSignatures: true }),
  ]);
  try {
    gateway = await spawnGateway({
      providers: [
        { id: 'an', kind: 'anthropic', baseUrl: `${anthropic.url}/v1`, apiKey: KEYS.anthropic },
        { id: 'gm', kind: 'gemini', baseUrl: `${gemini.url}/v1beta`, apiKey: KEYS.gemini },
      ],
      routes: [
        { name: 'gemini-first', strategy: 'fallback', targets: ['gm/gemini-3-pro', 'an/claude-sonnet-4-5'] },
        { name: 'claude-first', strategy: 'fallback', targets: ['an/claude-sonnet-4-5', 'gm/gemini-3-pro'] },
      ],
    });
  } catch (err) {
    await Promise.all([anthropic.close(), gemini.close()]);
    throw err;
  }
});
after(async () => {
  await gateway?.stop();
  await Promise.all([anthropic?.close(), gemini?.close()]);
});
beforeEach(() => {
  anthropic.reply = () => textReply('Hello from Claude.');
  gemini.reply = () => textReply('Hello from Gemini.');
});

const thinkThenCall = (signature: string): ScriptedReply => ({ parts: [{ reasoning: 'Look the weather up.', signature }, { call: { id: 'call_1', name: 'get_weather', args: { city: 'Rome' } } }] });

test('anthropic SDK: Gemini answered with a signed thought, Anthropic takes the next turn, Gemini the one after', async () => {
  const client = new Anthropic({ apiKey: 'unused-locally', baseURL: gateway.url, maxRetries: 0 });
  const tools: Anthropic.Tool[] = [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }];
  const thinking = { type: 'enabled', budget_tokens: 2048 } as const;
  gemini.reply = () => thinkThenCall(GEMINI_SIGNATURE);
  const first = await client.messages.create({ model: 'gemini-first', max_tokens: 4096, thinking, tools, messages: [{ role: 'user', content: 'Weather in Rome?' }] });
  // Gemini signs the call; the signature reaches the client in a thinking block of its own.
  const block = first.content.find((b) => b.type === 'thinking' && b.signature !== '');
  assert.ok(block && block.type === 'thinking', 'the signature reaches the client in a thinking block');
  const call = first.content.find((b) => b.type === 'tool_use');
  assert.ok(call && call.type === 'tool_use');

  const history: Anthropic.MessageParam[] = [
    { role: 'user', content: 'Weather in Rome?' },
    { role: 'assistant', content: first.content },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '18C, sunny' }] },
  ];
  // Gemini is down: the route falls back to Anthropic, which must not see Gemini's signature.
  gemini.reply = () => UNAVAILABLE;
  anthropic.reply = () => textReply('Rome: 18C and sunny.');
  const seenByAnthropic = anthropic.requests.length;
  const second = await client.messages.stream({ model: 'gemini-first', max_tokens: 4096, thinking, tools, messages: history }).finalMessage();
  assert.deepEqual(second.content.map((b) => (b.type === 'text' ? b.text : b.type)), ['Rome: 18C and sunny.']);
  const sent = anthropic.requests.slice(seenByAnthropic).at(-1)!.body;
  const assistant = sent.messages.find((m: { role: string }) => m.role === 'assistant');
  assert.deepEqual(assistant.content.map((b: { type: string }) => b.type), ['tool_use'], 'reasoning Gemini signed is left out, like unsigned reasoning');
  // The client holds Gemini's signature behind a marker naming Gemini.
  assert.notEqual(block.signature, GEMINI_SIGNATURE, 'a foreign signature is marked for the client');
  assert.ok(block.signature.endsWith(GEMINI_SIGNATURE), 'and carried whole');

  // Gemini is back: its own signature goes back to it unmarked, on the call it signed.
  gemini.reply = () => textReply('Still sunny.');
  const third = await client.messages.create({ model: 'gemini-first', max_tokens: 4096, thinking, tools, messages: history });
  assert.deepEqual(third.content.map((b) => (b.type === 'text' ? b.text : b.type)), ['Still sunny.']);
  const model = gemini.requests.at(-1)!.body.contents.find((c: { role: string }) => c.role === 'model');
  const signed = model.parts.find((p: { functionCall?: unknown }) => p.functionCall);
  assert.equal(signed.thoughtSignature, GEMINI_SIGNATURE);
});

test('genai SDK: Anthropic answered with signed thinking, Gemini takes the next turn, Anthropic the one after', async () => {
  const ai = new GoogleGenAI({ apiKey: 'unused-locally', httpOptions: { baseUrl: gateway.url } });
  const config = { tools: [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } } } }] }], thinkingConfig: { includeThoughts: true, thinkingBudget: 2048 }, maxOutputTokens: 4096 };
  anthropic.reply = () => thinkThenCall(ANTHROPIC_SIGNATURE);
  const first = await ai.models.generateContent({ model: 'claude-first', contents: 'Weather in Rome?', config });
  const content = first.candidates![0]!.content!;
  const signature = content.parts!.map((p) => p.thoughtSignature).find((s) => s !== undefined);
  assert.ok(signature !== undefined, 'the signature reaches the client');

  const history: Content[] = [
    { role: 'user', parts: [{ text: 'Weather in Rome?' }] },
    content,
    { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { output: '18C, sunny' } } }] },
  ];
  anthropic.reply = () => UNAVAILABLE;
  gemini.reply = () => textReply('Rome: 18C and sunny.');
  const second = await ai.models.generateContent({ model: 'claude-first', contents: history, config });
  assert.equal(second.text, 'Rome: 18C and sunny.');
  const model = gemini.requests.at(-1)!.body.contents.find((c: { role: string }) => c.role === 'model');
  assert.deepEqual(model.parts.map((p: { thoughtSignature?: string }) => p.thoughtSignature).filter(Boolean), ['skip_thought_signature_validator'], 'Anthropic\'s signature is left out; the call gets the documented skip value');
  assert.ok(signature !== undefined && signature !== ANTHROPIC_SIGNATURE && signature.endsWith(ANTHROPIC_SIGNATURE), `a marked signature, got ${signature}`);
  assert.equal(Buffer.from(signature, 'base64').toString('base64'), signature, 'the marked signature is still valid base64');

  anthropic.reply = () => textReply('Still sunny.');
  const third = await ai.models.generateContent({ model: 'claude-first', contents: history, config });
  assert.equal(third.text, 'Still sunny.');
  const assistant = anthropic.requests.at(-1)!.body.messages.find((m: { role: string }) => m.role === 'assistant');
  const thinkingBlock = assistant.content.find((b: { type: string }) => b.type === 'thinking');
  assert.equal(thinkingBlock?.signature, ANTHROPIC_SIGNATURE, 'Anthropic gets its own signature back unmarked');
});

test('anthropic SDK countTokens: thinking another family signed is left out of the count Anthropic gets, its own is sent as it is', async () => {
  const client = new Anthropic({ apiKey: 'unused-locally', baseURL: gateway.url, maxRetries: 0 });
  const tools: Anthropic.Tool[] = [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }];
  const thinking = { type: 'enabled', budget_tokens: 2048 } as const;
  const historyAfter = (content: Anthropic.ContentBlock[]): Anthropic.MessageParam[] => {
    const call = content.find((b) => b.type === 'tool_use');
    assert.ok(call && call.type === 'tool_use');
    return [
      { role: 'user', content: 'Weather in Rome?' },
      { role: 'assistant', content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '18C, sunny' }] },
    ];
  };
  gemini.reply = () => thinkThenCall(GEMINI_SIGNATURE);
  const fromGemini = historyAfter((await client.messages.create({ model: 'gemini-first', max_tokens: 4096, thinking, tools, messages: [{ role: 'user', content: 'Weather in Rome?' }] })).content);
  anthropic.reply = () => thinkThenCall(ANTHROPIC_SIGNATURE);
  const fromAnthropic = historyAfter((await client.messages.create({ model: 'claude-first', max_tokens: 4096, thinking, tools, messages: [{ role: 'user', content: 'Weather in Rome?' }] })).content);
  const unsigned = fromAnthropic.map((m) => (m.role === 'assistant' && Array.isArray(m.content) ? { ...m, content: m.content.map((b) => (b.type === 'thinking' ? { ...b, signature: '' } : b)) } : m));

  const rows: Array<{ name: string; messages: Anthropic.MessageParam[]; expected: { assistantBlocks: string[]; signature?: string } }> = [
    { name: "Gemini's signature, marked", messages: fromGemini, expected: { assistantBlocks: ['tool_use'] } },
    { name: 'no signature', messages: unsigned, expected: { assistantBlocks: ['tool_use'] } },
    { name: "Anthropic's own signature", messages: fromAnthropic, expected: { assistantBlocks: ['thinking', 'tool_use'], signature: ANTHROPIC_SIGNATURE } },
  ];
  for (const [i, row] of rows.entries()) {
    anthropic.countTokens = 300 + i;
    const counted = await client.messages.countTokens({ model: 'claude-first', thinking, tools, messages: row.messages });
    assert.equal(counted.input_tokens, 300 + i, row.name);
    const sent = anthropic.requests.at(-1)!;
    assert.equal(sent.path, '/v1/messages/count_tokens', row.name);
    const assistant = sent.body.messages.find((m: { role: string }) => m.role === 'assistant');
    assert.deepEqual(assistant.content.map((b: { type: string }) => b.type), row.expected.assistantBlocks, row.name);
    assert.equal(assistant.content.find((b: { type: string }) => b.type === 'thinking')?.signature, row.expected.signature, row.name);
    // Everything but the refused reasoning is the client's own: tools, thinking, no max_tokens.
    assert.deepEqual([sent.body.model, sent.body.thinking, sent.body.tools, 'max_tokens' in sent.body], ['claude-sonnet-4-5', thinking, tools, false], row.name);
  }
});
