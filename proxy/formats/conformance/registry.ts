// Every client format and provider codec the conformance table runs. Plain arrays, one per kind,
// so other formats and codecs are added by appending a line.

import type { ProviderCodec } from '../../providers/codec';
import { anthropicCodec } from '../../providers/anthropic/anthropic-codec';
import { openaiCodec } from '../../providers/openai/openai-codec';
import { geminiCodec } from '../../providers/gemini/gemini-codec';
import type { ClientFormatName, WireFormat } from '../canonical';
import type { ClientFormat } from '../client-format';
import { anthropicFormat } from '../anthropic/anthropic-format';
import { openaiChatFormat } from '../openai-chat/openai-chat-format';
import { geminiFormat } from '../gemini/gemini-format';
import { openaiResponsesFormat } from '../openai-responses/openai-responses-format';
import { responsesClient } from './responses-client';

/** Each entry has its own stream-state type, hence `any`. */
export const clientFormats: Array<ClientFormat<any>> = [openaiChatFormat, anthropicFormat, geminiFormat, openaiResponsesFormat];

export const providerCodecs: Array<ProviderCodec<any>> = [openaiCodec, anthropicCodec, geminiCodec];

/**
 * A client format and a provider wire that carry the same bytes. In the conformance table the
 * codec plays the client (writes its requests, reads our responses) and the format plays the
 * upstream (reads the codec's requests, writes the provider's responses).
 */
export const wirePairs: Array<{ format: ClientFormatName; wire: WireFormat }> = [
  { format: 'openai-chat', wire: 'openai' },
  { format: 'anthropic', wire: 'anthropic' },
  { format: 'gemini', wire: 'gemini' },
];

/** A wire whose losses normalize-for-wire knows: the provider wires, and the Responses API (a client-only wire). */
export type LossWire = WireFormat | 'openai-responses';

/**
 * Client formats no provider speaks to us, so no provider codec can play their client: a test-only
 * client writes their requests and reads our answers. They run as clients only, never as upstreams.
 */
export const clientOnlyFormats: Array<{ format: ClientFormatName; client: ProviderCodec<any>; wire: LossWire }> = [
  { format: 'openai-responses', client: responsesClient, wire: 'openai-responses' },
];
