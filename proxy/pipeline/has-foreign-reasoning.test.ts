import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message, WireFormat } from '../formats/canonical';
import { hasForeignReasoning } from './has-foreign-reasoning';

const request = (messages: Message[]) => ({ model: 'm', stream: false, messages }) as never;
const assistant = (parts: Message['parts']): Message[] => [{ role: 'assistant', parts }];

const rows: Array<{ name: string; messages: Message[]; wire: WireFormat; unsignedRefused: boolean; expected: boolean }> = [
  { name: 'no thinking', messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }], wire: 'anthropic', unsignedRefused: true, expected: false },
  { name: 'thinking Anthropic signed, to Anthropic', messages: assistant([{ type: 'reasoning', text: 'hm', signature: 'sig', signedBy: 'anthropic' }]), wire: 'anthropic', unsignedRefused: true, expected: false },
  { name: 'signed thinking whose signer is unknown', messages: assistant([{ type: 'reasoning', text: 'hm', signature: 'sig' }]), wire: 'anthropic', unsignedRefused: true, expected: false },
  { name: 'redacted thinking', messages: assistant([{ type: 'reasoning', text: '', redacted: 'opaque' }]), wire: 'anthropic', unsignedRefused: true, expected: false },
  { name: 'thinking another provider produced, unsigned', messages: assistant([{ type: 'reasoning', text: 'hm' }, { type: 'text', text: 'ok' }]), wire: 'anthropic', unsignedRefused: true, expected: true },
  { name: 'thinking Gemini signed, to Anthropic', messages: assistant([{ type: 'reasoning', text: 'hm', signature: 'gsig', signedBy: 'gemini' }]), wire: 'anthropic', unsignedRefused: true, expected: true },
  { name: 'thinking Bedrock signed, to Anthropic: each wire is its own family', messages: assistant([{ type: 'reasoning', text: 'hm', signature: 'bsig', signedBy: 'bedrock' }]), wire: 'anthropic', unsignedRefused: true, expected: true },
  { name: 'unsigned thought, to Gemini', messages: assistant([{ type: 'reasoning', text: 'hm' }]), wire: 'gemini', unsignedRefused: false, expected: false },
  { name: 'thought Gemini signed, to Gemini', messages: assistant([{ type: 'reasoning', text: '', signature: 'gsig', signedBy: 'gemini' }]), wire: 'gemini', unsignedRefused: false, expected: false },
  { name: 'thinking Anthropic signed, to Gemini', messages: assistant([{ type: 'reasoning', text: 'hm', signature: 'sig', signedBy: 'anthropic' }]), wire: 'gemini', unsignedRefused: false, expected: true },
  { name: 'a user turn is never history to check', messages: [{ role: 'user', parts: [{ type: 'reasoning', text: 'hm', signature: 'gsig', signedBy: 'gemini' }] }], wire: 'anthropic', unsignedRefused: true, expected: false },
];

for (const row of rows) {
  test(`hasForeignReasoning: ${row.name}`, () => assert.equal(hasForeignReasoning(request(row.messages), row.wire, row.unsignedRefused), row.expected));
}
