// Cohere v2 Chat ⇄ internal request. SSE-framed; every event names its own `type`.

import type { ProviderCodec } from '../codec';
import { classifyCohereError, decodeCohereResponse, mapCohereUsage } from './decode-cohere-response';
import { type CohereStreamState, decodeCohereStreamFrame, initialCohereStreamState } from './decode-cohere-stream';
import { encodeCohereRequest } from './encode-cohere-request';

export const cohereCodec: ProviderCodec<CohereStreamState> = {
  wire: 'cohere',
  framing: 'sse',
  encodeRequest: encodeCohereRequest,
  decodeResponse: decodeCohereResponse,
  initialStreamState: initialCohereStreamState,
  decodeStreamFrame: decodeCohereStreamFrame,
  classifyError: classifyCohereError,
  usageFromResponse: (body) => mapCohereUsage((body as { usage?: unknown } | null)?.usage),
};
