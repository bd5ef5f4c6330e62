// Answers a streaming request frame by frame as upstream bytes arrive — never buffering the stream.
// Same format: forward each frame's exact bytes (minus a usage chunk we asked for ourselves).
// Other formats: upstream frame → canonical events → the client's framing.

import type { ServerResponse } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import type { ClientFormat } from '../formats/client-format';
import type { CanonicalResponse, StreamEvent } from '../formats/canonical';
import { GatewayError } from '../errors';
import type { Gateway } from '../gateway/gateway';
import { SseParser } from '../upstream/sse-parser';
import { EventStreamDecoder } from '../providers/bedrock/event-stream';
import type { SseFrame } from '../providers/codec';
import { classifyBodyFailure } from '../upstream/upstream-client';
import type { RequestTrace } from './request-trace';
import type { AttemptResult } from './send-attempt';
import { withSwitchyardHeaders } from './switchyard-headers';
import { pumpUpstreamBody } from './pump-upstream-body';
import { scrubKnownSecrets, scrubSecrets } from './scrub-secrets';
import type { ResponseCapture } from '../optimize/request-optimization';
import { classifyUpstreamStatus } from './classify-upstream-status';
import { decodeJsonAnswer, opensJsonAnswer, readJsonAnswer } from './read-json-answer';
import { upstreamBodyTooLarge } from './read-upstream-body';
import { codecFor } from '../providers/codecs';
import { responseToEvents } from '../optimize/collect-response';

/**
 * `end` receives the final write (the frames from the one that finished the stream on, and the
 * end of the response), which the caller runs once the request's row is committed.
 */
export async function deliverStream(gateway: Gateway, trace: RequestTrace, res: ServerResponse, format: ClientFormat<any>, attempt: AttemptResult, clientBody: unknown, end: (finalWrite: () => void) => void, capture?: ResponseCapture): Promise<number> {
  const upstreamBody = attempt.response.body;
  const mode = attempt.mode;
  // Bedrock frames its stream in AWS's binary event-stream; everyone else speaks SSE.
  const binary = mode.kind === 'translate' && mode.codec.framing === 'aws-eventstream';
  const sse = new SseParser({ eventless: mode.kind === 'passthrough' });
  const eventStream = binary ? new EventStreamDecoder() : undefined;
  // A UTF-8 character may be split across chunks: the decoder holds its first bytes back.
  const utf8 = new StringDecoder('utf8');
  const parse = (chunk: Buffer): SseFrame[] => (eventStream ? eventStream.push(chunk) : sse.push(utf8.write(chunk)));
  let decodeState = mode.kind === 'translate' ? mode.codec.initialStreamState() : mode.passthrough.initialScanState();
  // A pass-through encodes nothing unless the stream fails: its encoder starts only then.
  let encodeState = mode.kind === 'translate' ? format.initialStreamState(trace.model, clientBody) : undefined;
  let finished = false;
  // The upstream's own finish (not an error) was seen. Some providers (Gemini) report running usage
  // totals with every chunk: until the finish, what they reported is not what the answer cost.
  let sawFinish = false;
  // The upstream's own error event: the stream reaches the client as it is, but the request failed.
  let upstreamFailure: GatewayError | undefined;
  // A pass-through holds bytes that are not server-sent events until a frame that is: a body that
  // never becomes an event stream (an HTML page, plain JSON) must fail before anything is committed,
  // while a keep-alive comment still starts the stream at once, as it always did.
  let streamStarted = mode.kind === 'translate';
  let held = '';
  let clientGone = false;
  res.on('close', () => {
    if (!res.writableFinished) {
      clientGone = true;
      upstreamBody.destroy();
    }
  });

  // Once the upstream has said it is done, what follows is held back until the request is logged.
  let tail = '';
  const writeOut = (upstreamText: string) => {
    if (upstreamText === '' || clientGone) return;
    const text = scrubKnownSecrets(upstreamText, attempt.secrets);
    if (!res.headersSent) {
      trace.ttfbMs = trace.elapsedMs();
      res.writeHead(200, withSwitchyardHeaders(trace, {
        'content-type': format.streamContentType,
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      }));
      trace.onFirstByte?.();
    }
    if (finished) tail += text;
    else res.write(text);
  };

  // What the frames handled so far produced for the client, written once per upstream chunk. A
  // failure partway still writes it first: the encoder's state already counts it as sent, so
  // dropping it would leave the client's stream out of step, or without the error frame it held
  // (the stream would then end as if clean).
  let pending = '';
  const flush = () => {
    if (pending === '') return;
    const text = pending;
    pending = '';
    writeOut(text);
  };

  const encodeEvents = (events: StreamEvent[]): void => {
    capture?.events(events);
    for (const event of events) {
      if (event.type === 'usage') trace.usage = event.usage;
      else if (event.type === 'finish') finished = sawFinish = true;
      else if (event.type === 'error') finished = true;
      const step = format.encodeStreamEvent(encodeState ?? format.initialStreamState(trace.model, clientBody), event);
      encodeState = step.state;
      pending += step.out;
    }
  };

  const handleFrames = (frames: SseFrame[]): void => {
    for (const frame of frames) {
      if (mode.kind === 'passthrough') {
        if (!streamStarted) {
          if (frame.eventless && !isSseControlFrame(frame.raw)) {
            held += frame.raw;
            continue;
          }
          streamStarted = true;
          pending += held;
          held = '';
        }
        if (frame.eventless) {
          pending += frame.raw;
          continue;
        }
        const scan = mode.passthrough.scanFrame(decodeState, frame, mode.stripUsageChunk);
        decodeState = scan.state;
        // Not forwarded: the stream ends before it, with an error in the client's framing (or, if
        // nothing reached the client yet, routing may fail over).
        if (scan.broken) throw scan.broken;
        if (scan.usage) trace.usage = scan.usage;
        if (scan.finished) finished = true;
        if (scan.finished && !scan.error) sawFinish = true;
        if (scan.error) {
          // Providers may echo the key they were sent in an error: never forward it.
          const error = scrubError(scan.error, attempt.secrets);
          // Nothing has reached the client yet: the attempt failed, and routing may fail over.
          if (!res.headersSent && pending === '') throw error;
          upstreamFailure ??= error;
          // One the client's SDK could not read as an error goes out in the client's own framing.
          if (scan.malformedError) encodeEvents([{ type: 'error', error }]);
        }
        if (!scan.drop) pending += scan.error ? scrubSecrets(frame.raw, attempt.secrets) : frame.raw;
        capture?.frame(frame);
      } else {
        const step = mode.codec.decodeStreamFrame(decodeState, frame);
        decodeState = step.state;
        translateEvents(step.events);
      }
    }
  };

  /** Encodes a decoded step's events in the client's framing; an upstream error event fails the request. */
  const translateEvents = (events: StreamEvent[]): void => {
    if (!events.some((event) => event.type === 'error')) return encodeEvents(events);
    for (const event of events) {
      if (event.type !== 'error') {
        encodeEvents([event]);
        continue;
      }
      const error = scrubError(event.error, attempt.secrets);
      if (!res.headersSent && pending === '') throw error;
      upstreamFailure ??= error;
      encodeEvents([{ ...event, error }]);
    }
  };

  // A JSON body where the stream should be (an error report, or an upstream that ignored `stream:
  // true` and sent the whole answer): collected, not parsed as frames, within the bound of any JSON
  // answer (deliver-json.ts), since a whole completion may be long.
  let jsonAnswer: Buffer[] | undefined;
  let jsonBytes = 0;
  let firstChunk = true;
  const collectJsonAnswer = (chunk: Buffer): boolean => {
    if (firstChunk) {
      firstChunk = false;
      if (opensJsonAnswer(chunk)) jsonAnswer = [];
    }
    if (!jsonAnswer) return false;
    jsonAnswer.push(chunk);
    jsonBytes += chunk.length;
    if (jsonBytes > gateway.maxUpstreamBodyBytes) throw upstreamBodyTooLarge(gateway.maxUpstreamBodyBytes);
    return true;
  };
  const classifyJson = (status: number, body: unknown) =>
    mode.kind === 'translate' ? mode.codec.classifyError(status, body, attempt.response.headers) : classifyUpstreamStatus(status, body, attempt.response.headers);
  // A pass-through's native body is read by its wire's codec, as the response cache reads it; an
  // array of stream chunks only by a wire that sends one (Gemini without `alt=sse`).
  const decodeJson = (body: unknown): CanonicalResponse => {
    const codec = mode.kind === 'translate' ? mode.codec : codecFor(mode.wire);
    if (!codec) throw new GatewayError('unsupported', 'no codec reads this wire');
    return decodeJsonAnswer(codec, body);
  };
  /** The whole answer a JSON body holds, as the events a stream of it would have carried; or its error. */
  const jsonAnswerEvents = (chunks: Buffer[]): StreamEvent[] => {
    const answer = readJsonAnswer(Buffer.concat(chunks).toString('utf8'), decodeJson, classifyJson);
    if ('error' in answer) throw scrubError(answer.error, attempt.secrets);
    return responseToEvents(answer.response);
  };

  let waitStart = performance.now();
  try {
    try {
      await pumpUpstreamBody(upstreamBody, (chunk) => {
        trace.upstreamMs += performance.now() - waitStart;
        if (!collectJsonAnswer(chunk)) {
          handleFrames(parse(chunk));
          flush();
        }
        waitStart = performance.now();
      }, res);
      trace.upstreamMs += performance.now() - waitStart;
      // A whole answer goes out in the client's own stream framing, as a cached answer is replayed.
      if (jsonAnswer) encodeEvents(jsonAnswerEvents(jsonAnswer));
      else {
        if (eventStream) eventStream.finish();
        handleFrames(eventStream ? [] : [...sse.push(utf8.end()), ...sse.flush()]);
        flush();
        // A clean end: the codec may still owe events (Bedrock's finish, held for a metadata event that never came).
        if (mode.kind === 'translate' && mode.codec.decodeStreamEnd) {
          const step = mode.codec.decodeStreamEnd(decodeState);
          decodeState = step.state;
          translateEvents(step.events);
        }
      }
      flush();
      if (!finished) throw new GatewayError('upstream_error', 'upstream closed the stream before it finished', { status: 502, code: 'upstream_stream_truncated' });
      if (mode.kind === 'translate' || jsonAnswer) writeOut(format.endStream(encodeState));
    } catch (err) {
      if (clientGone) {
        res.end();
        return 499;
      }
      flush();
      // A network failure of the upstream body is the upstream's; anything else thrown here (a
      // decoder's or encoder's TypeError) is our own bug, and must neither read nor count as the upstream's.
      const error = classifyBodyFailure(err);
      // Nothing has reached the client yet: routing may still retry or fail over.
      if (!res.headersSent) throw error;
      const midStream = error.kind === 'internal'
        ? new GatewayError('internal', `internal gateway error while streaming the answer from ${trace.target}`, { cause: err })
        : new GatewayError(error.kind === 'upstream_timeout' ? 'upstream_timeout' : 'upstream_error', `upstream stream from ${trace.target} failed: ${error.message}`, { status: 502, code: 'upstream_stream_error', cause: err });
      encodeEvents([{ type: 'error', error: midStream }]);
      const closing = tail + scrubKnownSecrets(pending + (mode.kind === 'translate' ? format.endStream(encodeState) : ''), attempt.secrets);
      pending = '';
      end(() => {
        if (!clientGone) res.write(closing);
        res.end();
      });
      throw midStream;
    }
    if (clientGone) {
      res.end();
      return 499;
    }
    // An empty but successful stream still answers 200.
    if (!res.headersSent) res.writeHead(200, withSwitchyardHeaders(trace, { 'content-type': format.streamContentType }));
    const closing = tail;
    end(() => {
      if (closing && !res.destroyed) res.write(closing);
      res.end();
    });
    // The client has the upstream's error in its own framing; the log must show the failure too.
    if (upstreamFailure) throw upstreamFailure;
    return 200;
  } finally {
    // A stream that failed or was left before its finish has no known usage, whatever it reported so far.
    if (!sawFinish) trace.usage = undefined;
  }
}

const SSE_FIELD = /^(?::|(?:id|retry|event|data)(?::|$))/;

/** A frame of comments and `id:`/`retry:` lines only: valid SSE, unlike a stray line of HTML or JSON. */
function isSseControlFrame(raw: string): boolean {
  return raw.split(/\r\n?|\n/).every((line) => line === '' || SSE_FIELD.test(line));
}

function scrubError(error: GatewayError, secrets: readonly string[]): GatewayError {
  const message = scrubSecrets(error.message, secrets);
  if (message === error.message) return error;
  const scrubbed = new GatewayError(error.kind, message, { status: error.status, code: error.code, retryAfter: error.retryAfter, upstreamType: error.upstreamType });
  scrubbed.upstreamStatus = error.upstreamStatus;
  return scrubbed;
}
