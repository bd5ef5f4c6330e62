// The corpus table: every real (and marked-synthetic) tool output goes through compressToolOutput
// with the command that produced it, and every fact recorded for it must survive verbatim.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compressToolOutput } from './compress-tool-output';
import { loadToolOutputFixtures } from './load-fixtures';

const fixtures = loadToolOutputFixtures();

test('corpus: at least 40 fixtures across the issue families', () => {
  assert.ok(fixtures.length >= 40, `only ${fixtures.length} fixtures`);
  const families = new Set(fixtures.map((f) => f.family));
  for (const family of ['git', 'node-test', 'pytest', 'cargo-test', 'jest', 'vitest', 'mocha', 'go-test', 'tsc', 'gcc', 'rustc', 'eslint', 'npm', 'pip', 'search', 'listing', 'logs', 'json', 'file-read']) {
    assert.ok(families.has(family), `no fixture for ${family}`);
  }
});

for (const fixture of fixtures) {
  test(`corpus ${fixture.id}: every fact survives`, () => {
    const result = compressToolOutput(fixture.output, { command: fixture.command });
    const lost = fixture.facts.filter((fact) => !result.text.includes(fact));
    assert.deepEqual(lost, [], `${lost.length} of ${fixture.facts.length} facts lost`);
    assert.ok(result.text.length <= fixture.output.length, 'output grew');
    assert.equal(result.changed, result.text !== fixture.output);
    // Deterministic, so provider prompt caches keep hitting on resent history.
    assert.equal(compressToolOutput(fixture.output, { command: fixture.command }).text, result.text);
  });
}

for (const fixture of fixtures.filter((f) => f.family !== 'file-read')) {
  test(`corpus ${fixture.id}: every fact survives when only the output is known`, () => {
    const result = compressToolOutput(fixture.output, {});
    const lost = fixture.facts.filter((fact) => !result.text.includes(fact));
    assert.deepEqual(lost, [], `${lost.length} of ${fixture.facts.length} facts lost (recognised as ${result.family})`);
  });
}

for (const fixture of fixtures.filter((f) => f.family === 'file-read')) {
  test(`corpus ${fixture.id}: a file read is returned byte for byte`, () => {
    const result = compressToolOutput(fixture.output, { command: fixture.command });
    assert.equal(result.text, fixture.output);
    assert.equal(result.family, 'file-read');
    assert.equal(result.changed, false);
  });
}

test('corpus: file reads through Read tools are never changed, whatever the content looks like', () => {
  const diff = fixtures.find((f) => f.id === 'git/diff-worktree');
  assert.ok(diff);
  for (const toolName of ['Read', 'read_file', 'view', 'str_replace_based_edit_tool', 'mcp__filesystem__read_text_file', 'Edit', 'apply_patch']) {
    const result = compressToolOutput(diff.output, { toolName });
    assert.equal(result.text, diff.output, toolName);
  }
});

test('corpus: overall token-relevant size drops by at least a third', () => {
  let before = 0;
  let after = 0;
  for (const f of fixtures.filter((x) => x.family !== 'file-read')) {
    before += f.output.length;
    after += compressToolOutput(f.output, { command: f.command }).text.length;
  }
  assert.ok(after / before < 0.67, `only ${(100 * (1 - after / before)).toFixed(1)}% of characters removed`);
});
