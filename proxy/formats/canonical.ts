// The one internal model every client format decodes into and every provider codec encodes from.
// Formats × providers grow by addition: a new format writes decode/encode against these types only.

import type { GatewayError } from '../errors';

/** The API a client speaks to us. */
export type ClientFormatName = 'openai-chat' | 'openai-responses' | 'anthropic' | 'gemini';

/** The wire format a provider speaks to us. */
export type WireFormat = 'openai' | 'anthropic' | 'gemini' | 'bedrock' | 'cohere';

export type ImageSource =
  | { kind: 'url'; url: string }
  | { kind: 'base64'; mediaType: string; data: string };

/** A prompt-cache breakpoint the client asked for after this part or tool (Anthropic `cache_control`). */
export interface CacheHint {
  cache?: boolean;
  /** The breakpoint's lifetime where the client gave one (Anthropic `cache_control.ttl`: `5m`, `1h`). */
  cacheTtl?: string;
}

export interface TextPart extends CacheHint {
  type: 'text';
  text: string;
}

export interface ImagePart extends CacheHint {
  type: 'image';
  source: ImageSource;
  /** OpenAI's `detail` (low/high/auto), where the client gave one. */
  detail?: string;
}

export interface ToolCallPart {
  type: 'tool_call';
  id: string;
  name: string;
  /** The arguments as JSON text, exactly as the model produced them. */
  arguments: string;
}

export interface ToolResultPart extends CacheHint {
  type: 'tool_result';
  callId: string;
  /** The tool's name where the format carries it (Gemini needs it; others infer from the call). */
  name?: string;
  content: Array<TextPart | ImagePart>;
  isError?: boolean;
}

export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  /** Anthropic's thinking signature, Gemini's thought signature: opaque, must round-trip unchanged. */
  signature?: string;
  /**
   * The wire family that signed it: a signature is valid only there, so other families never get it.
   * Undefined: unknown (carried before signers were recorded), sent as it is.
   */
  signedBy?: WireFormat;
  /** Anthropic `redacted_thinking` / OpenAI `encrypted_content`: opaque data, no readable text. */
  redacted?: string;
}

export type Part = TextPart | ImagePart | ToolCallPart | ToolResultPart | ReasoningPart;

/** Tool results travel in `user` messages, as in Anthropic's and Gemini's models. */
export interface Message {
  role: 'user' | 'assistant';
  parts: Part[];
}

export interface ToolDef extends CacheHint {
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
  strict?: boolean;
}

export type ToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  | { type: 'required' }
  | { type: 'tool'; name: string };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown>; strict?: boolean; description?: string };

export interface ReasoningConfig {
  effort?: 'minimal' | 'low' | 'medium' | 'high';
  /** Anthropic `thinking.budget_tokens`, Gemini `thinkingBudget`. */
  budgetTokens?: number;
  /** Whether the client wants reasoning text back where the provider can give it. */
  includeThoughts?: boolean;
}

export interface CanonicalRequest {
  /** The model string the client sent: a route name or `<provider id>/<model>`. */
  model: string;
  system?: TextPart[];
  messages: Message[];
  tools?: ToolDef[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  /** Asks for reproducible sampling (OpenAI `seed`, Gemini `generationConfig.seed`); an integer. */
  seed?: number;
  /**
   * Penalties on tokens already in the output, -2..2 as OpenAI and Gemini define them: presence for
   * any repeat, frequency scaled by the count. 0 means no penalty and is left out.
   */
  presencePenalty?: number;
  frequencyPenalty?: number;
  stop?: string[];
  responseFormat?: ResponseFormat;
  reasoning?: ReasoningConfig;
  stream: boolean;
  /** The end user id some formats carry (OpenAI `user`, Anthropic `metadata.user_id`). */
  user?: string;
  /**
   * Features the client asked for that have no canonical home (e.g. Responses built-in tools,
   * `logprobs`). A provider codec that cannot honour one must refuse with `unsupported`, never drop it.
   */
  extras?: Record<string, unknown>;
}

export interface Usage {
  /** All prompt tokens, cached ones included (OpenAI's `prompt_tokens` meaning). */
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens read from the provider's prompt cache (a subset of inputTokens). */
  cachedInputTokens?: number;
  /** Prompt tokens written to the provider's prompt cache (a subset of inputTokens). */
  cacheWriteTokens?: number;
  /** Output tokens spent on reasoning (a subset of outputTokens). */
  reasoningTokens?: number;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'stop_sequence' | 'refusal' | 'error';

export interface CanonicalResponse {
  id: string;
  /** The upstream model that answered. */
  model: string;
  parts: Array<TextPart | ToolCallPart | ReasoningPart>;
  finishReason: FinishReason;
  stopSequence?: string;
  usage?: Usage;
  created?: number;
}

/** Stream events, in order: start, then deltas, then usage (if known), finish, end. */
export type StreamEvent =
  | { type: 'start'; id: string; model: string; usage?: Usage }
  | { type: 'text_delta'; text: string }
  | { type: 'reasoning_delta'; text: string; signature?: string; signedBy?: WireFormat; redacted?: string }
  | { type: 'tool_call_start'; index: number; id: string; name: string }
  | { type: 'tool_call_delta'; index: number; argumentsDelta: string }
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; reason: FinishReason; stopSequence?: string }
  | { type: 'error'; error: GatewayError };
