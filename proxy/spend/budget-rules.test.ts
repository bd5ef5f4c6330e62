// The admission rule, period windows, threshold events, worst-case cost and allowed-model rules.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admitsCharge } from './budget-ledger';
import { windowOf } from './budget-period';
import { thresholdEvents } from './budget-alerts';
import { maxTokensFromBody, worstCaseUsd } from './worst-case-cost';
import { compileModelMatcher } from './model-matcher';

const admitRows = [
  { name: 'fits under the limit', input: { limit: 1, spent: 0.5, reserved: 0.2, outstanding: 2, usd: 0.3 }, expected: true },
  { name: 'would pass the limit while others are in flight', input: { limit: 1, spent: 0.5, reserved: 0.2, outstanding: 2, usd: 0.31 }, expected: false },
  { name: 'the one request allowed past the limit when nothing is in flight', input: { limit: 1, spent: 0.9, reserved: 0, outstanding: 0, usd: 0.5 }, expected: true },
  { name: 'spent budget refuses even a free request', input: { limit: 1, spent: 1, reserved: 0, outstanding: 0, usd: 0 }, expected: false },
  { name: 'overspent budget refuses', input: { limit: 1, spent: 1.2, reserved: 0, outstanding: 0, usd: 0.01 }, expected: false },
  { name: 'zero budget refuses everything', input: { limit: 0, spent: 0, reserved: 0, outstanding: 0, usd: 0 }, expected: false },
  { name: 'float sums that equal the limit fit', input: { limit: 0.3, spent: 0.1, reserved: 0.1, outstanding: 1, usd: 0.1 }, expected: true },
];

for (const row of admitRows) {
  test(`admitsCharge: ${row.name}`, () => {
    const { limit, spent, reserved, outstanding, usd } = row.input;
    assert.equal(admitsCharge(limit, spent, reserved, outstanding, usd), row.expected);
  });
}

const at = Date.parse('2026-03-31T23:59:59.999Z');
const windowRows = [
  { name: 'day is the UTC calendar day', input: 'day' as const, expected: { key: '2026-03-31', from: Date.parse('2026-03-31T00:00:00Z'), to: Date.parse('2026-04-01T00:00:00Z') } },
  { name: 'month is the UTC calendar month', input: 'month' as const, expected: { key: '2026-03', from: Date.parse('2026-03-01T00:00:00Z'), to: Date.parse('2026-04-01T00:00:00Z') } },
  { name: 'total never ends', input: 'total' as const, expected: { key: 'total', from: 0, to: Number.MAX_SAFE_INTEGER } },
];
for (const row of windowRows) {
  test(`windowOf: ${row.name}`, () => assert.deepEqual(windowOf(row.input, at), row.expected));
}

test('windowOf: December rolls into next year', () => {
  assert.equal(windowOf('month', Date.parse('2026-12-15T00:00:00Z')).to, Date.parse('2027-01-01T00:00:00Z'));
});

const scope = { kind: 'client' as const, name: 'ci', limitUsd: 10, period: 'day' as const, alerts: [50, 80, 100] };
const thresholdRows = [
  { name: 'one crossing', input: { before: 4, after: 5.5 }, expected: [50] },
  { name: 'several at once', input: { before: 4, after: 12 }, expected: [50, 80, 100] },
  { name: 'landing exactly on a threshold counts', input: { before: 7, after: 8 }, expected: [80] },
  { name: 'already past: nothing new', input: { before: 8.5, after: 9 }, expected: [] },
  { name: 'no spend: nothing', input: { before: 5, after: 5 }, expected: [] },
];
for (const row of thresholdRows) {
  test(`thresholdEvents: ${row.name}`, () => {
    const events = thresholdEvents([{ scope, windowKey: '2026-03-31', beforeUsd: row.input.before, afterUsd: row.input.after }], at);
    assert.deepEqual(events.map((e) => e.percent), row.expected);
    for (const e of events) {
      assert.equal(e.kind, 'budget_threshold');
      assert.equal(e.dedupeKey, `budget_threshold|client|ci|day|2026-03-31|${e.percent}`);
    }
  });
}

const maxTokenRows = [
  { name: 'chat max_tokens', input: ['openai-chat', { max_tokens: 100 }], expected: 100 },
  { name: 'chat max_completion_tokens wins', input: ['openai-chat', { max_tokens: 100, max_completion_tokens: 300 }], expected: 300 },
  { name: 'chat n multiplies the output', input: ['openai-chat', { max_tokens: 100, n: 3 }], expected: 300 },
  { name: 'chat without a cap', input: ['openai-chat', {}], expected: undefined },
  { name: 'responses max_output_tokens', input: ['openai-responses', { max_output_tokens: 64 }], expected: 64 },
  { name: 'anthropic max_tokens', input: ['anthropic', { max_tokens: 1024 }], expected: 1024 },
  { name: 'gemini maxOutputTokens × candidateCount', input: ['gemini', { generationConfig: { maxOutputTokens: 50, candidateCount: 2 } }], expected: 100 },
  { name: 'embeddings produce no output', input: ['openai-embeddings', {}], expected: 0 },
] as const;
for (const row of maxTokenRows) {
  test(`maxTokensFromBody: ${row.name}`, () => assert.equal(maxTokensFromBody(row.input[0], row.input[1] as Record<string, unknown>), row.expected));
}

const worstRows = [
  { name: 'input and output at list price', input: { price: { input: 2, output: 8 }, bound: { inputTokens: 1000, outputTokens: 500 } }, expected: (1000 * 2 + 500 * 8) / 1e6 },
  { name: 'cache writes dearer than input set the input rate', input: { price: { input: 3, output: 15, cacheWrite: 3.75, cachedInput: 0.3 }, bound: { inputTokens: 1000, outputTokens: 0 } }, expected: 1000 * 3.75 / 1e6 },
  { name: 'a reasoning price dearer than output sets the output rate', input: { price: { input: 0.15, output: 0.6, reasoningOutput: 3.5 }, bound: { inputTokens: 0, outputTokens: 1000 } }, expected: 1000 * 3.5 / 1e6 },
  { name: 'per-request fee added', input: { price: { input: 0, output: 0, perRequest: 0.005 }, bound: { inputTokens: 10, outputTokens: 10 } }, expected: 0.005 },
];
for (const row of worstRows) {
  test(`worstCaseUsd: ${row.name}`, () => assert.ok(Math.abs(worstCaseUsd(row.input.price, row.input.bound) - row.expected) < 1e-15));
}

const matcher = compileModelMatcher(['smart', 'alpha/*', 'beta/m-*-v2']);
const matcherRows = [
  { name: 'a listed route', input: { model: 'smart', targets: ['gamma/x'] }, expected: true },
  { name: 'a provider glob', input: { model: 'alpha/m-large', targets: ['alpha/m-large'] }, expected: true },
  { name: 'a glob inside the model id', input: { model: 'beta/m-small-v2', targets: ['beta/m-small-v2'] }, expected: true },
  { name: 'glob anchored at both ends', input: { model: 'beta/m-small-v2x', targets: ['beta/m-small-v2x'] }, expected: false },
  { name: 'another provider', input: { model: 'beta/m-backup', targets: ['beta/m-backup'] }, expected: false },
  { name: 'an unlisted route whose targets are all allowed', input: { model: 'cheap', targets: ['alpha/a', 'alpha/b'] }, expected: true },
  { name: 'an unlisted route with one disallowed target', input: { model: 'mixed', targets: ['alpha/a', 'beta/b'] }, expected: false },
  { name: 'dots are literal', input: { model: 'alphaX/m', targets: ['alphaX/m'] }, expected: false },
];
for (const row of matcherRows) {
  test(`allowedModels: ${row.name}`, () => assert.equal(matcher.allows(row.input.model, row.input.targets), row.expected));
}
