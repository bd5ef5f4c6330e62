// Builders for Responses API output: the `response` object, its output items and usage, shared by
// the whole-response encoder and the stream encoder (https://platform.openai.com/docs/api-reference/responses/object).

import type { FinishReason, ReasoningPart, Usage } from '../canonical';
import { encodeReasoningCarrier } from './reasoning-carrier';

export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

export interface OutputText {
  type: 'output_text';
  text: string;
  annotations: unknown[];
}

export interface MessageItem {
  type: 'message';
  id: string;
  status: ItemStatus;
  role: 'assistant';
  content: OutputText[];
}

export interface FunctionCallItem {
  type: 'function_call';
  id: string;
  status: ItemStatus;
  call_id: string;
  name: string;
  arguments: string;
}

export interface ReasoningItem {
  type: 'reasoning';
  id: string;
  summary: Array<{ type: 'summary_text'; text: string }>;
  encrypted_content?: string;
}

export type OutputItem = MessageItem | FunctionCallItem | ReasoningItem;

export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

export interface ResponseObjectInput {
  id: string;
  createdAt: number;
  model: string;
  status: ResponseStatus;
  output: OutputItem[];
  usage?: Usage;
  finishReason?: FinishReason;
  error?: { code: string; message: string };
}

/** Our ids for a response: Responses ids start with `resp_`, whatever the upstream called it. */
export function toResponseId(upstreamId: string): string {
  if (upstreamId.startsWith('resp_')) return upstreamId;
  const clean = upstreamId.replace(/[^A-Za-z0-9_-]/g, '');
  return `resp_${clean === '' ? '0' : clean}`;
}

/** Item ids derive from the response id, so they are stable and unique within the response. */
export function itemId(responseId: string, prefix: 'msg' | 'fc' | 'rs', outputIndex: number): string {
  return `${prefix}_${responseId.slice(5)}_${outputIndex}`;
}

export function buildReasoningItem(id: string, text: string, part: Pick<ReasoningPart, 'signature' | 'signedBy' | 'redacted'>): ReasoningItem {
  const item: ReasoningItem = { type: 'reasoning', id, summary: text === '' ? [] : [{ type: 'summary_text', text }] };
  const carrier = encodeReasoningCarrier(part);
  if (carrier !== undefined) item.encrypted_content = carrier;
  return item;
}

export function buildUsage(usage: Usage): Record<string, unknown> {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

/** The response status a finished turn reports, and why it is incomplete when it is. */
export function statusOf(reason: FinishReason): { status: ResponseStatus; incomplete?: 'max_output_tokens' | 'content_filter' } {
  switch (reason) {
    case 'length':
      return { status: 'incomplete', incomplete: 'max_output_tokens' };
    case 'content_filter':
      return { status: 'incomplete', incomplete: 'content_filter' };
    case 'error':
      return { status: 'failed' };
    default:
      return { status: 'completed' };
  }
}

export const MODEL_ERROR = { code: 'server_error', message: 'the upstream model ended its turn without a usable answer' };

/**
 * The whole `response` object. Request settings are not known here, so the fields echoing them hold
 * the API's defaults; clients read output, status and usage.
 */
export function buildResponseObject(input: ResponseObjectInput): Record<string, unknown> {
  const finish = input.finishReason ? statusOf(input.finishReason) : undefined;
  return {
    id: input.id,
    object: 'response',
    created_at: input.createdAt,
    status: input.status,
    error: input.error ?? null,
    incomplete_details: finish?.incomplete ? { reason: finish.incomplete } : null,
    instructions: null,
    max_output_tokens: null,
    model: input.model,
    output: input.output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: null,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: null,
    truncation: 'disabled',
    usage: input.usage ? buildUsage(input.usage) : null,
    user: null,
    metadata: {},
  };
}
