import { test } from 'node:test';
import assert from 'node:assert/strict';
import { passthroughFor } from './passthrough';
import type { ClientFormatName, WireFormat } from '../formats/canonical';
import type { SseFrame } from '../providers/codec';

const frame = (data: string, event?: string): SseFrame => ({ ...(event ? { event } : {}), data, raw: `${event ? `event: ${event}\n` : ''}data: ${data}\n\n` });

/** What a pass-through's scan says of one frame: finished, the provider's error, or broken. */
const cases: Array<{ name: string; format: ClientFormatName; wire: WireFormat; input: SseFrame; expected: { finished: boolean; error: boolean; broken: boolean; drop: boolean } }> = [
  { name: 'OpenAI: a chunk', format: 'openai-chat', wire: 'openai', input: frame('{"choices":[{"index":0,"delta":{"content":"hi"}}]}'), expected: { finished: false, error: false, broken: false, drop: false } },
  { name: 'OpenAI: [DONE]', format: 'openai-chat', wire: 'openai', input: frame('[DONE]'), expected: { finished: true, error: false, broken: false, drop: false } },
  { name: 'OpenAI: an empty data line', format: 'openai-chat', wire: 'openai', input: frame(''), expected: { finished: false, error: false, broken: false, drop: false } },
  { name: 'OpenAI: the provider\'s error object', format: 'openai-chat', wire: 'openai', input: frame('{"error":{"message":"overloaded","type":"server_error"}}'), expected: { finished: true, error: true, broken: false, drop: false } },
  { name: 'OpenAI: a chunk cut short', format: 'openai-chat', wire: 'openai', input: frame('{"choices": [{"delta": {"content": "lo'), expected: { finished: false, error: false, broken: true, drop: true } },
  { name: 'OpenAI: a usage chunk that does not parse', format: 'openai-chat', wire: 'openai', input: frame('{"usage": {"prompt_tokens": 1,}}'), expected: { finished: false, error: false, broken: true, drop: true } },
  { name: 'OpenAI: a line of HTML', format: 'openai-chat', wire: 'openai', input: frame('<html>bad gateway</html>'), expected: { finished: false, error: false, broken: true, drop: true } },
  { name: 'Anthropic: the provider\'s error event', format: 'anthropic', wire: 'anthropic', input: frame('{"type":"error","error":{"type":"overloaded_error","message":"busy"}}', 'error'), expected: { finished: true, error: true, broken: false, drop: false } },
  { name: 'Anthropic: an event cut short', format: 'anthropic', wire: 'anthropic', input: frame('{"type":"content_block_delta","delta":{"text":"lo', 'content_block_delta'), expected: { finished: false, error: false, broken: true, drop: true } },
  { name: 'Anthropic: a ping without data', format: 'anthropic', wire: 'anthropic', input: frame('', 'ping'), expected: { finished: false, error: false, broken: false, drop: false } },
  { name: 'Gemini: the provider\'s error frame', format: 'gemini', wire: 'gemini', input: frame('{"error":{"code":503,"message":"busy","status":"UNAVAILABLE"}}'), expected: { finished: true, error: true, broken: false, drop: false } },
  { name: 'Gemini: a chunk cut short', format: 'gemini', wire: 'gemini', input: frame('{"candidates": [{"content": {"parts": [{"text": "lo'), expected: { finished: false, error: false, broken: true, drop: true } },
];

for (const c of cases) {
  test(`passthrough scan: ${c.name}`, () => {
    const passthrough = passthroughFor(c.format, c.wire)!;
    const scan = passthrough.scanFrame(passthrough.initialScanState(), c.input, false);
    assert.deepEqual({ finished: scan.finished === true, error: scan.error !== undefined, broken: scan.broken !== undefined, drop: scan.drop }, c.expected);
  });
}
