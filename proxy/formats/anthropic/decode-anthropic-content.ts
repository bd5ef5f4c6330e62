// Anthropic content blocks (system, message and tool_result content) → canonical parts.

import { GatewayError } from '../../errors';
import { readSignature } from '../signature-origin';
import type { CacheHint, ImagePart, ImageSource, Part, TextPart } from '../canonical';
import { expectArray, expectObject, expectString, optionalBoolean, optionalString, type JsonObject } from '../openai-chat/json-fields';

/**
 * A `cache_control` object on a block (or tool) asks for a prompt-cache breakpoint after it; its
 * `ttl` is kept, so a re-encoded request caches for as long as the client asked.
 */
export function decodeCacheHint(block: JsonObject, path: string): CacheHint {
  if (block.cache_control === undefined || block.cache_control === null) return {};
  const control = expectObject(block.cache_control, `${path}.cache_control`);
  const ttl = optionalString(control.ttl, `${path}.cache_control.ttl`);
  return ttl === undefined ? { cache: true } : { cache: true, cacheTtl: ttl };
}

export function decodeSystem(raw: unknown, path = 'system'): TextPart[] {
  if (typeof raw === 'string') return raw === '' ? [] : [{ type: 'text', text: raw }];
  return expectArray(raw, path).map((item, i) => decodeTextBlock(expectObject(item, `${path}[${i}]`), `${path}[${i}]`));
}

function decodeTextBlock(block: JsonObject, path: string): TextPart {
  if (block.type !== 'text') throw new GatewayError('invalid_request', `'${path}.type' must be 'text'`);
  return { type: 'text', text: expectString(block.text, `${path}.text`), ...decodeCacheHint(block, path) };
}

function decodeImageBlock(block: JsonObject, path: string): ImagePart {
  const source = expectObject(block.source, `${path}.source`);
  let image: ImageSource;
  if (source.type === 'base64') {
    image = { kind: 'base64', mediaType: expectString(source.media_type, `${path}.source.media_type`), data: expectString(source.data, `${path}.source.data`) };
  } else if (source.type === 'url') {
    image = { kind: 'url', url: expectString(source.url, `${path}.source.url`) };
  } else {
    throw new GatewayError('unsupported', `'${path}.source.type' '${String(source.type)}' is not supported; use base64 or url`);
  }
  return { type: 'image', source: image, ...decodeCacheHint(block, path) };
}

/** Message content: a string, or blocks of text, image, tool_use, tool_result, thinking. */
export function decodeMessageContent(raw: unknown, path: string, role: 'user' | 'assistant'): Part[] {
  if (typeof raw === 'string') return [{ type: 'text', text: raw }];
  return expectArray(raw, path).map((item, i) => decodeBlock(expectObject(item, `${path}[${i}]`), `${path}[${i}]`, role));
}

function decodeBlock(block: JsonObject, path: string, role: 'user' | 'assistant'): Part {
  const type = expectString(block.type, `${path}.type`);
  switch (type) {
    case 'text':
      return decodeTextBlock(block, path);
    case 'image':
      return decodeImageBlock(block, path);
    case 'tool_use': {
      requireRole(role, 'assistant', path, type);
      const input = block.input === undefined ? {} : expectObject(block.input, `${path}.input`);
      return { type: 'tool_call', id: expectString(block.id, `${path}.id`), name: expectString(block.name, `${path}.name`), arguments: JSON.stringify(input) };
    }
    case 'tool_result': {
      requireRole(role, 'user', path, type);
      const part: Part = { type: 'tool_result', callId: expectString(block.tool_use_id, `${path}.tool_use_id`), content: decodeToolResultContent(block.content, `${path}.content`) };
      if (optionalBoolean(block.is_error, `${path}.is_error`)) part.isError = true;
      return { ...part, ...decodeCacheHint(block, path) };
    }
    case 'thinking': {
      requireRole(role, 'assistant', path, type);
      const part: Part = { type: 'reasoning', text: expectString(block.thinking, `${path}.thinking`) };
      const signature = optionalString(block.signature, `${path}.signature`);
      // Unmarked: Anthropic's own; marked: another family's, handed out in a translated answer.
      if (signature) Object.assign(part, readSignature(signature, 'anthropic'));
      return part;
    }
    case 'redacted_thinking':
      requireRole(role, 'assistant', path, type);
      return { type: 'reasoning', text: '', redacted: expectString(block.data, `${path}.data`) };
    default:
      throw new GatewayError('unsupported', `'${path}.type' '${type}' is not supported; use text, image, tool_use, tool_result, thinking or redacted_thinking`);
  }
}

function decodeToolResultContent(raw: unknown, path: string): Array<TextPart | ImagePart> {
  if (raw === undefined || raw === null) return [];
  if (typeof raw === 'string') return [{ type: 'text', text: raw }];
  return expectArray(raw, path).map((item, i) => {
    const block = expectObject(item, `${path}[${i}]`);
    if (block.type === 'text') return decodeTextBlock(block, `${path}[${i}]`);
    if (block.type === 'image') return decodeImageBlock(block, `${path}[${i}]`);
    throw new GatewayError('unsupported', `'${path}[${i}].type' '${String(block.type)}' is not supported in a tool result; use text or image`);
  });
}

function requireRole(actual: string, expected: string, path: string, type: string): void {
  if (actual !== expected) throw new GatewayError('invalid_request', `'${path}': ${type} blocks may only appear in ${expected} messages`);
}
