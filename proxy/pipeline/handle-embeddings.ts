// POST /v1/embeddings: OpenAI's embeddings API, passed through to OpenAI-wire providers, with the
// same routing (keys, breakers, failover), budgets and request log as generation.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError, toGatewayError } from '../errors';
import type { Gateway } from '../gateway/gateway';
import { resolveModel } from '../gateway/runtime';
import { clientFormat } from '../formats/registry';
import { runRoute } from '../routing/run-route';
import { watchClient } from './watch-client';
import type { UpstreamResponse } from '../upstream/upstream-client';
import type { Admission } from '../spend/spend-control';
import { openaiUsage } from './passthrough';
import { assertNotPaused, authenticate } from './authenticate';
import { parseJsonObject, readBody } from './read-body';
import { RequestTrace } from './request-trace';
import { readUpstreamAnswer } from './read-upstream-body';
import { withSwitchyardHeaders } from './switchyard-headers';
import { postToProvider } from './post-to-provider';
import { sendError } from './send-error';
import { endAfterCommit } from './commit-before-end';
import { scrubKnownSecretsInBody } from './scrub-secrets';

export async function handleEmbeddings(gateway: Gateway, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const trace = new RequestTrace();
  const format = clientFormat('openai-chat');
  const runtime = gateway.runtime;
  let status = 500;
  let failure: GatewayError | undefined;
  let admission: Admission | undefined;
  // The response's final write, held until the request's row is committed (commit-before-end.ts).
  let finalWrite: (() => void) | undefined;
  const end = (write: () => void) => {
    finalWrite = write;
  };
  try {
    const client = authenticate(gateway.spend.clients, req, gateway.openWithoutKeys);
    trace.client = client?.name ?? null;
    assertNotPaused(gateway.paused);
    const raw = await readBody(req, gateway.maxBodyBytes);
    const body = parseJsonObject(raw);
    if (typeof body.model !== 'string' || body.model === '') throw new GatewayError('invalid_request', '"model" must be a non-empty string');
    if (body.input === undefined) throw new GatewayError('invalid_request', '"input" is required');
    trace.model = body.model;
    const resolved = resolveModel(runtime, body.model);
    // Only OpenAI-wire providers serve this API; a mixed route uses those of its targets that do.
    const route = { ...resolved, targets: resolved.targets.filter((t) => t.provider.wire === 'openai') };
    if (route.targets.length === 0) throw new GatewayError('unsupported', `embeddings are only available from OpenAI-compatible providers; ${body.model} has none`);
    const presence = watchClient(res);
    admission = await gateway.spend.admit({ runtime, client, route, format: 'openai-embeddings', body, bodyBytes: raw.length });
    const facts = { estimatedPromptTokens: Math.ceil(raw.length / 4), maxOutputTokens: 0 };
    status = await runRoute({ state: gateway.routing, runtime, route: { ...route, targets: admission.targets }, facts, stream: false, trace, client: presence }, {
      send: async (target, account, cancel) => {
        const started = performance.now();
        const payload = body.model === target.model ? raw : JSON.stringify({ ...body, model: target.model });
        const response = await postToProvider(gateway.upstream, target, { path: '/embeddings', body: payload, headers: { 'content-type': 'application/json', ...target.provider.headers }, secret: account.secret, cancel });
        trace.upstreamMs += performance.now() - started;
        return response;
      },
      deliver: async (response: UpstreamResponse, target) => {
        const bodyStart = performance.now();
        // An upstream may quote the key it was sent even in a success body: the client never sees it.
        const text = scrubKnownSecretsInBody(await readUpstreamAnswer(response, gateway.maxUpstreamBodyBytes, target.ref), target.provider.scrubSecrets);
        trace.upstreamMs += performance.now() - bodyStart;
        try {
          trace.usage = openaiUsage({ completion_tokens: 0, ...JSON.parse(text.toString()).usage });
        } catch {
          trace.usage = undefined;
        }
        // OpenAI documents 200 for embeddings, whatever 2xx the upstream answered.
        res.writeHead(200, withSwitchyardHeaders(trace, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }));
        end(() => res.end(text));
        return 200;
      },
      committed: () => res.headersSent,
      statusOf: (response) => response.status,
    });
  } catch (err) {
    failure = toGatewayError(err);
    status = failure.status;
    if (!finalWrite) sendError(res, format, failure, trace, end);
  } finally {
    gateway.spend.finish(admission, trace, runtime);
    gateway.record(trace, 'openai-embeddings', status, failure);
    if (finalWrite) endAfterCommit(gateway, finalWrite);
  }
}
