// Canonical request ⇄ OpenAI Responses API, from the client's side, for the conformance table only:
// no provider speaks Responses to us, so no provider codec can play a Responses client. This writes
// requests as the openai SDK would and reads responses and stream events as it does
// (https://platform.openai.com/docs/api-reference/responses).

import { GatewayError } from '../../errors';
import type { ProviderCodec, SseFrame } from '../../providers/codec';
import { openaiCodec } from '../../providers/openai/openai-codec';
import type { CanonicalRequest, CanonicalResponse, FinishReason, ImagePart, Message, StreamEvent, TextPart, Usage } from '../canonical';
import { decodeReasoningCarrier, encodeReasoningCarrier } from '../openai-responses/reasoning-carrier';

type Json = Record<string, any>;

export interface ResponsesClientState {
  /** output_index of each function call item → its canonical tool index. */
  calls: Record<number, number>;
  sawCall: boolean;
}

function imageItem(part: ImagePart): Json {
  const url = part.source.kind === 'url' ? part.source.url : `data:${part.source.mediaType};base64,${part.source.data}`;
  return { type: 'input_image', image_url: url, ...(part.detail ? { detail: part.detail } : {}) };
}

function contentItem(part: TextPart | ImagePart): Json {
  return part.type === 'text' ? { type: 'input_text', text: part.text } : imageItem(part);
}

/** One canonical message as Responses input items, in order. */
function writeItems(message: Message): Json[] {
  const items: Json[] = [];
  for (const part of message.parts) {
    switch (part.type) {
      case 'text':
      case 'image':
        if (message.role === 'assistant' && part.type === 'text') items.push({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: part.text, annotations: [] }] });
        else items.push({ type: 'message', role: 'user', content: [contentItem(part)] });
        break;
      case 'tool_call':
        items.push({ type: 'function_call', call_id: part.id, name: part.name, arguments: part.arguments });
        break;
      case 'tool_result': {
        const onlyText = part.content.length === 1 && part.content[0]!.type === 'text';
        items.push({ type: 'function_call_output', call_id: part.callId, output: onlyText ? (part.content[0] as TextPart).text : part.content.map(contentItem) });
        break;
      }
      case 'reasoning': {
        const carrier = encodeReasoningCarrier(part);
        items.push({ type: 'reasoning', summary: part.text === '' ? [] : [{ type: 'summary_text', text: part.text }], ...(carrier ? { encrypted_content: carrier } : {}) });
        break;
      }
    }
  }
  return items;
}

/** `topK`, `stop`, `seed` and the penalties have no Responses field: a Responses client cannot ask for them. */
function encodeResponsesRequest(request: CanonicalRequest, model: string): { path: string; body: Json } {
  const body: Json = { model };
  const system = (request.system ?? []).map((p) => ({ type: 'message', role: 'system', content: [{ type: 'input_text', text: p.text }] }));
  body.input = [...system, ...request.messages.flatMap(writeItems)];
  if (request.stream) body.stream = true;
  if (request.tools) body.tools = request.tools.map((t) => ({ type: 'function', name: t.name, ...(t.description ? { description: t.description } : {}), parameters: t.parameters, ...(t.strict !== undefined ? { strict: t.strict } : {}) }));
  if (request.toolChoice) body.tool_choice = request.toolChoice.type === 'tool' ? { type: 'function', name: request.toolChoice.name } : request.toolChoice.type;
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  if (request.maxTokens !== undefined) body.max_output_tokens = request.maxTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.user !== undefined) body.user = request.user;
  const format = request.responseFormat;
  if (format) {
    body.text = { format: format.type !== 'json_schema' ? { type: format.type } : { type: 'json_schema', name: format.name, schema: format.schema, ...(format.strict !== undefined ? { strict: format.strict } : {}), ...(format.description ? { description: format.description } : {}) } };
  }
  if (request.reasoning) {
    const effort = request.reasoning.effort ?? effortFor(request.reasoning.budgetTokens);
    body.reasoning = { ...(effort ? { effort } : {}), summary: 'auto' };
  }
  return { path: '/responses', body };
}

/** A Responses client asks for an effort, never a budget: the band a budget falls in. */
function effortFor(budget: number | undefined): string | undefined {
  if (budget === undefined) return undefined;
  return budget <= 2048 ? 'low' : budget <= 8192 ? 'medium' : 'high';
}

function readUsage(raw: Json | null | undefined): Usage | undefined {
  if (!raw || typeof raw.input_tokens !== 'number') return undefined;
  const usage: Usage = { inputTokens: raw.input_tokens, outputTokens: raw.output_tokens ?? 0 };
  if (raw.input_tokens_details?.cached_tokens) usage.cachedInputTokens = raw.input_tokens_details.cached_tokens;
  if (raw.output_tokens_details?.reasoning_tokens) usage.reasoningTokens = raw.output_tokens_details.reasoning_tokens;
  return usage;
}

/** Responses has no finish reason: status, incomplete_details and the output say how the turn ended. */
function finishOf(response: Json, sawCall: boolean): FinishReason {
  if (response.status === 'failed') return 'error';
  if (response.status === 'incomplete') return response.incomplete_details?.reason === 'max_output_tokens' ? 'length' : 'content_filter';
  return sawCall ? 'tool_calls' : 'stop';
}

function decodeResponsesBody(body: unknown): CanonicalResponse {
  const response = body as Json;
  const parts: CanonicalResponse['parts'] = [];
  for (const item of response.output ?? []) {
    if (item.type === 'message') for (const c of item.content) parts.push({ type: 'text', text: c.type === 'refusal' ? c.refusal : c.text });
    else if (item.type === 'function_call') parts.push({ type: 'tool_call', id: item.call_id, name: item.name, arguments: item.arguments });
    else if (item.type === 'reasoning') {
      const text = (item.summary ?? []).map((s: Json) => s.text).join('');
      parts.push({ type: 'reasoning', text, ...(item.encrypted_content ? decodeReasoningCarrier(item.encrypted_content) : {}) });
    }
  }
  const usage = readUsage(response.usage);
  return { id: response.id, model: response.model, parts, finishReason: finishOf(response, parts.some((p) => p.type === 'tool_call')), ...(usage ? { usage } : {}) };
}

function decodeResponsesFrame(state: ResponsesClientState, frame: SseFrame): { state: ResponsesClientState; events: StreamEvent[] } {
  const event = JSON.parse(frame.data) as Json;
  switch (event.type) {
    case 'response.created':
      return { state, events: [{ type: 'start', id: event.response.id, model: event.response.model }] };
    case 'response.output_text.delta':
      return { state, events: [{ type: 'text_delta', text: event.delta }] };
    case 'response.reasoning_summary_text.delta':
      return { state, events: [{ type: 'reasoning_delta', text: event.delta }] };
    case 'response.output_item.added': {
      if (event.item.type !== 'function_call') return { state, events: [] };
      const index = Object.keys(state.calls).length;
      return { state: { calls: { ...state.calls, [event.output_index]: index }, sawCall: true }, events: [{ type: 'tool_call_start', index, id: event.item.call_id, name: event.item.name }] };
    }
    case 'response.function_call_arguments.delta':
      return { state, events: [{ type: 'tool_call_delta', index: state.calls[event.output_index]!, argumentsDelta: event.delta }] };
    case 'response.output_item.done': {
      // Signatures and redacted reasoning travel in the finished reasoning item's encrypted_content.
      if (event.item.type !== 'reasoning' || !event.item.encrypted_content) return { state, events: [] };
      return { state, events: [{ type: 'reasoning_delta', text: '', ...decodeReasoningCarrier(event.item.encrypted_content) }] };
    }
    case 'response.completed':
    case 'response.incomplete': {
      const usage = readUsage(event.response.usage);
      return { state, events: [...(usage ? [{ type: 'usage' as const, usage }] : []), { type: 'finish', reason: finishOf(event.response, state.sawCall) }] };
    }
    case 'error':
      return { state, events: [{ type: 'error', error: new GatewayError('upstream_error', event.message, { code: event.code ?? undefined }) }] };
    default:
      // in_progress, content_part.*, *.done and response.failed (which follows `error`) add nothing new.
      return { state, events: [] };
  }
}

/** Plays the Responses client in the conformance table; `wire` is only nominal (Responses is OpenAI's API). */
export const responsesClient: ProviderCodec<ResponsesClientState> = {
  wire: 'openai',
  encodeRequest: encodeResponsesRequest,
  decodeResponse: decodeResponsesBody,
  initialStreamState: () => ({ calls: {}, sawCall: false }),
  decodeStreamFrame: decodeResponsesFrame,
  // Responses errors have the Chat Completions error shape.
  classifyError: openaiCodec.classifyError,
  usageFromResponse: (body) => readUsage((body as Json | null)?.usage),
};
