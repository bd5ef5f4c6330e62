// Answers a streaming request frame by frame as upstream bytes arrive — never buffering the stream.
// Same format: forward each frame's exact bytes (minus a usage chunk we asked for ourselves).
// Other formats: upstream frame → canonical events → the client's framing.

import type { ServerResponse } from 'node:http';
import type { ClientFormat } from '../formats/client-format';
import type { StreamEvent } from '../formats/canonical';
import { GatewayError } from '../errors';
import type { Gateway } from '../gateway/gateway';
import { SseParser } from '../upstream/sse-parser';
import { classifyNetworkError } from '../upstream/upstream-client';
import type { RequestTrace } from './request-trace';
import type { AttemptResult } from './send-attempt';
import { switchyardHeaders } from './switchyard-headers';

export async function deliverStream(gateway: Gateway, trace: RequestTrace, res: ServerResponse, format: ClientFormat<any>, attempt: AttemptResult): Promise<number> {
  const upstreamBody = attempt.response.body;
  const mode = attempt.mode;
  const parser = new SseParser();
  let decodeState = mode.kind === 'translate' ? mode.codec.initialStreamState() : undefined;
  let encodeState = format.initialStreamState(trace.model);
  let clientGone = false;
  res.on('close', () => {
    if (!res.writableFinished) {
      clientGone = true;
      upstreamBody.destroy();
    }
  });

  const writeOut = (text: string) => {
    if (text === '' || clientGone) return;
    if (!res.headersSent) {
      trace.ttfbMs = trace.elapsedMs();
      res.writeHead(200, {
        ...switchyardHeaders(trace),
        'content-type': format.streamContentType,
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
    }
    res.write(text);
  };

  const encodeEvents = (events: StreamEvent[]): string => {
    let out = '';
    for (const event of events) {
      if (event.type === 'usage') trace.usage = event.usage;
      const step = format.encodeStreamEvent(encodeState, event);
      encodeState = step.state;
      out += step.out;
    }
    return out;
  };

  const handleFrames = (frames: ReturnType<SseParser['push']>): string => {
    let out = '';
    for (const frame of frames) {
      if (mode.kind === 'passthrough') {
        const scan = mode.passthrough.scanFrame(frame, mode.stripUsageChunk);
        if (scan.usage) trace.usage = scan.usage;
        if (!scan.drop) out += frame.raw;
      } else {
        const step = mode.codec.decodeStreamFrame(decodeState, frame);
        decodeState = step.state;
        out += encodeEvents(step.events);
      }
    }
    return out;
  };

  upstreamBody.setEncoding('utf8');
  let waitStart = performance.now();
  try {
    for await (const chunk of upstreamBody) {
      const arrived = performance.now();
      trace.upstreamMs += arrived - waitStart;
      writeOut(handleFrames(parser.push(chunk as string)));
      waitStart = performance.now();
    }
    trace.upstreamMs += performance.now() - waitStart;
    writeOut(handleFrames(parser.flush()) + (mode.kind === 'translate' ? format.endStream(encodeState) : ''));
  } catch (err) {
    if (clientGone) {
      res.end();
      return 499;
    }
    const error = err instanceof GatewayError ? err : classifyNetworkError(err);
    const midStream = new GatewayError(error.kind === 'upstream_timeout' ? 'upstream_timeout' : 'upstream_error', `upstream stream from ${trace.target} failed: ${error.message}`, { status: 502, code: 'upstream_stream_error', cause: err });
    writeOut(encodeEvents([{ type: 'error', error: midStream }]));
    res.end();
    throw midStream;
  }
  // An empty but successful stream still answers 200.
  if (!res.headersSent) res.writeHead(200, { ...switchyardHeaders(trace), 'content-type': format.streamContentType });
  res.end();
  return clientGone ? 499 : 200;
}
