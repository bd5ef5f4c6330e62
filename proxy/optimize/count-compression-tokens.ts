// Exact prompt-token counts of a request before and after compression, made after the answer has
// gone out. OpenAI o200k models: the provider's reported count of what was sent, plus the exact
// o200k difference of the tool outputs that changed. Anthropic and Gemini: the provider's own
// count endpoint on both versions. Anything else has no exact count and says why.

import { countTokens } from '../pipeline/count-openai-tokens';
import type { CanonicalRequest, Usage } from '../formats/canonical';
import type { Target } from '../gateway/runtime';
import { encodeAnthropicRequest } from '../providers/anthropic/encode-anthropic-request';
import { geminiCodec } from '../providers/gemini/gemini-codec';
import { O200K_MODELS } from '../pipeline/count-openai-tokens';
import type { CompressionCount } from './price-savings';

/** Posts a JSON body to the target's provider and returns the parsed answer (throws on failure). */
export type PostUpstream = (target: Target, path: string, payload: unknown, headers?: Record<string, string>) => Promise<unknown>;

export interface ChangedText {
  before: string;
  after: string;
  /** The tool result held only this one text part (so it is tokenized on its own). */
  alone: boolean;
}

/** The tool-result texts compression changed, pairing the two versions of the request part by part. */
export function changedTexts(original: CanonicalRequest, compressed: CanonicalRequest): ChangedText[] {
  const out: ChangedText[] = [];
  original.messages.forEach((message, m) => {
    const other = compressed.messages[m];
    if (!other || other === message) return;
    message.parts.forEach((part, p) => {
      const next = other.parts[p];
      if (part.type !== 'tool_result' || next?.type !== 'tool_result' || next === part) return;
      part.content.forEach((c, i) => {
        const d = next.content[i];
        if (c.type === 'text' && d?.type === 'text' && c.text !== d.text) out.push({ before: c.text, after: d.text, alone: part.content.length === 1 });
      });
    });
  });
  return out;
}

const ANTHROPIC_COUNT_FIELDS = ['model', 'messages', 'system', 'tools', 'tool_choice', 'thinking'];

export async function countCompressionTokens(post: PostUpstream, target: Target, original: CanonicalRequest, compressed: CanonicalRequest, usage: Usage | undefined): Promise<CompressionCount | { unknown: string }> {
  const wire = target.provider.wire;
  try {
    if (wire === 'openai') return countByO200k(target, original, compressed, usage);
    if (wire === 'anthropic') {
      const count = async (request: CanonicalRequest) => {
        const body = encodeAnthropicRequest({ ...request, stream: false }, target.model).body as Record<string, unknown>;
        const payload = Object.fromEntries(ANTHROPIC_COUNT_FIELDS.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));
        return numberIn(await post(target, '/messages/count_tokens', payload, { 'anthropic-version': '2023-06-01' }), 'input_tokens');
      };
      return { baselineTokens: await count(original), actualTokens: await count(compressed), countedBy: 'anthropic count_tokens' };
    }
    if (wire === 'gemini') {
      const count = async (request: CanonicalRequest) => {
        const call = geminiCodec.encodeRequest({ ...request, stream: false }, target.model);
        const payload = { generateContentRequest: { model: `models/${target.model}`, ...(call.body as object) } };
        return numberIn(await post(target, `/models/${encodeURIComponent(target.model)}:countTokens`, payload), 'totalTokens');
      };
      return { baselineTokens: await count(original), actualTokens: await count(compressed), countedBy: 'gemini countTokens' };
    }
    return { unknown: `${target.ref} speaks ${wire}, which has no public tokenizer or count endpoint` };
  } catch (err) {
    return { unknown: `counting tokens failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function countByO200k(target: Target, original: CanonicalRequest, compressed: CanonicalRequest, usage: Usage | undefined): CompressionCount | { unknown: string } {
  if (!O200K_MODELS.test(target.model)) return { unknown: `no public tokenizer is known for ${target.ref}` };
  if (!usage) return { unknown: `${target.ref} reported no usage for the compressed request` };
  const changes = changedTexts(original, compressed);
  if (changes.some((c) => !c.alone)) return { unknown: 'a tool result with several parts is not tokenized part by part' };
  let removed = 0;
  for (const change of changes) removed += countTokens(change.before) - countTokens(change.after);
  return { baselineTokens: usage.inputTokens + removed, actualTokens: usage.inputTokens, countedBy: 'o200k_base difference over the reported prompt tokens' };
}

function numberIn(answer: unknown, field: string): number {
  const value = (answer as Record<string, unknown> | undefined)?.[field];
  if (typeof value !== 'number') throw new Error(`the count answer has no "${field}"`);
  return value;
}
