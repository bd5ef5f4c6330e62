// POST /v1/embeddings: OpenAI's embeddings API, passed through to OpenAI-wire providers.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError, toGatewayError } from '../errors';
import type { Gateway } from '../gateway/gateway';
import { resolveModel } from '../gateway/runtime';
import { clientFormat } from '../formats/registry';
import { authorizeRequest } from '../providers/auth/authorize';
import { openaiUsage } from './passthrough';
import { authenticate } from './authenticate';
import { parseJsonObject, readBody } from './read-body';
import { RequestTrace } from './request-trace';
import { readUpstreamBody } from './read-upstream-body';
import { switchyardHeaders } from './switchyard-headers';
import { classifyUpstreamStatus } from './classify-upstream-status';
import { scrubSecrets } from './scrub-secrets';
import { round } from './handle-generate';
import type { Admission } from '../spend/spend-control';
import { endAfterCommit } from './commit-before-end';

export async function handleEmbeddings(gateway: Gateway, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const trace = new RequestTrace();
  let status = 500;
  let failure: GatewayError | undefined;
  let finalWrite: (() => void) | undefined;
  let admission: Admission | undefined;
  const runtime = gateway.runtime;
  try {
    const client = authenticate(gateway.spend.clients, req, gateway.openWithoutKeys);
    trace.client = client?.name ?? null;
    const raw = await readBody(req, gateway.maxBodyBytes);
    const body = parseJsonObject(raw);
    if (typeof body.model !== 'string' || body.model === '') throw new GatewayError('invalid_request', '"model" must be a non-empty string');
    if (body.input === undefined) throw new GatewayError('invalid_request', '"input" is required');
    trace.model = body.model;
    const route = resolveModel(runtime, body.model);
    admission = await gateway.spend.admit({ runtime, client, route, format: 'openai-embeddings', body, bodyBytes: raw.length });
    let lastError: GatewayError | undefined;
    for (const target of admission.targets) {
      if (target.provider.wire !== 'openai') {
        lastError = new GatewayError('unsupported', `embeddings are only available from OpenAI-compatible providers; ${target.ref} speaks ${target.provider.wire}`);
        continue;
      }
      const started = performance.now();
      try {
        const payload = body.model === target.model ? raw : JSON.stringify({ ...body, model: target.model });
        const signed = await authorizeRequest(target.provider.auth, target.provider.secret, {
          method: 'POST', url: target.provider.baseUrl + '/embeddings', headers: { 'content-type': 'application/json', ...target.provider.headers }, body: payload.toString(),
        });
        const response = await gateway.upstream.send({ url: new URL(signed.url), method: 'POST', headers: signed.headers, body: payload, timeoutMs: target.provider.timeoutMs });
        const text = await readUpstreamBody(response.body, gateway.maxUpstreamBodyBytes);
        trace.upstreamMs += performance.now() - started;
        trace.attempts.push({ target: target.ref, status: response.status, latencyMs: round(performance.now() - started), error: response.status < 300 ? null : 'upstream_error' });
        if (response.status >= 300) {
          const scrubbed = scrubSecrets(text.toString(), [target.provider.secret]);
          let parsed: unknown;
          try { parsed = JSON.parse(scrubbed); } catch { parsed = undefined; }
          throw classifyUpstreamStatus(response.status, parsed, response.headers, scrubbed);
        }
        trace.target = target.ref;
        try {
          trace.usage = openaiUsage({ completion_tokens: 0, ...JSON.parse(text.toString()).usage });
        } catch {
          trace.usage = undefined;
        }
        trace.costUsd = gateway.costOf(target.ref, trace.usage);
        status = response.status;
        res.writeHead(status, { ...switchyardHeaders(trace), 'content-type': 'application/json', 'content-length': text.length });
        finalWrite = () => res.end(text);
        return;
      } catch (err) {
        lastError = toGatewayError(err);
        if (!trace.attempts.some((a) => a.target === target.ref)) trace.attempts.push({ target: target.ref, status: null, latencyMs: round(performance.now() - started), error: lastError.kind });
        if (lastError.status < 500 && lastError.kind !== 'rate_limited') break;
      }
    }
    throw lastError ?? new GatewayError('not_found', 'route has no targets');
  } catch (err) {
    failure = toGatewayError(err);
    status = failure.status;
    const rendered = clientFormat('openai-chat').renderError(failure);
    res.writeHead(status, { ...switchyardHeaders(trace), ...rendered.headers, 'content-type': 'application/json' });
    const out = JSON.stringify(rendered.body);
    finalWrite = () => res.end(out);
  } finally {
    gateway.spend.finish(admission, trace, runtime);
    gateway.record(trace, 'openai-embeddings', status, failure);
    // The answer leaves once its row is committed (commit-before-end.ts).
    if (finalWrite) endAfterCommit(gateway.store, gateway.log, finalWrite);
  }
}
