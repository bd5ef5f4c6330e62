import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '../formats/canonical';
import { hasUnsignedThinking } from './has-unsigned-thinking';

const request = (messages: Message[]) => ({ model: 'm', stream: false, messages }) as never;

const rows: Array<{ name: string; messages: Message[]; expected: boolean }> = [
  { name: 'no thinking', messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }], expected: false },
  { name: 'signed thinking', messages: [{ role: 'assistant', parts: [{ type: 'reasoning', text: 'hm', signature: 'sig' }] }], expected: false },
  { name: 'redacted thinking', messages: [{ role: 'assistant', parts: [{ type: 'reasoning', text: '', redacted: 'opaque' }] }], expected: false },
  { name: 'thinking another provider produced', messages: [{ role: 'assistant', parts: [{ type: 'reasoning', text: 'hm' }, { type: 'text', text: 'ok' }] }], expected: true },
];

for (const row of rows) {
  test(`hasUnsignedThinking: ${row.name}`, () => assert.equal(hasUnsignedThinking(request(row.messages)), row.expected));
}
