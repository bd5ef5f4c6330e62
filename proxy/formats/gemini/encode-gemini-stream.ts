// Canonical stream events → Gemini streamGenerateContent SSE (`alt=sse`): one `data:` frame per
// GenerateContentResponse chunk. Function calls go out whole, as Gemini sends them, so a call's
// argument deltas are held until the call is complete; everything else is written as it arrives.

import { GatewayError } from '../../errors';
import { markSignature } from '../signature-origin';
import type { FinishReason, StreamEvent, Usage } from '../canonical';
import type { EncodeStep } from '../client-format';
import { finishReasonToGemini } from './gemini-finish-reason';
import { usageToGemini } from './gemini-usage';
import type { GeminiPart, GeminiResponse } from './gemini-wire';
import { googleErrorBody } from './render-gemini-error';

interface OpenCall {
  index: number;
  id: string;
  name: string;
  args: string;
  signature?: string;
}

export interface GeminiStreamState {
  model: string;
  responseId: string;
  calls: OpenCall[];
  /** A signature that belongs on the next part (Gemini puts one on a function call or answer text). */
  pendingSignature?: string;
  /** Whether the last part written was thought text, so a bare signature closes that run. */
  inThought: boolean;
  finish?: FinishReason;
  usage?: Usage;
  /** An error frame was written: nothing may follow it. */
  failed: boolean;
}

export function initialGeminiStreamState(model: string): GeminiStreamState {
  return { model, responseId: '', calls: [], inThought: false, failed: false };
}

export function encodeGeminiStreamEvent(state: GeminiStreamState, event: StreamEvent): EncodeStep<GeminiStreamState> {
  if (state.failed) return { state, out: '' };
  switch (event.type) {
    case 'start':
      return { state: { ...state, responseId: event.id, usage: event.usage ?? state.usage }, out: '' };
    case 'text_delta': {
      if (event.text === '') return { state, out: '' }; // some upstreams open with an empty delta
      const flushed = flushCalls(state);
      const part: GeminiPart = { text: event.text };
      if (flushed.state.pendingSignature !== undefined) part.thoughtSignature = flushed.state.pendingSignature;
      const next = { ...flushed.state, pendingSignature: undefined, inThought: false };
      return { state: next, out: flushed.out + writeChunk(next, [part]) };
    }
    case 'reasoning_delta':
      // Another family's signature reaches a Gemini client behind its signer's marker.
      return encodeReasoning(state, event.text, event.signature === undefined ? undefined : markSignature(event.signature, event.signedBy, 'gemini'));
    case 'tool_call_start': {
      const call: OpenCall = { index: event.index, id: event.id, name: event.name, args: '' };
      if (state.pendingSignature !== undefined) call.signature = state.pendingSignature;
      return { state: { ...state, calls: [...state.calls, call], pendingSignature: undefined, inThought: false }, out: '' };
    }
    case 'tool_call_delta': {
      const calls = state.calls.map((c) => (c.index === event.index ? { ...c, args: c.args + event.argumentsDelta } : c));
      return { state: { ...state, calls }, out: '' };
    }
    case 'usage':
      return { state: { ...state, usage: event.usage }, out: '' };
    case 'finish':
      return { state: { ...state, finish: event.reason }, out: '' };
    case 'error':
      return { state: { ...state, failed: true }, out: writeFrame(googleErrorBody(event.error)) };
  }
}

function encodeReasoning(state: GeminiStreamState, text: string, signature: string | undefined): EncodeStep<GeminiStreamState> {
  if (text === '' && signature === undefined) return { state, out: '' }; // another provider's redacted reasoning: nothing Gemini can show
  const flushed = flushPendingSignature(flushCalls(state));
  if (text === '' && !flushed.state.inThought) return { state: { ...flushed.state, pendingSignature: signature }, out: flushed.out };
  const part: GeminiPart = { text, thought: true };
  if (signature !== undefined) part.thoughtSignature = signature;
  // A signature closes its run: a bare one after it belongs to whatever part comes next.
  const next = { ...flushed.state, inThought: signature === undefined };
  return { state: next, out: flushed.out + writeChunk(next, [part]) };
}

/** More reasoning before the next part: a waiting signature stands on its own rather than move past it. */
function flushPendingSignature(step: EncodeStep<GeminiStreamState>): EncodeStep<GeminiStreamState> {
  const signature = step.state.pendingSignature;
  if (signature === undefined) return step;
  const next = { ...step.state, pendingSignature: undefined };
  return { state: next, out: step.out + writeChunk(next, [{ text: '', thought: true, thoughtSignature: signature }]) };
}

/** Writes every call still open: it is complete once anything else arrives. */
function flushCalls(state: GeminiStreamState): EncodeStep<GeminiStreamState> {
  if (state.calls.length === 0) return { state, out: '' };
  const next = { ...state, calls: [] };
  const parts = writeCalls(state.calls);
  if (parts instanceof GatewayError) return { state: { ...next, failed: true }, out: writeFrame(googleErrorBody(parts)) };
  return { state: next, out: writeChunk(next, parts) };
}

/** Gemini carries arguments as an object, so text that isn't a JSON object fails the stream. */
function writeCalls(calls: OpenCall[]): GeminiPart[] | GatewayError {
  const parts: GeminiPart[] = [];
  for (const call of calls) {
    let args: unknown;
    try {
      args = call.args.trim() === '' ? {} : JSON.parse(call.args);
    } catch {
      args = undefined;
    }
    if (typeof args !== 'object' || args === null || Array.isArray(args)) {
      return new GatewayError('upstream_error', `the model produced arguments for ${call.name} that are not a JSON object`, { status: 502 });
    }
    const part: GeminiPart = { functionCall: { id: call.id, name: call.name, args: args as Record<string, unknown> } };
    if (call.signature !== undefined) part.thoughtSignature = call.signature;
    parts.push(part);
  }
  return parts;
}

export function endGeminiStream(state: GeminiStreamState): string {
  if (state.failed) return '';
  if (state.finish === undefined) {
    return writeFrame(googleErrorBody(new GatewayError('upstream_error', 'the upstream stream ended before the model finished', { status: 502 })));
  }
  const parts = writeCalls(state.calls);
  if (parts instanceof GatewayError) return writeFrame(googleErrorBody(parts));
  if (state.pendingSignature !== undefined) parts.push({ text: '', thoughtSignature: state.pendingSignature });
  const chunk: GeminiResponse = {
    candidates: [{ ...(parts.length > 0 ? { content: { role: 'model', parts } } : {}), finishReason: finishReasonToGemini(state.finish), index: 0 }],
  };
  if (state.usage) chunk.usageMetadata = usageToGemini(state.usage);
  return writeFrame({ ...chunk, modelVersion: state.model, responseId: state.responseId });
}

function writeChunk(state: GeminiStreamState, parts: GeminiPart[]): string {
  return writeFrame({ candidates: [{ content: { role: 'model', parts }, index: 0 }], modelVersion: state.model, responseId: state.responseId });
}

function writeFrame(body: unknown): string {
  return `data: ${JSON.stringify(body)}\n\n`;
}
