// The road every generation request travels, whatever its format:
// authenticate → read and decode → resolve the route → attempts → answer (JSON or stream) → record.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClientFormat } from '../formats/client-format';
import { GatewayError, isRetryable, toGatewayError } from '../errors';
import type { Gateway } from '../gateway/gateway';
import { resolveModel, type Target } from '../gateway/runtime';
import { authenticate } from './authenticate';
import { parseJsonObject, readBody } from './read-body';
import { RequestTrace } from './request-trace';
import { sendAttempt, type AttemptResult } from './send-attempt';
import { deliverJson } from './deliver-json';
import { deliverStream } from './deliver-stream';
import { sendError } from './send-error';
import { forwardedClientHeaders } from './forwarded-headers';

export interface GenerateHints {
  model?: string;
  stream?: boolean;
}

export async function handleGenerate(gateway: Gateway, req: IncomingMessage, res: ServerResponse, format: ClientFormat<any>, hints?: GenerateHints, url?: URL): Promise<void> {
  const trace = new RequestTrace();
  const runtime = gateway.runtime;
  let status = 500;
  let failure: GatewayError | undefined;
  try {
    const client = authenticate(runtime, req, gateway.openWithoutKeys, url);
    trace.client = client?.name ?? null;
    const raw = await readBody(req, gateway.maxBodyBytes);
    const body = parseJsonObject(raw);
    const request = format.decodeRequest(body, hints);
    trace.model = request.model;
    trace.stream = request.stream;
    const route = resolveModel(runtime, request.model);
    const attempt = await runAttempts(gateway, trace, route.targets, (target) =>
      sendAttempt(gateway.upstream, { format, request, body, raw, target, clientHeaders: forwardedClientHeaders(req, format.name) }),
    );
    trace.upstreamMs += performance.now() - attempt.sentAt;
    status = request.stream
      ? await deliverStream(gateway, trace, res, format, attempt, body)
      : await deliverJson(gateway, trace, res, format, attempt);
    trace.costUsd = trace.target ? gateway.costOf(trace.target, trace.usage) : null;
  } catch (err) {
    failure = toGatewayError(err);
    status = failure.status;
    if (failure.kind === 'internal') gateway.log.error({ requestId: trace.id, err }, 'request failed inside the gateway');
    sendError(res, format, failure, trace);
  } finally {
    gateway.record(trace, format.name, status, failure);
  }
}

/** Tries the route's targets in order until one answers 2xx; retryable failures move on to the next. */
async function runAttempts(gateway: Gateway, trace: RequestTrace, targets: Target[], attempt: (target: Target) => Promise<AttemptResult>): Promise<AttemptResult> {
  let lastError: GatewayError | undefined;
  for (const target of targets) {
    const started = performance.now();
    try {
      const result = await attempt(target);
      trace.attempts.push({ target: target.ref, status: result.response.status, latencyMs: round(performance.now() - started), error: null });
      trace.target = target.ref;
      return result;
    } catch (err) {
      const error = toGatewayError(err);
      const elapsed = performance.now() - started;
      trace.upstreamMs += elapsed;
      trace.attempts.push({ target: target.ref, status: error.upstreamStatus ?? null, latencyMs: round(elapsed), error: error.kind });
      lastError = error;
      if (!isRetryable(error)) break;
    }
  }
  throw lastError ?? new GatewayError('not_found', 'route has no targets');
}

export function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
