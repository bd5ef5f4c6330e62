// A fake OpenAI-compatible upstream that fails in every way a real one does: error statuses (with
// OpenAI error bodies and Retry-After), a hang, a connection reset before the response or before the
// first stream frame, a reset mid-stream after the first frame, a body that is not JSON, and a slow
// first byte. A test decides per request (by model, key and count) what happens; everything that
// arrives is recorded with the key it carried.

import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  /** A normal answer; a stream's frames `frameMs` apart (5 ms unless told). */
  | { kind: 'ok'; frameMs?: number }
  /** An OpenAI-shaped error; `type`/`code` override the usual ones for the status. */
  | { kind: 'status'; status: number; retryAfter?: string; type?: string; code?: string; headers?: Record<string, string> }
  | { kind: 'hang' }
  /** Closes the connection before any response byte (non-stream) or right after the SSE head (stream). */
  | { kind: 'reset-before-body' }
  /** Streams two frames, then closes the connection without finishing. */
  | { kind: 'reset-mid-stream' }
  | { kind: 'invalid-json' }
  /** Waits before the response head (non-stream) or before the first frame after the head (stream). */
  | { kind: 'slow-first-byte'; ms: number }
  /** Holds the request until the test settles `answer` with the fault to answer it with. */
  | { kind: 'deferred'; answer: Promise<Fault> };

export interface FaultRequest {
  model: string;
  key: string;
  stream: boolean;
  /** How many requests for this model came before this one. */
  n: number;
}

export interface ReceivedCall extends FaultRequest {
  at: number;
}

export interface FaultyUpstream {
  url: string;
  calls: ReceivedCall[];
  callsFor(model: string): ReceivedCall[];
  close(): Promise<void>;
}

const OK: Fault = { kind: 'ok' };

const ERROR_TYPES: Record<number, [string, string | null]> = {
  400: ['invalid_request_error', null],
  401: ['invalid_request_error', 'invalid_api_key'],
  429: ['rate_limit_error', 'rate_limit_exceeded'],
  500: ['server_error', null],
  503: ['server_error', 'overloaded'],
};

export async function startFaultyUpstream(decide: (req: FaultRequest) => Fault = () => OK): Promise<FaultyUpstream> {
  const calls: ReceivedCall[] = [];
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
      const model = String(body.model);
      const n = counts.get(model) ?? 0;
      counts.set(model, n + 1);
      const request: FaultRequest = { model, key: String(req.headers.authorization ?? '').replace(/^Bearer /, ''), stream: body.stream === true, n };
      calls.push({ ...request, at: Date.now() });
      answer(decide(request), request, res);
    });
  });

  function answer(fault: Fault, request: FaultRequest, res: http.ServerResponse): void {
    switch (fault.kind) {
      case 'status': {
        const [defaultType, defaultCode] = ERROR_TYPES[fault.status] ?? ['api_error', null];
        const type = fault.type ?? defaultType;
        const code = fault.code ?? defaultCode;
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
        Object.assign(headers, fault.headers);
        res.writeHead(fault.status, headers);
        res.end(JSON.stringify({ error: { message: `fake upstream answered ${fault.status}`, type, param: null, code } }));
        return;
      }
      case 'hang':
        return;
      case 'reset-before-body':
        if (!request.stream) {
          res.socket?.destroy();
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.flushHeaders();
        later(20, () => res.socket?.destroy());
        return;
      case 'invalid-json':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id": "chatcmpl-broken", "choices": [');
        return;
      case 'slow-first-byte':
        if (!request.stream) return later(fault.ms, () => respond(request, res, false));
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.flushHeaders();
        return later(fault.ms, () => respond(request, res, true));
      case 'reset-mid-stream':
        return respond(request, res, false, 2);
      case 'ok':
        return respond(request, res, false, -1, fault.frameMs);
      case 'deferred':
        return void fault.answer.then((next) => answer(next, request, res));
    }
  }

  /** A normal answer, with the model name as its text so tests can see who answered. */
  function respond(request: FaultRequest, res: http.ServerResponse, headSent: boolean, dieAfterFrames = -1, frameMs = 5): void {
    const id = `chatcmpl-${request.model}-${request.n}`;
    const usage = { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 };
    if (!request.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id, object: 'chat.completion', created: 1700000000, model: request.model, choices: [{ index: 0, message: { role: 'assistant', content: `answer from ${request.model}` }, finish_reason: 'stop' }], usage }));
      return;
    }
    if (!headSent) res.writeHead(200, { 'content-type': 'text/event-stream' });
    const base = { id, object: 'chat.completion.chunk', created: 1700000000, model: request.model };
    const frames = [
      { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
      { ...base, choices: [{ index: 0, delta: { content: 'answer from ' }, finish_reason: null }] },
      { ...base, choices: [{ index: 0, delta: { content: request.model }, finish_reason: null }] },
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
      { ...base, choices: [], usage },
    ];
    let i = 0;
    const next = () => {
      if (i === dieAfterFrames) return void res.socket?.destroy();
      if (i < frames.length) {
        res.write(`data: ${JSON.stringify(frames[i++])}\n\n`);
        later(frameMs, next);
      } else res.end('data: [DONE]\n\n');
    };
    next();
  }

  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsFor: (model) => calls.filter((c) => c.model === model),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
