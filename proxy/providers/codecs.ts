// Provider codecs by wire format: how the pipeline reaches a provider that speaks a different API.

import type { WireFormat } from '../formats/canonical';
import type { ProviderCodec } from './codec';
import { bedrockCodec } from './bedrock/bedrock-codec';
import { cohereCodec } from './cohere/cohere-codec';
import { geminiCodec } from './gemini/gemini-codec';
import { openaiCodec } from './openai/openai-codec';
import { anthropicCodec } from './anthropic/anthropic-codec';

const CODECS: Partial<Record<WireFormat, ProviderCodec<any>>> = {
  openai: openaiCodec,
  anthropic: anthropicCodec,
  bedrock: bedrockCodec,
  cohere: cohereCodec,
  gemini: geminiCodec,
};

export function codecFor(wire: WireFormat): ProviderCodec<any> | undefined {
  return CODECS[wire];
}
