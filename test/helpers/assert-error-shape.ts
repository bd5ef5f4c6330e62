// The error body of each client API (contract §3): OpenAI `{"error":{"message","type","code"}}`,
// Anthropic `{"type":"error","error":{"type","message"}}`, Gemini `{"error":{"code","message","status"}}`.

import assert from 'node:assert/strict';

export type ErrorShape = 'openai' | 'anthropic' | 'gemini';

/** Asserts the error body has the API's own shape (contract §3). */
export function assertErrorShape(shape: ErrorShape, status: number, text: string, context: string): void {
  let body: any;
  assert.doesNotThrow(() => (body = JSON.parse(text)), `${context}: error body is not JSON: ${text.slice(0, 200)}`);
  if (shape === 'anthropic') {
    assert.equal(body.type, 'error', context);
    assert.equal(typeof body.error?.type, 'string', context);
    assert.equal(typeof body.error?.message, 'string', context);
  } else if (shape === 'gemini') {
    assert.equal(body.error?.code, status, context);
    assert.equal(typeof body.error?.message, 'string', context);
    assert.equal(typeof body.error?.status, 'string', context);
  } else {
    assert.equal(typeof body.error?.message, 'string', context);
    assert.equal(typeof body.error?.type, 'string', context);
    assert.ok('code' in body.error, context);
  }
}
