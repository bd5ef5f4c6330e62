// Client formats by name: the API a request arrived in decides how it is decoded and answered.

import type { ClientFormatName } from './canonical';
import type { ClientFormat } from './client-format';
import { openaiChatInterimFormat } from './openai-chat-interim';

const FORMATS: Partial<Record<ClientFormatName, ClientFormat<any>>> = {
  'openai-chat': openaiChatInterimFormat,
};

export function clientFormat(name: ClientFormatName): ClientFormat<any> {
  const format = FORMATS[name];
  if (!format) throw new Error(`client format ${name} is not registered`);
  return format;
}
