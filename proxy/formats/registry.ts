// Client formats by name: the API a request arrived in decides how it is decoded and answered.

import type { ClientFormatName } from './canonical';
import type { ClientFormat } from './client-format';
import { openaiChatFormat } from './openai-chat/openai-chat-format';
import { anthropicFormat } from './anthropic/anthropic-format';
import { openaiResponsesFormat } from './openai-responses/openai-responses-format';
import { geminiFormat } from './gemini/gemini-format';

const FORMATS: Partial<Record<ClientFormatName, ClientFormat<any>>> = {
  'openai-chat': openaiChatFormat,
  anthropic: anthropicFormat,
  'openai-responses': openaiResponsesFormat,
  gemini: geminiFormat,
};

export function findClientFormat(name: ClientFormatName): ClientFormat<any> | undefined {
  return FORMATS[name];
}

export function clientFormat(name: ClientFormatName): ClientFormat<any> {
  const format = FORMATS[name];
  if (!format) throw new Error(`client format ${name} is not registered`);
  return format;
}

/** Which API a path belongs to, so even a refusal or a 404 answers in that API's error shape. */
export function formatNameForPath(path: string): ClientFormatName {
  if (path.startsWith('/v1/messages')) return 'anthropic';
  if (path.startsWith('/v1beta/') || path.includes(':generateContent') || path.includes(':streamGenerateContent')) return 'gemini';
  if (path.startsWith('/v1/responses')) return 'openai-responses';
  return 'openai-chat';
}

/** The error renderer for a path: its own format's when registered, else OpenAI's. */
export function formatForPath(path: string): ClientFormat<any> {
  return findClientFormat(formatNameForPath(path)) ?? clientFormat('openai-chat');
}
