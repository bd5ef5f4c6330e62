// Internal request → Bedrock Converse / ConverseStream request body.
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html

import { GatewayError } from '../../errors';
import type { CacheHint, CanonicalRequest, ImagePart, Message, Part, TextPart, ToolChoice } from '../../formats/canonical';
import { signatureFor } from '../../formats/signature-origin';
import type { UpstreamCall } from '../codec';
import { refuseSeedAndPenalties } from '../refuse-seed-and-penalties';
import { OPENAI_CHAT_SETTING_NAMES, type SettingNames } from '../../formats/setting-names';

type Block = Record<string, unknown>;

const IMAGE_FORMATS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/jpg': 'jpeg', 'image/gif': 'gif', 'image/webp': 'webp' };
/** Thinking budgets for clients that give an effort level instead of a token budget (Anthropic's minimum is 1024). */
const EFFORT_BUDGET = { minimal: 1024, low: 2048, medium: 8192, high: 24576 } as const;

export function encodeBedrockRequest(request: CanonicalRequest, modelId: string, names: SettingNames = OPENAI_CHAT_SETTING_NAMES): UpstreamCall {
  refuseUnsupported(request, modelId, names);
  const body: Record<string, unknown> = { messages: request.messages.map(encodeMessage) };
  if (request.system?.length) body.system = encodeTextBlocks(request.system);

  const inference: Record<string, unknown> = {};
  if (request.maxTokens !== undefined) inference.maxTokens = request.maxTokens;
  if (request.temperature !== undefined) inference.temperature = request.temperature;
  if (request.topP !== undefined) inference.topP = request.topP;
  if (request.stop?.length) inference.stopSequences = request.stop;
  if (Object.keys(inference).length > 0) body.inferenceConfig = inference;

  const toolConfig = encodeToolConfig(request);
  if (toolConfig) body.toolConfig = toolConfig;

  const additional = encodeAdditionalFields(request, modelId);
  if (additional) body.additionalModelRequestFields = additional;
  // Converse keeps caller metadata in invocation logs: the natural home for the end-user id.
  if (request.user) body.requestMetadata = { user: request.user };

  const path = `/model/${encodeURIComponent(modelId)}/${request.stream ? 'converse-stream' : 'converse'}`;
  return { path, body };
}

function isAnthropicModel(modelId: string): boolean {
  return /(^|[.:/])anthropic\./.test(modelId);
}

function refuseUnsupported(request: CanonicalRequest, modelId: string, names: SettingNames): void {
  const extras = Object.keys(request.extras ?? {});
  if (extras.length > 0) throw unsupported(`Bedrock Converse cannot honour ${extras.join(', ')}`);
  if (request.responseFormat && request.responseFormat.type !== 'text') {
    throw unsupported('Bedrock Converse has no JSON response mode; describe the format in the prompt or use a tool');
  }
  if (request.parallelToolCalls === false) throw unsupported(`'${names.noParallelToolCalls}' cannot be translated for Bedrock Converse, which cannot turn off parallel tool calls`);
  // inferenceConfig holds only maxTokens, temperature, topP and stopSequences.
  refuseSeedAndPenalties(request, 'Bedrock Converse', names);
  if (request.topK !== undefined && !isAnthropicModel(modelId)) throw unsupported(`'${names.topK}' is only passed through for Anthropic models on Bedrock, not ${modelId}`);
  if (request.reasoning && (request.reasoning.budgetTokens !== undefined || request.reasoning.effort !== undefined) && !isAnthropicModel(modelId)) {
    throw unsupported(`reasoning settings are only passed through for Anthropic models on Bedrock, not ${modelId}`);
  }
}

function encodeMessage(message: Message): Block {
  return { role: message.role, content: message.parts.flatMap(encodePart) };
}

function encodePart(part: Part): Block[] {
  switch (part.type) {
    case 'text':
      return withCachePoint({ text: part.text }, part);
    case 'image':
      return withCachePoint(encodeImage(part), part);
    case 'tool_call':
      return [{ toolUse: { toolUseId: part.id, name: part.name, input: parseToolInput(part.arguments, part.name) } }];
    case 'tool_result':
      return withCachePoint(
        {
          toolResult: {
            toolUseId: part.callId,
            content: part.content.map((inner) => (inner.type === 'text' ? { text: inner.text } : encodeImage(inner))),
            status: part.isError ? 'error' : 'success',
          },
        },
        part,
      );
    case 'reasoning': {
      if (part.redacted !== undefined) return [{ reasoningContent: { redactedContent: part.redacted } }];
      // Another family's signature is no good here: that reasoning goes as unsigned reasoning does.
      const signature = signatureFor(part, 'bedrock');
      return [{ reasoningContent: { reasoningText: signature === undefined ? { text: part.text } : { text: part.text, signature } } }];
    }
  }
}

/**
 * A cache hint becomes a cachePoint right after its block (or tool), with the hint's ttl: Converse's
 * CachePointBlock documents `ttl` (`5m`, `1h`) as Anthropic's cache_control does, and Bedrock itself
 * rejects a value it does not take.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CachePointBlock.html
 */
function withCachePoint(block: Block, hint: CacheHint): Block[] {
  if (!hint.cache) return [block];
  return [block, { cachePoint: hint.cacheTtl === undefined ? { type: 'default' } : { type: 'default', ttl: hint.cacheTtl } }];
}

function encodeTextBlocks(parts: TextPart[]): Block[] {
  return parts.flatMap((part) => withCachePoint({ text: part.text }, part));
}

function encodeImage(part: ImagePart): Block {
  if (part.source.kind !== 'base64') {
    // Bedrock takes image bytes or S3 locations only; a codec never fetches, so a URL cannot be sent.
    throw unsupported('Bedrock needs images as inline base64 data, not URLs');
  }
  const format = IMAGE_FORMATS[part.source.mediaType.toLowerCase()];
  if (!format) throw unsupported(`Bedrock does not accept images of type ${part.source.mediaType}`);
  return { image: { format, source: { bytes: part.source.data } } };
}

function parseToolInput(args: string, name: string): unknown {
  if (args.trim() === '') return {};
  try {
    return JSON.parse(args);
  } catch {
    throw new GatewayError('invalid_request', `the arguments of tool call "${name}" are not valid JSON`);
  }
}

function encodeToolConfig(request: CanonicalRequest): Block | undefined {
  if (!request.tools?.length) return undefined;
  if (request.toolChoice?.type === 'none') {
    // Converse has no "none" choice; leaving the tools out is exact unless history already holds tool blocks,
    // which Converse rejects without a toolConfig.
    const usesTools = request.messages.some((m) => m.parts.some((p) => p.type === 'tool_call' || p.type === 'tool_result'));
    if (usesTools) throw unsupported('Bedrock Converse cannot forbid tool use in a conversation that already used tools');
    return undefined;
  }
  // cachePoint is a member of Converse's Tool union: it sits in `tools` after the tool it caches.
  // https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Tool.html
  const tools = request.tools.flatMap((tool) => withCachePoint(
    { toolSpec: { name: tool.name, ...(tool.description ? { description: tool.description } : {}), inputSchema: { json: tool.parameters } } },
    tool,
  ));
  const choice = encodeToolChoice(request.toolChoice);
  return choice ? { tools, toolChoice: choice } : { tools };
}

function encodeToolChoice(choice: ToolChoice | undefined): Block | undefined {
  switch (choice?.type) {
    case undefined:
      return undefined;
    case 'auto':
      return { auto: {} };
    case 'required':
      return { any: {} };
    case 'tool':
      return { tool: { name: choice.name } };
    default:
      return undefined;
  }
}

/** Model-specific fields Converse passes through; documented for Anthropic models (top_k, thinking). */
function encodeAdditionalFields(request: CanonicalRequest, modelId: string): Block | undefined {
  if (!isAnthropicModel(modelId)) return undefined;
  const fields: Block = {};
  if (request.topK !== undefined) fields.top_k = request.topK;
  const reasoning = request.reasoning;
  if (reasoning && (reasoning.budgetTokens !== undefined || reasoning.effort !== undefined)) {
    fields.thinking = { type: 'enabled', budget_tokens: reasoning.budgetTokens ?? EFFORT_BUDGET[reasoning.effort ?? 'medium'] };
  }
  return Object.keys(fields).length > 0 ? fields : undefined;
}

function unsupported(message: string): GatewayError {
  return new GatewayError('unsupported', message);
}
