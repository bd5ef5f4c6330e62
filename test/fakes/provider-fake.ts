// A fake upstream run as its own process: Bedrock, Vertex (with Google's token endpoint), Azure OpenAI and
// model listings. It checks wire format and auth the way the real services do, records every request
// (GET /__requests), and prints its port on stdout once listening.

import { createVerify } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { encodeBedrockEvent } from '../../proxy/providers/bedrock/event-stream-encoder';
import { verifySigV4 } from './verify-sigv4';

const AWS_SECRETS = { AKIDFAKE: 'fake/secret+key' };
const AZURE_KEY = 'azure-key-123';
const GOOGLE_PUBLIC_KEY = process.env.GOOGLE_PUBLIC_KEY ?? '';
const issuedTokens = new Set<string>();
const recorded: Array<{ method: string; url: string; headers: Record<string, unknown>; body: string }> = [];

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const url = req.url ?? '/';
  if (url === '/__requests') return send(res, 200, recorded);
  recorded.push({ method: req.method ?? '', url, headers: req.headers, body: body.toString('utf8') });

  // Google OAuth token endpoint: a jwt-bearer grant whose RS256 signature checks out against the account's key.
  if (req.method === 'POST' && url === '/token') {
    const form = new URLSearchParams(body.toString('utf8'));
    const [h, c, s] = (form.get('assertion') ?? '').split('.');
    const signed = h && c && s && createVerify('RSA-SHA256').update(`${h}.${c}`).verify(GOOGLE_PUBLIC_KEY, Buffer.from(s, 'base64url'));
    const claims = signed ? JSON.parse(Buffer.from(c, 'base64url').toString()) : {};
    const now = Math.floor(Date.now() / 1000);
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' || !signed || claims.exp <= now || !String(claims.aud).endsWith('/token')) {
      return send(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    }
    const token = `ya29.fake-${issuedTokens.size + 1}`;
    issuedTokens.add(token);
    return send(res, 200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
  }

  // Vertex AI generateContent: only a token this endpoint issued is accepted.
  const vertex = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/google\/models\/([^/:]+):generateContent$/.exec(url);
  if (vertex && req.method === 'POST') {
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!issuedTokens.has(token)) return send(res, 401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
    return send(res, 200, {
      candidates: [{ content: { role: 'model', parts: [{ text: `hello from ${vertex[3]} in ${vertex[1]}/${vertex[2]}` }] }, finishReason: 'STOP' }],
      usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 5, totalTokenCount: 8 },
    });
  }

  // Azure OpenAI: deployment in the path, api-version query, api-key header (never a bearer).
  const azure = /^\/openai\/deployments\/([^/]+)\/chat\/completions\?api-version=([^&]+)$/.exec(url);
  if (azure && req.method === 'POST') {
    if (req.headers['api-key'] !== AZURE_KEY || req.headers.authorization) return send(res, 401, { error: { code: '401', message: 'Access denied due to invalid subscription key.' } });
    const parsed = JSON.parse(body.toString('utf8'));
    return send(res, 200, {
      id: 'chatcmpl-az', object: 'chat.completion', created: 1, model: 'gpt-4o-2024-08-06',
      choices: [{ index: 0, message: { role: 'assistant', content: `deployment ${decodeURIComponent(azure[1])}, version ${azure[2]}, ${parsed.messages.length} message(s)` }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 },
    });
  }

  // Bedrock Converse / ConverseStream, SigV4-checked.
  const bedrock = /^\/model\/([^/]+)\/(converse|converse-stream)$/.exec(url);
  if (bedrock && req.method === 'POST') {
    const check = verifySigV4('POST', url, req.headers, body, AWS_SECRETS);
    if (!check.ok || check.service !== 'bedrock') {
      return send(res, 403, { message: `The request signature we calculated does not match the signature you provided (${check.reason ?? check.service}).` }, { 'x-amzn-errortype': 'InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/' });
    }
    const request = JSON.parse(body.toString('utf8'));
    if (!Array.isArray(request.messages)) return send(res, 400, { message: 'messages is required' }, { 'x-amzn-errortype': 'ValidationException' });
    const text = `model ${decodeURIComponent(bedrock[1])} in ${check.region}`;
    if (bedrock[2] === 'converse') {
      return send(res, 200, { output: { message: { role: 'assistant', content: [{ text }] } }, stopReason: 'end_turn', usage: { inputTokens: 7, outputTokens: 4, totalTokens: 11 }, metrics: { latencyMs: 10 } });
    }
    const stream = Buffer.concat([
      encodeBedrockEvent('messageStart', { role: 'assistant', p: 'abcdefgh' }),
      encodeBedrockEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: text.slice(0, 6) }, p: 'ab' }),
      encodeBedrockEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: text.slice(6) }, p: 'abcd' }),
      encodeBedrockEvent('contentBlockStop', { contentBlockIndex: 0, p: 'a' }),
      encodeBedrockEvent('messageStop', { stopReason: 'end_turn', p: 'abc' }),
      encodeBedrockEvent('metadata', { usage: { inputTokens: 7, outputTokens: 4, totalTokens: 11 }, metrics: { latencyMs: 10 }, p: 'ab' }),
    ]);
    res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'req-1' });
    // Odd-sized chunks so frames straddle network writes.
    for (let at = 0; at < stream.length; at += 37) {
      res.write(stream.subarray(at, at + 37));
      await new Promise((r) => setTimeout(r, 1));
    }
    res.end();
    return;
  }

  // Cohere v2 Chat: bearer key, model and messages in the body; SSE when stream is true.
  if (req.method === 'POST' && url === '/v2/chat') {
    if (req.headers.authorization !== 'Bearer co-key') return send(res, 401, { id: 'e1', message: 'invalid api token' });
    const request = JSON.parse(body.toString('utf8'));
    if (typeof request.model !== 'string' || !Array.isArray(request.messages)) return send(res, 400, { id: 'e2', message: 'invalid request: model and messages are required' });
    const text = `${request.model} heard ${request.messages.length} message(s)`;
    const usage = { billed_units: { input_tokens: 5, output_tokens: 4 }, tokens: { input_tokens: 70, output_tokens: 4 } };
    if (!request.stream) {
      return send(res, 200, { id: 'co-1', finish_reason: 'COMPLETE', message: { role: 'assistant', content: [{ type: 'text', text }] }, usage });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const events: Array<Record<string, unknown>> = [
      { type: 'message-start', id: 'co-2', delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } },
      { type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } },
      ...text.split(' ').map((word, i) => ({ type: 'content-delta', index: 0, delta: { message: { content: { text: i === 0 ? word : ` ${word}` } } } })),
      { type: 'content-end', index: 0 },
      { type: 'message-end', delta: { finish_reason: 'COMPLETE', usage } },
    ];
    for (const event of events) res.write(`event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`);
    res.end();
    return;
  }

  // Model listings.
  if (req.method === 'GET' && url === '/openai/v1/models') return send(res, 200, { object: 'list', data: [{ id: 'fake-b', object: 'model' }, { id: 'fake-a', object: 'model' }] });
  if (req.method === 'GET' && url.startsWith('/anthropic/v1/models')) {
    if (req.headers['x-api-key'] !== 'sk-ant-fake' || req.headers['anthropic-version'] !== '2023-06-01') return send(res, 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
    return url.includes('after_id=claude-b')
      ? send(res, 200, { data: [{ type: 'model', id: 'claude-c' }], has_more: false, first_id: 'claude-c', last_id: 'claude-c' })
      : send(res, 200, { data: [{ type: 'model', id: 'claude-a' }, { type: 'model', id: 'claude-b' }], has_more: true, first_id: 'claude-a', last_id: 'claude-b' });
  }
  if (req.method === 'GET' && url.startsWith('/gemini/v1beta/models')) {
    if (req.headers['x-goog-api-key'] !== 'AIza-fake') return send(res, 403, { error: { code: 403, message: 'API key not valid.', status: 'PERMISSION_DENIED' } });
    return url.includes('pageToken=next')
      ? send(res, 200, { models: [{ name: 'models/gemini-2.5-pro' }] })
      : send(res, 200, { models: [{ name: 'models/gemini-2.5-flash' }], nextPageToken: 'next' });
  }
  if (req.method === 'GET' && url === '/api/tags') return send(res, 200, { models: [{ name: 'llama3.2:latest', model: 'llama3.2:latest' }, { name: 'qwen3:8b', model: 'qwen3:8b' }] });
  return send(res, 404, { error: 'no such route', url });
}

// node --test also loads every .js under a test/ folder: only serve when started by startProviderFake.
if (process.env.SWITCHYARD_PROVIDER_FAKE === '1') {
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => send(res, 500, { error: String(err) }));
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
  });
  // The parent closes our stdin when it is done; never outlive it.
  process.stdin.on('end', () => server.close(() => process.exit(0)));
  process.stdin.resume();
}
