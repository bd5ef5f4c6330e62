import { test } from 'node:test';
import assert from 'node:assert/strict';
import { passthroughFor } from './passthrough';
import type { ClientFormatName, WireFormat } from '../formats/canonical';
import type { SseFrame } from '../providers/codec';

const frame = (data: string, event?: string): SseFrame => ({ ...(event ? { event } : {}), data, raw: `${event ? `event: ${event}\n` : ''}data: ${data}\n\n` });

/**
 * What a pass-through's scan says of one frame: finished, the provider's error (and whether it is
 * malformed: not what the client's SDK reads as an error, so replaced), or broken.
 */
const cases: Array<{ name: string; format: ClientFormatName; wire: WireFormat; input: SseFrame; expected: { finished: boolean; error: boolean; broken: boolean; drop: boolean; malformed?: boolean } }> = [
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
  { name: 'OpenAI: an error that is a number', format: 'openai-chat', wire: 'openai', input: frame('{"error": 42}'), expected: { finished: true, error: true, broken: false, drop: true, malformed: true } },
  { name: 'OpenAI: an error that is null', format: 'openai-chat', wire: 'openai', input: frame('{"error":null}'), expected: { finished: true, error: true, broken: false, drop: true, malformed: true } },
  { name: 'OpenAI: an error that is a string (Ollama)', format: 'openai-chat', wire: 'openai', input: frame('{"error":"model is loading"}'), expected: { finished: true, error: true, broken: false, drop: true, malformed: true } },
  { name: 'OpenAI: an error object without a message', format: 'openai-chat', wire: 'openai', input: frame('{"error":{"code":500}}'), expected: { finished: true, error: true, broken: false, drop: true, malformed: true } },
  { name: 'OpenAI: an error frame that is not JSON', format: 'openai-chat', wire: 'openai', input: frame('{"error": {"message": }'), expected: { finished: false, error: false, broken: true, drop: true } },
  { name: 'Anthropic: an error event that is not JSON', format: 'anthropic', wire: 'anthropic', input: frame('overloaded', 'error'), expected: { finished: false, error: false, broken: true, drop: true } },
  { name: 'Anthropic: an error event without data', format: 'anthropic', wire: 'anthropic', input: frame('', 'error'), expected: { finished: true, error: true, broken: false, drop: true, malformed: true } },
  { name: 'Anthropic: an error event whose data is a number', format: 'anthropic', wire: 'anthropic', input: frame('42', 'error'), expected: { finished: true, error: true, broken: false, drop: true, malformed: true } },
  { name: 'Anthropic: an error event without an error object', format: 'anthropic', wire: 'anthropic', input: frame('{"type":"error"}', 'error'), expected: { finished: true, error: true, broken: false, drop: true, malformed: true } },
  { name: 'Anthropic: an error event whose error is a string', format: 'anthropic', wire: 'anthropic', input: frame('{"type":"error","error":"busy"}', 'error'), expected: { finished: true, error: true, broken: false, drop: true, malformed: true } },
  { name: 'Anthropic: an error without its type', format: 'anthropic', wire: 'anthropic', input: frame('{"type":"error","error":{"message":"busy"}}', 'error'), expected: { finished: true, error: true, broken: false, drop: true, malformed: true } },
  { name: 'Anthropic: an error without the event name (its SDK would not see it)', format: 'anthropic', wire: 'anthropic', input: frame('{"type":"error","error":{"type":"overloaded_error","message":"busy"}}'), expected: { finished: true, error: true, broken: false, drop: true, malformed: true } },
  { name: 'Gemini: an error that is a number', format: 'gemini', wire: 'gemini', input: frame('{"error": 42}'), expected: { finished: true, error: true, broken: false, drop: true, malformed: true } },
  { name: 'Gemini: an error without a code (its SDK would take it for an answer chunk)', format: 'gemini', wire: 'gemini', input: frame('{"error":{"message":"busy","status":"UNAVAILABLE"}}'), expected: { finished: true, error: true, broken: false, drop: true, malformed: true } },
  { name: 'Gemini: an error whose code is no error status', format: 'gemini', wire: 'gemini', input: frame('{"error":{"code":200,"message":"busy"}}'), expected: { finished: true, error: true, broken: false, drop: true, malformed: true } },
  { name: 'Gemini: JSON with a part our decoder cannot read (a call without a name) fails the stream', format: 'gemini', wire: 'gemini', input: frame('{"candidates":[{"content":{"parts":[{"functionCall":{"name":5}}]}}]}'), expected: { finished: false, error: false, broken: true, drop: true } },
  { name: 'Gemini: a part that is no object fails the stream', format: 'gemini', wire: 'gemini', input: frame('{"candidates":[{"content":{"parts":[42]}}]}'), expected: { finished: false, error: false, broken: true, drop: true } },
  { name: 'Gemini: the provider\'s error frame with its error field not first', format: 'gemini', wire: 'gemini', input: frame('{"modelVersion":"m","error":{"code":503,"message":"busy","status":"UNAVAILABLE"}}'), expected: { finished: true, error: true, broken: false, drop: false } },
  { name: 'Gemini: a chunk cut short', format: 'gemini', wire: 'gemini', input: frame('{"candidates": [{"content": {"parts": [{"text": "lo'), expected: { finished: false, error: false, broken: true, drop: true } },
];

for (const c of cases) {
  test(`passthrough scan: ${c.name}`, () => {
    const passthrough = passthroughFor(c.format, c.wire)!;
    const scan = passthrough.scanFrame(passthrough.initialScanState(), c.input, false);
    const seen = { finished: scan.finished === true, error: scan.error !== undefined, broken: scan.broken !== undefined, drop: scan.drop, malformed: scan.malformedError === true };
    assert.deepEqual(seen, { ...c.expected, malformed: c.expected.malformed ?? false });
  });
}
