// GET /v1/models: every route name and every known `<provider id>/<model>`, in OpenAI's list shape.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Gateway } from '../gateway/gateway';
import { authenticate } from '../pipeline/authenticate';
import { renderOpenAIError } from '../formats/openai-chat-interim';
import { toGatewayError } from '../errors';

export function listModels(gateway: Gateway, req: IncomingMessage, res: ServerResponse): void {
  try {
    authenticate(gateway.runtime, req, gateway.openWithoutKeys);
  } catch (err) {
    const rendered = renderOpenAIError(toGatewayError(err));
    res.writeHead(rendered.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(rendered.body));
    return;
  }
  const runtime = gateway.runtime;
  const created = Math.floor(Date.now() / 1000);
  const ids = new Set<string>(runtime.routes.keys());
  for (const route of runtime.routes.values()) for (const t of route.targets) ids.add(t.ref);
  for (const p of runtime.providers.values()) for (const m of p.models) ids.add(`${p.id}/${m}`);
  const data = [...ids].map((id) => ({ id, object: 'model', created, owned_by: runtime.routes.has(id) ? 'switchyard' : id.split('/')[0] }));
  const body = JSON.stringify({ object: 'list', data });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
