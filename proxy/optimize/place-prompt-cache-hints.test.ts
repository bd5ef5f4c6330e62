import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalRequest, Message } from '../formats/canonical';
import { placeAnthropicBreakpoints, promptCacheKey } from './place-prompt-cache-hints';
import { encodeAnthropicRequest } from '../providers/anthropic/encode-anthropic-request';
import { optimizeAttempt } from './optimize-attempt';

const user = (text: string): Message => ({ role: 'user', parts: [{ type: 'text', text }] });
const assistant = (text: string): Message => ({ role: 'assistant', parts: [{ type: 'text', text }] });
const req = (extra: Partial<CanonicalRequest>): CanonicalRequest => ({ model: 'claude', messages: [user('q')], stream: false, ...extra });

/** Where the breakpoints are: 'system' or 'm<index>.<part index>'. */
function marks(request: CanonicalRequest): string[] {
  const out: string[] = [];
  request.system?.forEach((p, i) => p.cache && out.push(`system.${i}`));
  request.messages.forEach((m, i) => m.parts.forEach((p, j) => 'cache' in p && p.cache && out.push(`m${i}.${j}`)));
  return out;
}

const rows: Array<{ name: string; input: CanonicalRequest; expected: string[] }> = [
  { name: 'one-shot with a system prompt: the system only', input: req({ system: [{ type: 'text', text: 'rules' }] }), expected: ['system.0'] },
  { name: 'one-shot without a system prompt: nothing', input: req({}), expected: [] },
  {
    name: 'a conversation: system end, previous turn end, newest turn end',
    input: req({ system: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }], messages: [user('1'), assistant('2'), user('3'), assistant('4'), user('5')] }),
    expected: ['system.1', 'm2.0', 'm4.0'],
  },
  {
    name: 'tool results: the last cacheable part of each marked message',
    input: req({
      messages: [
        user('run it'),
        { role: 'assistant', parts: [{ type: 'tool_call', id: 'c1', name: 'bash', arguments: '{}' }] },
        { role: 'user', parts: [{ type: 'tool_result', callId: 'c1', content: [{ type: 'text', text: 'out' }] }, { type: 'text', text: '' }] },
      ],
    }),
    expected: ['m0.0', 'm2.0'],
  },
  {
    name: 'the client placed its own: nothing added',
    input: req({ system: [{ type: 'text', text: 's', cache: true }], messages: [user('1'), assistant('2'), user('3')] }),
    expected: ['system.0'],
  },
  {
    name: 'the client placed its own on a tool: nothing added',
    input: req({ system: [{ type: 'text', text: 's' }], tools: [{ name: 'bash', parameters: {}, cache: true }], messages: [user('1'), assistant('2'), user('3')] }),
    expected: [],
  },
];

for (const row of rows) {
  test(`breakpoints: ${row.name}`, () => {
    const before = JSON.stringify(row.input);
    const { request, placed } = placeAnthropicBreakpoints(row.input);
    assert.deepEqual(marks(request), row.expected);
    assert.ok(placed <= 4);
    assert.equal(JSON.stringify(row.input), before, 'the input is never mutated');
  });
}

test('breakpoints reach the Anthropic body as cache_control', () => {
  const { request } = placeAnthropicBreakpoints(req({ system: [{ type: 'text', text: 'rules' }], messages: [user('1'), assistant('2'), user('3')] }));
  const body = encodeAnthropicRequest(request, 'claude-sonnet-4-5').body as any;
  assert.deepEqual(body.system, [{ type: 'text', text: 'rules', cache_control: { type: 'ephemeral' } }]);
  assert.deepEqual(body.messages[0].content, [{ type: 'text', text: '1', cache_control: { type: 'ephemeral' } }]);
  assert.deepEqual(body.messages[2].content, [{ type: 'text', text: '3', cache_control: { type: 'ephemeral' } }]);
  assert.equal(JSON.stringify(body).split('cache_control').length - 1, 3);
});

test('prompt_cache_key: stable across turns of one conversation, distinct per client and conversation', () => {
  const turn1 = req({ system: [{ type: 'text', text: 's' }], messages: [user('start')] });
  const turn2 = req({ system: [{ type: 'text', text: 's' }], messages: [user('start'), assistant('a'), user('more')] });
  assert.equal(promptCacheKey('ci', turn1), promptCacheKey('ci', turn2));
  assert.notEqual(promptCacheKey('ci', turn1), promptCacheKey('other', turn1));
  assert.notEqual(promptCacheKey('ci', turn1), promptCacheKey('ci', req({ system: [{ type: 'text', text: 's' }], messages: [user('another')] })));
  assert.match(promptCacheKey(null, turn1), /^sy-[0-9a-f]{32}$/);
});

const anthropic = { wire: 'anthropic' as const, kind: 'anthropic', entry: undefined };
const openai = { wire: 'openai' as const, kind: 'openai', entry: undefined };
const groq = { wire: 'openai' as const, kind: 'groq', entry: undefined };
const convo = req({ system: [{ type: 'text', text: 's' }], messages: [user('1')] });

const attempts = [
  { name: 'anthropic pass-through with hints: re-encoded with breakpoints', request: convo, plan: { anthropicBreakpoints: true }, provider: anthropic, passthrough: true, expected: { translate: true, breakpoints: 1, key: undefined } },
  { name: 'extras keep a same-format request as the client wrote it', request: { ...convo, extras: { 'anthropic.container': 'x' } }, plan: { anthropicBreakpoints: true }, provider: anthropic, passthrough: true, expected: { translate: false, breakpoints: 0, key: undefined } },
  { name: 'account hints alone do not hold back the optimisation', request: { ...convo, extras: { 'anthropic.service_tier': 'auto' } }, plan: { anthropicBreakpoints: true }, provider: anthropic, passthrough: true, expected: { translate: true, breakpoints: 1, key: undefined } },
  { name: 'OpenAI gets the key, no re-encoding', request: convo, plan: { anthropicBreakpoints: true, openaiCacheKey: 'sy-k' }, provider: openai, passthrough: true, expected: { translate: false, breakpoints: 0, key: 'sy-k' } },
  { name: 'OpenAI-compatible servers do not get the key', request: convo, plan: { anthropicBreakpoints: true, openaiCacheKey: 'sy-k' }, provider: groq, passthrough: true, expected: { translate: false, breakpoints: 0, key: undefined } },
];

for (const row of attempts) {
  test(`attempt: ${row.name}`, () => {
    const out = optimizeAttempt(row.request, row.plan, row.provider, row.passthrough);
    assert.deepEqual({ translate: out.translate, breakpoints: out.applied.breakpoints, key: out.applied.promptCacheKey }, row.expected);
  });
}
