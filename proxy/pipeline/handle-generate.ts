// The road every generation request travels, whatever its format:
// authenticate → read and decode → resolve the route → admit (allowed model, rate limit, budget
// reserve) → attempts → answer (JSON or stream) → settle → record.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClientFormat } from '../formats/client-format';
import { GatewayError, toGatewayError } from '../errors';
import type { Gateway } from '../gateway/gateway';
import { describeRequest } from '../routing/request-facts';
import { selectRoute } from '../routing/select-route';
import { runRoute } from '../routing/run-route';
import { watchClient } from './watch-client';
import { assertNotPaused, authenticate } from './authenticate';
import { parseJsonObject, readBody } from './read-body';
import { RequestTrace } from './request-trace';
import { sendAttempt, type AttemptResult } from './send-attempt';
import { deliverJson } from './deliver-json';
import { deliverStream } from './deliver-stream';
import { sendError } from './send-error';
import { scrubSecrets } from './scrub-secrets';
import { forwardedClientHeaders } from './forwarded-headers';
import type { Admission } from '../spend/spend-control';
import { endAfterCommit } from './commit-before-end';
import { optimizerFor } from '../optimize/gateway-optimizer';
import type { RequestOptimization } from '../optimize/request-optimization';
import { replayCachedAnswer } from '../optimize/replay-cached-answer';

export interface GenerateHints {
  model?: string;
  stream?: boolean;
}

export async function handleGenerate(gateway: Gateway, req: IncomingMessage, res: ServerResponse, format: ClientFormat<any>, hints?: GenerateHints, url?: URL): Promise<void> {
  const trace = new RequestTrace();
  const runtime = gateway.runtime;
  let status = 500;
  let failure: GatewayError | undefined;
  let admission: Admission | undefined;
  // The response's final write, held until the request's row is crash-safe (commit-before-end.ts).
  let finalWrite: (() => void) | undefined;
  const end = (write: () => void) => {
    finalWrite = write;
  };
  let optimization: RequestOptimization | undefined;
  try {
    const client = authenticate(gateway.spend.clients, req, gateway.openWithoutKeys, url);
    trace.client = client?.name ?? null;
    assertNotPaused(gateway.paused);
    const raw = await readBody(req, gateway.maxBodyBytes);
    const body = parseJsonObject(raw);
    const request = format.decodeRequest(body, hints);
    trace.model = request.model;
    trace.stream = request.stream;
    const facts = describeRequest({ format: format.name, request, body, bodyBytes: raw.length, client: trace.client, headers: req.headers });
    const route = selectRoute(runtime, facts);
    // Watched from before admission, which may wait on a shared ledger: a client gone by then gets no upstream call.
    const presence = watchClient(res);
    admission = await gateway.spend.admit({ runtime, client, route, format: format.name, body, bodyBytes: raw.length, maxTokens: request.maxTokens });
    const clientHeaders = forwardedClientHeaders(req, format.name);
    // Budgets may have ruled some targets out (a provider over its own budget): route over the rest.
    const admitted = { ...route, targets: admission.targets };
    const optimizing = optimizerFor(gateway).begin(runtime.config, { client: trace.client, route: route.name, targets: route.targets, request, clientHeaders });
    optimization = optimizing;
    const cached = optimizing.lookup();
    if (cached) {
      status = replayCachedAnswer(res, format, trace, cached, body, end);
      return;
    }
    status = await runRoute({ state: gateway.routing, runtime, route: admitted, facts, stream: request.stream, trace, client: presence }, {
      send: async (target, account, cancel) => {
        const attempt = await sendAttempt(gateway.upstream, { format, request, body, raw, target, clientHeaders, secret: account.secret, cancel, optimize: optimizing.attempt });
        trace.upstreamMs += performance.now() - attempt.sentAt;
        return attempt;
      },
      deliver: (attempt: AttemptResult, target) => {
        const capture = optimizing.delivering(attempt.applied, target, attempt.mode.kind === 'passthrough');
        return request.stream ? deliverStream(gateway, trace, res, format, attempt, body, end, capture) : deliverJson(gateway, trace, res, format, attempt, end, capture);
      },
      committed: () => res.headersSent,
      statusOf: (attempt) => attempt.response.status,
    });
  } catch (err) {
    failure = toGatewayError(err);
    status = failure.status;
    if (failure.kind === 'internal') logInternalFailure(gateway, trace.id, err, failure);
    // A stream that failed midway has already composed its ending.
    if (!finalWrite) sendError(res, format, failure, trace, end);
  } finally {
    gateway.spend.finish(admission, trace, runtime);
    gateway.record(trace, format.name, status, failure);
    optimization?.settle({ requestId: trace.id, status, target: trace.target, usage: trace.usage, costUsd: trace.costUsd });
    if (finalWrite) endAfterCommit(gateway, finalWrite);
  }
}

/**
 * Our own bug, logged by what was thrown (a stream's internal error wraps it as its cause). Its
 * message may quote data an upstream sent (a JSON.parse excerpt, say): provider keys are scrubbed.
 */
function logInternalFailure(gateway: Gateway, requestId: string, err: unknown, failure: GatewayError): void {
  const thrown = failure.cause instanceof Error ? failure.cause : err instanceof Error ? err : failure;
  const secrets = [...gateway.runtime.providers.values()].flatMap((provider) => provider.scrubSecrets);
  gateway.log.error({ requestId, kind: failure.kind, err: { name: thrown.name, message: scrubSecrets(thrown.message, secrets) } }, 'request failed inside the gateway');
}

export function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
