// Canonical request → Anthropic Messages request body (POST /messages).

import { GatewayError } from '../../errors';
import type { CacheHint, CanonicalRequest, ImagePart, ImageSource, Message, Part, ReasoningConfig, TextPart } from '../../formats/canonical';
import { parseArguments } from '../../formats/openai-chat/json-fields';
import { signatureFor } from '../../formats/signature-origin';
import { isHintExtra } from '../foreign-extras';
import { refuseSeedAndPenalties } from '../refuse-seed-and-penalties';
import { OPENAI_CHAT_SETTING_NAMES, type SettingNames } from '../../formats/setting-names';
import type { UpstreamCall } from '../codec';
import { encodeJsonOutput, JSON_OUTPUT_TOOL } from './json-output-tool';

type Block = Record<string, unknown>;

export const ANTHROPIC_VERSION = '2023-06-01';

/**
 * Anthropic requires max_tokens; clients of other APIs may omit it. Claude 3 models accept at most
 * 4096 output tokens; every later family accepts 8192 or more. A modest default keeps Anthropic's
 * output-token rate limits (estimated from max_tokens) from tripping early.
 */
export function defaultMaxTokens(upstreamModel: string): number {
  return /claude-3-(haiku|sonnet|opus)/.test(upstreamModel) ? 4096 : 8192;
}

/** Effort → thinking budget; 1024 is Anthropic's minimum budget. */
const EFFORT_BUDGET = { minimal: 1024, low: 2048, medium: 8192, high: 16384 } as const;

export function encodeAnthropicRequest(request: CanonicalRequest, upstreamModel: string, names: SettingNames = OPENAI_CHAT_SETTING_NAMES): UpstreamCall {
  refuseSeedAndPenalties(request, 'Anthropic Messages', names);
  const body: Record<string, unknown> = { model: upstreamModel };
  const thinking = toThinking(request.reasoning, request.maxTokens);
  const answerRoom = defaultMaxTokens(upstreamModel);
  body.max_tokens = request.maxTokens ?? (thinking?.type === 'enabled' ? thinking.budget_tokens + answerRoom : answerRoom);
  if (request.system && request.system.length > 0) body.system = encodeSystem(request.system);
  body.messages = encodeMessages(request.messages);
  if (request.stop && request.stop.length > 0) body.stop_sequences = request.stop;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined) body.top_k = request.topK;
  if (thinking) body.thinking = thinking;
  if (request.user !== undefined) body.metadata = { user_id: request.user };

  const json = encodeJsonOutput(request, names);
  if (json?.kind === 'tool') {
    body.tools = [json.tool];
    body.tool_choice = json.toolChoice;
  } else {
    encodeTools(request, body);
  }
  copyExtras(request.extras, body);
  if (json?.kind === 'format') body.output_config = { ...(body.output_config as object | undefined), format: json.format };
  if (request.stream) body.stream = true;
  return { path: '/messages', body, headers: { 'anthropic-version': ANTHROPIC_VERSION } };
}

type Thinking = { type: 'enabled'; budget_tokens: number } | { type: 'adaptive' };

function toThinking(reasoning: ReasoningConfig | undefined, maxTokens: number | undefined): Thinking | undefined {
  if (!reasoning) return undefined;
  // Thoughts wanted but no budget or effort: let the model decide how long to think.
  if (reasoning.budgetTokens === undefined && reasoning.effort === undefined) return reasoning.includeThoughts ? { type: 'adaptive' } : undefined;
  let budget = reasoning.budgetTokens ?? (reasoning.effort ? EFFORT_BUDGET[reasoning.effort] : undefined);
  if (budget === undefined) return undefined;
  // The budget counts inside max_tokens and must stay below it (as OpenAI's reasoning tokens count
  // inside max_completion_tokens); an effort is shrunk to fit, an explicit budget is not.
  if (maxTokens !== undefined && budget >= maxTokens) {
    if (reasoning.budgetTokens !== undefined || maxTokens - 1 < 1024) {
      throw new GatewayError('invalid_request', `max tokens (${maxTokens}) must exceed the reasoning budget (${budget}, at least 1024 for Anthropic models)`);
    }
    budget = maxTokens - 1;
  }
  return { type: 'enabled', budget_tokens: budget };
}

function encodeTools(request: CanonicalRequest, body: Record<string, unknown>): void {
  const tools = request.tools ?? [];
  if (tools.some((tool) => tool.name === JSON_OUTPUT_TOOL)) throw new GatewayError('invalid_request', `tool name '${JSON_OUTPUT_TOOL}' is reserved`);
  // `strict` is left out: older Claude models reject it, and Claude follows input_schema anyway
  // (without the constrained-decoding guarantee newer models give with strict).
  if (tools.length > 0) body.tools = tools.map((tool) => ({ name: tool.name, ...(tool.description !== undefined ? { description: tool.description } : {}), input_schema: tool.parameters, ...cacheControl(tool) }));
  // Without any tool (client or Anthropic-hosted) a choice means nothing.
  const anyTools = tools.length > 0 || Array.isArray(request.extras?.['anthropic.tools']);
  const choice = anyTools ? request.toolChoice : undefined;
  if (body.thinking && (choice?.type === 'required' || choice?.type === 'tool')) {
    throw new GatewayError('unsupported', 'Anthropic models cannot be forced to call a tool while extended thinking is on');
  }
  const parallel = anyTools ? request.parallelToolCalls : undefined;
  if (!choice && parallel === undefined) return;
  if (choice?.type === 'none') {
    body.tool_choice = { type: 'none' };
    return;
  }
  const base = !choice || choice.type === 'auto' ? { type: 'auto' } : choice.type === 'required' ? { type: 'any' } : { type: 'tool', name: choice.name };
  body.tool_choice = parallel === undefined ? base : { ...base, disable_parallel_tool_use: !parallel };
}

function encodeSystem(system: TextPart[]): string | Block[] {
  if (system.length === 1 && !system[0].cache) return system[0].text;
  return system.map(encodeText);
}

/** The client's breakpoint as it wrote it, lifetime included (a 1h write is priced differently). */
function cacheControl(hint: CacheHint): Block {
  if (!hint.cache) return {};
  return { cache_control: hint.cacheTtl === undefined ? { type: 'ephemeral' } : { type: 'ephemeral', ttl: hint.cacheTtl } };
}

function encodeText(part: TextPart): Block {
  return { type: 'text', text: part.text, ...cacheControl(part) };
}

function encodeImage(part: ImagePart): Block {
  return { type: 'image', source: encodeImageSource(part.source), ...cacheControl(part) };
}

function encodeImageSource(source: ImageSource): Block {
  return source.kind === 'url' ? { type: 'url', url: source.url } : { type: 'base64', media_type: source.mediaType, data: source.data };
}

/** Anthropic requires alternating roles: consecutive messages of one role are merged. */
function encodeMessages(messages: Message[]): Array<{ role: string; content: Block[] }> {
  const out: Array<{ role: string; content: Block[] }> = [];
  messages.forEach((message, i) => {
    const blocks = message.parts.flatMap((part, j) => encodePart(part, `messages[${i}].parts[${j}]`));
    if (blocks.length === 0) return;
    const last = out[out.length - 1];
    if (last && last.role === message.role) last.content.push(...blocks);
    else out.push({ role: message.role, content: blocks });
  });
  // Tool results must open a user turn, before any other block in it.
  for (const message of out) {
    if (message.role === 'user') message.content.sort((a, b) => Number(b.type === 'tool_result') - Number(a.type === 'tool_result'));
  }
  return out;
}

function encodePart(part: Part, path: string): Block[] {
  switch (part.type) {
    case 'text':
      // Anthropic rejects empty text blocks; an empty part carries nothing.
      return part.text === '' ? [] : [encodeText(part)];
    case 'image':
      return [encodeImage(part)];
    case 'tool_call':
      return [{ type: 'tool_use', id: part.id, name: part.name, input: parseArguments(part.arguments, `${path}.arguments`) }];
    case 'tool_result': {
      const content = part.content.filter((p) => p.type !== 'text' || p.text !== '').map((p) => (p.type === 'text' ? encodeText(p) : encodeImage(p)));
      return [{
        type: 'tool_result',
        tool_use_id: part.callId,
        content,
        ...(part.isError ? { is_error: true } : {}),
        ...cacheControl(part),
      }];
    }
    case 'reasoning': {
      if (part.redacted !== undefined) return [{ type: 'redacted_thinking', data: part.redacted }];
      // Unsigned reasoning, or reasoning another family signed, came from another provider:
      // Anthropic rejects thinking blocks without its own valid signature, and ignores earlier
      // turns' thinking anyway, so it is left out.
      const signature = signatureFor(part, 'anthropic');
      if (!signature) return [];
      return [{ type: 'thinking', thinking: part.text, signature }];
    }
  }
}

function copyExtras(extras: Record<string, unknown> | undefined, body: Record<string, unknown>): void {
  if (!extras) return;
  for (const [key, value] of Object.entries(extras)) {
    if (key === 'anthropic.tools') {
      body.tools = [...((body.tools as unknown[] | undefined) ?? []), ...(value as unknown[])];
    } else if (key === 'anthropic.output_config') {
      // Only its `effort` lands here; a `format` travels as the canonical response format.
      body.output_config = { ...(body.output_config as object | undefined), ...(value as object) };
    } else if (key.startsWith('anthropic.')) {
      body[key.slice('anthropic.'.length)] = value;
    } else if (!isHintExtra(key, value)) {
      throw new GatewayError('unsupported', `'${key.slice(key.indexOf('.') + 1)}' cannot be translated for Anthropic models`);
    }
  }
}
