// Bedrock Converse / ConverseStream ⇄ internal request. Streams arrive as AWS event-stream frames,
// unframed by EventStreamDecoder before they reach decodeStreamFrame.

import { randomUUID } from 'node:crypto';
import type { ProviderCodec } from '../codec';
import { classifyBedrockError } from './classify-bedrock-error';
import { decodeBedrockResponse, mapBedrockUsage } from './decode-bedrock-response';
import { type BedrockStreamState, decodeBedrockStreamFrame, endBedrockStream, initialBedrockStreamState } from './decode-bedrock-stream';
import { encodeBedrockRequest } from './encode-bedrock-request';

export const bedrockCodec: ProviderCodec<BedrockStreamState> = {
  wire: 'bedrock',
  framing: 'aws-eventstream',
  encodeRequest: encodeBedrockRequest,
  decodeResponse: decodeBedrockResponse,
  initialStreamState: () => initialBedrockStreamState(`bedrock-${randomUUID()}`),
  decodeStreamFrame: decodeBedrockStreamFrame,
  decodeStreamEnd: endBedrockStream,
  classifyError: classifyBedrockError,
  usageFromResponse: (body) => mapBedrockUsage((body as { usage?: unknown } | null)?.usage),
};

/** The regional runtime endpoint, e.g. https://bedrock-runtime.eu-west-1.amazonaws.com. */
export function bedrockBaseUrl(region: string): string {
  return `https://bedrock-runtime.${region}.amazonaws.com`;
}
