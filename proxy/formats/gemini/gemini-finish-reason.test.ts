import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FinishReason } from '../canonical';
import { finishReasonFromGemini, finishReasonToGemini } from './gemini-finish-reason';

const fromCases: Array<{ input: [string | undefined, boolean]; expected: FinishReason }> = [
  { input: ['STOP', false], expected: 'stop' },
  { input: ['STOP', true], expected: 'tool_calls' },
  { input: [undefined, true], expected: 'tool_calls' },
  { input: ['MAX_TOKENS', true], expected: 'length' },
  { input: ['SAFETY', false], expected: 'content_filter' },
  { input: ['RECITATION', false], expected: 'content_filter' },
  { input: ['PROHIBITED_CONTENT', false], expected: 'content_filter' },
  { input: ['MALFORMED_FUNCTION_CALL', false], expected: 'error' },
  { input: ['UNEXPECTED_TOOL_CALL', false], expected: 'error' },
  { input: ['OTHER', false], expected: 'error' },
  { input: ['SOMETHING_NEW', false], expected: 'stop' },
];

for (const c of fromCases) {
  test(`finishReasonFromGemini(${c.input.join(', ')}) = ${c.expected}`, () => {
    assert.equal(finishReasonFromGemini(...c.input), c.expected);
  });
}

const toCases: Array<{ input: FinishReason; expected: string }> = [
  { input: 'stop', expected: 'STOP' },
  { input: 'stop_sequence', expected: 'STOP' },
  { input: 'tool_calls', expected: 'STOP' },
  { input: 'length', expected: 'MAX_TOKENS' },
  { input: 'content_filter', expected: 'SAFETY' },
  { input: 'refusal', expected: 'SAFETY' },
  { input: 'error', expected: 'OTHER' },
];

for (const c of toCases) {
  test(`finishReasonToGemini(${c.input}) = ${c.expected}`, () => {
    assert.equal(finishReasonToGemini(c.input), c.expected);
  });
}
