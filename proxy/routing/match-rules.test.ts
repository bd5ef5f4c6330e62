import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RuleConfig } from '../config/schema';
import { compileRules, findMatchingRule, globToRegExp } from './match-rules';
import type { RequestFacts } from './request-facts';

const facts = (over: Partial<RequestFacts> = {}): RequestFacts => ({
  estimatedPromptTokens: 1000,
  maxOutputTokens: undefined,
  hasTools: false,
  hasImages: false,
  client: 'ci',
  model: 'gpt-4o-mini',
  headers: {},
  ...over,
});

const rule = (when: RuleConfig['when'], route = 'r'): RuleConfig => ({ when, route });

const rows: Array<{ name: string; when: RuleConfig['when']; facts: RequestFacts; expected: boolean }> = [
  { name: 'empty condition matches everything', when: {}, facts: facts(), expected: true },
  { name: 'client by name', when: { client: 'ci' }, facts: facts(), expected: true },
  { name: 'client from a list', when: { client: ['bot', 'ci'] }, facts: facts(), expected: true },
  { name: 'other client', when: { client: 'bot' }, facts: facts(), expected: false },
  { name: 'anonymous request never matches a client condition', when: { client: 'ci' }, facts: facts({ client: null }), expected: false },
  { name: 'model glob with *', when: { model: 'gpt-4o*' }, facts: facts(), expected: true },
  { name: 'model glob is anchored', when: { model: '4o' }, facts: facts(), expected: false },
  { name: 'model glob with ?', when: { model: 'gpt-4?-mini' }, facts: facts(), expected: true },
  { name: 'model glob dots are literal', when: { model: 'gpt.4o-mini' }, facts: facts(), expected: false },
  { name: 'min prompt tokens inclusive', when: { minPromptTokens: 1000 }, facts: facts(), expected: true },
  { name: 'below min prompt tokens', when: { minPromptTokens: 1001 }, facts: facts(), expected: false },
  { name: 'above max prompt tokens', when: { maxPromptTokens: 999 }, facts: facts(), expected: false },
  { name: 'tools wanted and present', when: { hasTools: true }, facts: facts({ hasTools: true }), expected: true },
  { name: 'no tools wanted but present', when: { hasTools: false }, facts: facts({ hasTools: true }), expected: false },
  { name: 'images present', when: { hasImages: true }, facts: facts({ hasImages: true }), expected: true },
  { name: 'header value, name case-insensitive', when: { header: { name: 'X-Team', value: 'search' } }, facts: facts({ headers: { 'x-team': 'search' } }), expected: true },
  { name: 'header value differs', when: { header: { name: 'x-team', value: 'search' } }, facts: facts({ headers: { 'x-team': 'ads' } }), expected: false },
  { name: 'header absent', when: { header: { name: 'x-team', value: 'search' } }, facts: facts(), expected: false },
  { name: 'header pattern', when: { header: { name: 'user-agent', pattern: '^claude-cli/' } }, facts: facts({ headers: { 'user-agent': 'claude-cli/1.0.3' } }), expected: true },
  { name: 'all conditions must hold', when: { client: 'ci', hasTools: true }, facts: facts({ hasTools: false }), expected: false },
];
for (const row of rows) {
  test(`rules: ${row.name}`, () => {
    const [compiled] = compileRules([rule(row.when)]);
    assert.equal(findMatchingRule([compiled!], row.facts) !== undefined, row.expected);
  });
}

test('rules: the first matching rule wins', () => {
  const compiled = compileRules([
    { when: { hasImages: true }, route: 'vision' },
    { when: { minPromptTokens: 50_000 }, route: 'long' },
    { when: {}, target: 'local/llama' },
  ]);
  assert.equal(findMatchingRule(compiled, facts({ hasImages: true, estimatedPromptTokens: 90_000 }))!.route, 'vision');
  assert.equal(findMatchingRule(compiled, facts({ estimatedPromptTokens: 90_000 }))!.route, 'long');
  assert.equal(findMatchingRule(compiled, facts())!.target, 'local/llama');
  assert.equal(findMatchingRule([], facts()), undefined);
});

test('globToRegExp escapes regex syntax', () => {
  assert.ok(globToRegExp('a+b(c)*').test('a+b(c)xyz'));
  assert.ok(!globToRegExp('a+b').test('aab'));
});
