// Gemini parts ⇄ canonical parts, shared by the Gemini client format (requests in, responses out)
// and the Gemini provider codec (requests out, responses in).
// Thought signatures (https://ai.google.dev/gemini-api/docs/thought-signatures) may sit on any part.
// Canonically a signature on a non-thought part travels as an empty reasoning part right before it,
// and goes back onto that next part on the way out.
// A signature another family made is marked for Gemini clients and left out for Gemini upstreams
// (see signature-origin.ts).

import { GatewayError } from '../../errors';
import type { ImagePart, ImageSource, Part, ReasoningPart, TextPart } from '../canonical';
import { parseDataUrl } from './parse-data-url';
import { markSignature, readSignature, signatureFor } from '../signature-origin';
import type { GeminiFunctionCall, GeminiFunctionResponse, GeminiPart } from './gemini-wire';

export interface ReadPartsOptions {
  /** JSON path of the parts array, used to name fields in extras and errors. */
  path: string;
  callId(call: GeminiFunctionCall, index: number): string;
  resultId(response: GeminiFunctionResponse, index: number): string;
  /** Parts with no canonical home are recorded here under their path. */
  extras: Record<string, unknown>;
}

const KNOWN_PART_KEYS = new Set(['text', 'thought', 'thoughtSignature', 'inlineData', 'fileData', 'functionCall', 'functionResponse']);

export function readGeminiParts(parts: GeminiPart[], options: ReadPartsOptions): Part[] {
  const out: Part[] = [];
  parts.forEach((part, index) => {
    const path = `${options.path}[${index}]`;
    if (!isObject(part)) throw new GatewayError('invalid_request', `${path} must be an object`);
    for (const key of Object.keys(part)) if (!KNOWN_PART_KEYS.has(key)) options.extras[`${path}.${key}`] = part[key];
    const signed = typeof part.thoughtSignature === 'string' ? readSignature(part.thoughtSignature, 'gemini') : undefined;
    if (part.thought === true) {
      appendThought(out, part.text ?? '', signed);
      return;
    }
    const parsed = readContentPart(part, path, index, options);
    if (parsed === undefined) return;
    if (signed !== undefined) out.push({ type: 'reasoning', text: '', ...signed });
    out.push(parsed);
  });
  return out;
}

/** Consecutive thought parts are one run of reasoning; a run's signature arrives on its last part. */
function appendThought(out: Part[], text: string, signed: Pick<ReasoningPart, 'signature' | 'signedBy'> | undefined): void {
  const last = out[out.length - 1];
  if (last?.type === 'reasoning' && last.signature === undefined && last.redacted === undefined) {
    last.text += text;
    if (signed !== undefined) Object.assign(last, signed);
    return;
  }
  out.push({ type: 'reasoning', text, ...signed });
}

function readContentPart(part: GeminiPart, path: string, index: number, options: ReadPartsOptions): Part | undefined {
  if (typeof part.text === 'string') return { type: 'text', text: part.text };
  if (part.inlineData) {
    const { mimeType, data } = part.inlineData;
    if (typeof mimeType !== 'string' || typeof data !== 'string') throw new GatewayError('invalid_request', `${path}.inlineData needs mimeType and data`);
    if (!mimeType.startsWith('image/')) {
      options.extras[`${path}.inlineData`] = { mimeType };
      return undefined;
    }
    return { type: 'image', source: { kind: 'base64', mediaType: mimeType, data } };
  }
  if (part.fileData) {
    const { mimeType, fileUri } = part.fileData;
    if (typeof fileUri !== 'string') throw new GatewayError('invalid_request', `${path}.fileData.fileUri must be a string`);
    if (typeof mimeType === 'string' && !mimeType.startsWith('image/')) {
      options.extras[`${path}.fileData`] = { mimeType, fileUri };
      return undefined;
    }
    return { type: 'image', source: { kind: 'url', url: fileUri } };
  }
  if (part.functionCall) {
    const call = part.functionCall;
    if (typeof call.name !== 'string') throw new GatewayError('invalid_request', `${path}.functionCall.name must be a string`);
    return { type: 'tool_call', id: options.callId(call, index), name: call.name, arguments: JSON.stringify(call.args ?? {}) };
  }
  if (part.functionResponse) {
    const response = part.functionResponse;
    if (typeof response.name !== 'string') throw new GatewayError('invalid_request', `${path}.functionResponse.name must be a string`);
    return { type: 'tool_result', callId: options.resultId(response, index), name: response.name, ...readFunctionResponse(response.response) };
  }
  // A part with only unknown fields was already recorded in extras.
  return undefined;
}

/** Gemini's convention: `{output}` on success, `{error}` on failure; anything else is the JSON itself. */
function readFunctionResponse(response: Record<string, unknown> | undefined): { content: TextPart[]; isError?: boolean } {
  if (response === undefined) return { content: [] };
  const keys = Object.keys(response);
  if (keys.length === 1 && (keys[0] === 'output' || keys[0] === 'error')) {
    const value = response[keys[0]];
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return keys[0] === 'error' ? { content: [{ type: 'text', text }], isError: true } : { content: [{ type: 'text', text }] };
  }
  return { content: [{ type: 'text', text: JSON.stringify(response) }] };
}

export interface WritePartsOptions {
  /** The function name of an earlier call, for tool results that don't carry one. */
  nameOf(callId: string): string | undefined;
  /** Clients get our call ids back; Gemini upstreams match calls by order and get none. */
  includeCallIds: boolean;
  /** Clients get other families' signatures behind a marker; upstreams get only Gemini's own. */
  forClient: boolean;
}

export function writeGeminiParts(written: Part[], options: WritePartsOptions): GeminiPart[] {
  const parts = written.map((part) => (part.type === 'reasoning' && part.signature !== undefined ? withGeminiSignature(part, options.forClient) : part));
  const out: GeminiPart[] = [];
  let pendingSignature: string | undefined;
  parts.forEach((part, index) => {
    if (part.type === 'reasoning') {
      if (part.text === '') {
        if (part.signature === undefined) return; // another provider's redacted reasoning: opaque to Gemini
        const next = parts[index + 1];
        if (next !== undefined && next.type !== 'reasoning') {
          pendingSignature = part.signature;
          return;
        }
        const previous = out[out.length - 1];
        if (previous !== undefined && previous.thought !== true && previous.thoughtSignature === undefined) {
          previous.thoughtSignature = part.signature;
          return;
        }
      }
      // Formats that keep a signature inside its reasoning block (Anthropic's thinking) lose where
      // Gemini put it; Gemini signs the first function call of a step, so that is where it goes back.
      if (part.signature !== undefined && parts[index + 1]?.type === 'tool_call') {
        out.push({ text: part.text, thought: true });
        pendingSignature = part.signature;
        return;
      }
      out.push(part.signature === undefined ? { text: part.text, thought: true } : { text: part.text, thought: true, thoughtSignature: part.signature });
      return;
    }
    const written = writeContentPart(part, options);
    if (pendingSignature !== undefined && written.length > 0) written[0].thoughtSignature = pendingSignature;
    pendingSignature = undefined;
    out.push(...written);
  });
  return out;
}

/** The signature as this Gemini reader may hold it; none when an upstream would be handed a foreign one. */
function withGeminiSignature(part: ReasoningPart, toClient: boolean): ReasoningPart {
  const { signature, signedBy, ...rest } = part;
  const held = toClient ? markSignature(signature!, signedBy, 'gemini') : signatureFor(part, 'gemini');
  return held === undefined ? rest : { ...rest, signature: held };
}

function writeContentPart(part: Exclude<Part, { type: 'reasoning' }>, options: WritePartsOptions): GeminiPart[] {
  switch (part.type) {
    case 'text':
      return [{ text: part.text }];
    case 'image':
      return [writeImage(part.source)];
    case 'tool_call': {
      const call: GeminiFunctionCall = { name: part.name, args: parseArguments(part.arguments, part.name) };
      if (options.includeCallIds) call.id = part.id;
      return [{ functionCall: call }];
    }
    case 'tool_result': {
      const name = part.name ?? options.nameOf(part.callId);
      if (name === undefined) throw new GatewayError('invalid_request', `tool result ${part.callId} matches no earlier tool call, so its function name is unknown`);
      const text = part.content.filter((c): c is TextPart => c.type === 'text').map((c) => c.text).join('\n');
      const response: GeminiFunctionResponse = { name, response: part.isError ? { error: text } : { output: text } };
      if (options.includeCallIds) response.id = part.callId;
      // Images a tool returned follow its response as ordinary parts of the same turn.
      const images = part.content.filter((c): c is ImagePart => c.type === 'image').map((c) => writeImage(c.source));
      return [{ functionResponse: response }, ...images];
    }
  }
}

function writeImage(source: ImageSource): GeminiPart {
  if (source.kind === 'base64') return { inlineData: { mimeType: source.mediaType, data: source.data } };
  const inline = parseDataUrl(source.url);
  if (inline) return { inlineData: { mimeType: inline.mediaType, data: inline.data } };
  const mimeType = guessImageMimeType(source.url);
  return { fileData: mimeType ? { mimeType, fileUri: source.url } : { fileUri: source.url } };
}

const EXTENSION_MIME: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', heic: 'image/heic', heif: 'image/heif' };

function guessImageMimeType(url: string): string | undefined {
  const path = url.split(/[?#]/, 1)[0];
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : EXTENSION_MIME[path.slice(dot + 1).toLowerCase()];
}

function parseArguments(text: string, name: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new GatewayError('invalid_request', `arguments of tool call ${name} are not valid JSON`);
  }
  if (!isObject(value)) throw new GatewayError('invalid_request', `arguments of tool call ${name} must be a JSON object`);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
