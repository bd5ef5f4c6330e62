// Responses API `input` items → canonical messages (https://platform.openai.com/docs/api-reference/responses/create#responses-create-input).
// System and developer messages move to the canonical system prompt, in order; consecutive items
// of one role become one message, so a tool call joins the assistant text before it.

import { GatewayError } from '../../errors';
import type { ImagePart, Message, Part, TextPart } from '../canonical';
import { parseDataUrl } from '../gemini/parse-data-url';
import { decodeReasoningCarrier } from './reasoning-carrier';

export interface DecodedInput {
  messages: Message[];
  system: TextPart[];
}

export function decodeResponsesInput(input: unknown, extras: Record<string, unknown>): DecodedInput {
  if (typeof input === 'string') return { messages: [{ role: 'user', parts: [{ type: 'text', text: input }] }], system: [] };
  if (!Array.isArray(input)) throw new GatewayError('invalid_request', 'input must be a string or an array of items');
  const messages: Message[] = [];
  const system: TextPart[] = [];
  input.forEach((item: unknown, i) => {
    const path = `input[${i}]`;
    if (!isObject(item)) throw new GatewayError('invalid_request', `${path} must be an object`);
    const type = item.type ?? 'message';
    if (type === 'message' && (item.role === 'system' || item.role === 'developer')) {
      system.push(...readContent(item.content, `${path}.content`, extras).map((p) => requireText(p, path)));
      return;
    }
    const decoded = readItem(item, type, path, extras);
    if (!decoded) return;
    const last = messages[messages.length - 1];
    if (last?.role === decoded.role) last.parts.push(...decoded.parts);
    else messages.push(decoded);
  });
  return { messages, system };
}

function readItem(item: Record<string, unknown>, type: unknown, path: string, extras: Record<string, unknown>): Message | undefined {
  switch (type) {
    case 'message': {
      if (item.role !== 'user' && item.role !== 'assistant') throw new GatewayError('invalid_request', `${path}.role must be user, assistant, system or developer`);
      return { role: item.role, parts: readContent(item.content, `${path}.content`, extras) };
    }
    case 'function_call': {
      const callId = requireString(item.call_id, `${path}.call_id`);
      const name = requireString(item.name, `${path}.name`);
      const args = typeof item.arguments === 'string' ? item.arguments : '{}';
      return { role: 'assistant', parts: [{ type: 'tool_call', id: callId, name, arguments: args }] };
    }
    case 'function_call_output': {
      const callId = requireString(item.call_id, `${path}.call_id`);
      const content = typeof item.output === 'string' ? [{ type: 'text' as const, text: item.output }] : readContent(item.output, `${path}.output`, extras);
      const results = content.filter((p): p is TextPart | ImagePart => p.type === 'text' || p.type === 'image');
      return { role: 'user', parts: [{ type: 'tool_result', callId, content: results }] };
    }
    case 'reasoning': {
      const part = readReasoning(item, path);
      return part ? { role: 'assistant', parts: [part] } : undefined;
    }
    default:
      // item_reference and built-in tool calls need OpenAI's stored state or tools: no canonical home.
      extras[path] = { type };
      return undefined;
  }
}

function readReasoning(item: Record<string, unknown>, path: string): Part | undefined {
  const texts = (list: unknown, kind: string): string[] =>
    Array.isArray(list) ? list.filter((s) => isObject(s) && s.type === kind && typeof s.text === 'string').map((s) => s.text as string) : [];
  // Raw reasoning text, where a provider gave it, is richer than its summary.
  const content = texts(item.content, 'reasoning_text');
  const text = (content.length > 0 ? content : texts(item.summary, 'summary_text')).join('\n\n');
  if (item.encrypted_content !== undefined && item.encrypted_content !== null && typeof item.encrypted_content !== 'string') {
    throw new GatewayError('invalid_request', `${path}.encrypted_content must be a string`);
  }
  const carried = typeof item.encrypted_content === 'string' ? decodeReasoningCarrier(item.encrypted_content) : {};
  // With neither text nor state another provider can use, the item is simply not part of the history.
  if (text === '' && carried.signature === undefined && carried.redacted === undefined) return undefined;
  return { type: 'reasoning', text, ...carried };
}

function readContent(content: unknown, path: string, extras: Record<string, unknown>): Part[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw new GatewayError('invalid_request', `${path} must be a string or an array`);
  const parts: Part[] = [];
  content.forEach((part: unknown, j) => {
    const partPath = `${path}[${j}]`;
    if (!isObject(part)) throw new GatewayError('invalid_request', `${partPath} must be an object`);
    switch (part.type) {
      case 'input_text':
      case 'output_text':
        parts.push({ type: 'text', text: requireString(part.text, `${partPath}.text`) });
        break;
      case 'refusal':
        parts.push({ type: 'text', text: requireString(part.refusal, `${partPath}.refusal`) });
        break;
      case 'input_image': {
        const image = readImage(part, partPath, extras);
        if (image) parts.push(image);
        break;
      }
      default:
        // input_file and input_audio have no canonical part.
        extras[partPath] = { type: part.type };
    }
  });
  return parts;
}

function readImage(part: Record<string, unknown>, path: string, extras: Record<string, unknown>): ImagePart | undefined {
  if (typeof part.image_url !== 'string') {
    // A file_id points into OpenAI's file store, which only OpenAI can read.
    extras[`${path}.file_id`] = part.file_id;
    return undefined;
  }
  const inline = parseDataUrl(part.image_url);
  const image: ImagePart = { type: 'image', source: inline ? { kind: 'base64', mediaType: inline.mediaType, data: inline.data } : { kind: 'url', url: part.image_url } };
  if (typeof part.detail === 'string') image.detail = part.detail;
  return image;
}

function requireText(part: Part, path: string): TextPart {
  if (part.type !== 'text') throw new GatewayError('invalid_request', `${path}: system and developer messages may hold only text`);
  return part;
}

function requireString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new GatewayError('invalid_request', `${path} must be a string`);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
