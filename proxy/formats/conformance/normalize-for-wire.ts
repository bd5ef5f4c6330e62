// What each wire cannot carry, written down once: the conformance table folds both sides of a
// comparison through these, so anything a wire does carry must survive the round trip exactly.

import { JSON_OUTPUT_TOOL } from '../../providers/anthropic/json-output-tool';
import { SKIP_SIGNATURE_VALIDATION } from '../../providers/gemini/encode-gemini-request';
import type { CanonicalRequest, CanonicalResponse, Message, Part, ReasoningPart, Usage } from '../canonical';
import { readSignature } from '../signature-origin';
import type { LossWire } from './registry';

/** The documented losses, for readers and reports; the functions below implement them. */
export const knownLosses: Array<{ wire: LossWire; what: string; why: string }> = [
  { wire: 'openai', what: 'cache breakpoints on parts', why: 'OpenAI caches prompt prefixes automatically and has no per-part flag' },
  { wire: 'openai', what: 'several system parts become one system message', why: 'joined with blank lines; same text, one message' },
  { wire: 'openai', what: 'adjacent text parts are joined', why: 'a message’s content is one string when it is all text' },
  { wire: 'openai', what: 'tool_result is_error', why: 'tool messages have no error flag; the text still says what failed' },
  { wire: 'openai', what: 'images inside tool results move to a user message after the tool messages', why: 'tool messages carry only text' },
  { wire: 'openai', what: 'reasoning from earlier turns, signatures and redacted reasoning', why: 'Chat Completions has no input field for them (DeepSeek rejects reasoning_content in input)' },
  { wire: 'openai', what: 'reasoning budgets become effort bands', why: 'OpenAI takes reasoning_effort only' },
  { wire: 'openai', what: 'stop_sequence finish and the matched sequence', why: 'finish_reason is plain `stop`' },
  { wire: 'openai', what: 'refusal and content_filter are one finish reason', why: 'finish_reason has only content_filter' },
  { wire: 'openai', what: 'cache-write token counts', why: 'usage has no cache-write field (they stay inside prompt_tokens)' },
  { wire: 'anthropic', what: 'image detail', why: 'Anthropic has no detail setting' },
  { wire: 'anthropic', what: 'unsigned reasoning in history', why: 'Anthropic rejects thinking blocks without its signature and ignores earlier turns’ thinking anyway' },
  { wire: 'anthropic', what: 'reasoning Gemini signed (and Gemini thoughts of Anthropic\'s)', why: 'a signature is valid only where it was made: crossing between Anthropic and Gemini it is left out, and Anthropic then drops the unsigned reasoning' },
  { wire: 'anthropic', what: 'strict tool schemas', why: 'no strict flag outside the structured-outputs beta' },
  { wire: 'anthropic', what: 'a json_schema response format keeps its schema but not its name, description or strict flag', why: 'output_config.format carries only the schema (and is always strict)' },
  { wire: 'anthropic', what: 'a json_object response format travels as one forced tool', why: 'there is no schema-less JSON mode' },
  { wire: 'anthropic', what: 'reasoning effort becomes a thinking budget', why: 'Anthropic takes budget_tokens' },
  { wire: 'anthropic', what: 'consecutive same-role messages merge, tool results lead a user turn', why: 'Anthropic requires alternating roles and tool_result blocks first' },
  { wire: 'gemini', what: 'tool call ids (in requests and answers)', why: 'Gemini matches function responses to calls by order and name; ids are made up on the way back' },
  { wire: 'gemini', what: 'the end-user id', why: 'generateContent has no user field' },
  { wire: 'gemini', what: 'the parallel tool calls switch', why: 'Gemini decides on parallel calls itself; there is no setting' },
  { wire: 'gemini', what: 'cache breakpoints on parts', why: 'Gemini caches implicitly or through cachedContents, never per part' },
  { wire: 'gemini', what: 'image detail', why: 'Gemini has no detail setting (mediaResolution is per request)' },
  { wire: 'gemini', what: 'strict tool schemas', why: 'functionDeclarations have no strict flag' },
  { wire: 'gemini', what: 'a tool result is one text, and its images follow it as parts of the same turn', why: 'functionResponse.response is one JSON object ({output} or {error}); images cannot go inside it' },
  { wire: 'gemini', what: 'redacted reasoning', why: 'Gemini has no field for another provider’s opaque reasoning' },
  { wire: 'gemini', what: 'the thought-signature sentinel on a translated function call', why: 'Gemini 3 rejects unsigned calls in history; the documented skip value is added, and reads back as an empty signed thought' },
  { wire: 'gemini', what: 'a json_schema response format keeps its schema but not its name, description or strict flag', why: 'responseJsonSchema carries only the schema' },
  { wire: 'gemini', what: 'stop_sequence finish and the matched sequence', why: 'finishReason is plain STOP' },
  { wire: 'gemini', what: 'refusal and content_filter are one finish reason', why: 'Gemini reports both as SAFETY' },
  { wire: 'openai-responses', what: 'top_k, stop sequences, seed and penalties', why: 'the Responses API has none of these fields, so a Responses client cannot ask for them' },
  { wire: 'openai-responses', what: 'reasoning budgets become effort bands', why: 'reasoning takes an effort only' },
  { wire: 'openai-responses', what: 'cache breakpoints on parts', why: 'OpenAI caches prompt prefixes automatically and has no per-part flag' },
  { wire: 'openai-responses', what: 'tool_result is_error', why: 'function_call_output has no error flag; the output still says what failed' },
  { wire: 'openai-responses', what: 'stop_sequence and refusal finishes read as a completed response', why: 'a response has a status, not a finish reason; only length and content filtering make it incomplete' },
  { wire: 'openai-responses', what: 'a stop and a tool_calls finish are told apart by the output', why: 'a completed response says nothing more' },
  { wire: 'openai-responses', what: 'cache-write token counts', why: 'usage has no cache-write field' },
  { wire: 'gemini', what: 'a stop and a tool_calls finish are told apart by the parts', why: 'Gemini says STOP whether or not the turn ended in function calls' },
  { wire: 'gemini', what: 'cache-write token counts', why: 'usageMetadata has no cache-write field' },
];

type Wires = ReadonlySet<LossWire>;

function normalizeArguments(args: string): string {
  try {
    return JSON.stringify(JSON.parse(args === '' ? '{}' : args));
  } catch {
    return args;
  }
}

export function normalizeRequest(request: CanonicalRequest, wires: Wires): unknown {
  const openai = wires.has('openai');
  const anthropic = wires.has('anthropic');
  const gemini = wires.has('gemini');
  const responses = wires.has('openai-responses');
  const out: CanonicalRequest = structuredClone(request);
  delete (out as Partial<CanonicalRequest>).model;
  if (responses) {
    delete out.topK;
    delete out.stop;
    delete out.seed;
    delete out.presencePenalty;
    delete out.frequencyPenalty;
  }
  if (gemini) {
    delete out.user;
    delete out.parallelToolCalls;
  }
  // The forced JSON tool is how a JSON response format looks on the Anthropic wire.
  if (out.tools?.some((t) => t.name === JSON_OUTPUT_TOOL)) {
    out.responseFormat = { type: 'json_object' };
    delete out.tools;
    delete out.toolChoice;
  }
  if (out.responseFormat?.type === 'json_schema' && (anthropic || gemini)) out.responseFormat = { type: 'json_schema', name: '', schema: out.responseFormat.schema };
  if (out.reasoning) out.reasoning = { includeThoughts: true };
  if (out.tools?.length === 0) delete out.tools;
  if (!out.tools) delete out.parallelToolCalls;
  if ((anthropic || gemini) && out.tools) out.tools = out.tools.map(({ strict: _strict, ...tool }) => tool);
  if (out.system) {
    let system = out.system.map((p) => (openai || gemini || responses ? { type: 'text' as const, text: p.text } : p));
    if (openai && system.length > 1) system = [{ type: 'text', text: system.map((p) => p.text).join('\n\n') }];
    out.system = system;
  }
  out.messages = mergeRoles(out.messages.map((m) => normalizeMessage(m, wires))).map((m) => (openai ? joinText(m) : m));
  if (gemini) renumberCalls(out.messages.flatMap((m) => m.parts));
  return out;
}

function normalizeMessage(message: Message, wires: Wires): Message {
  const openai = wires.has('openai');
  const anthropic = wires.has('anthropic');
  const gemini = wires.has('gemini');
  const responses = wires.has('openai-responses');
  // Both wires that carry a tool result as one text and move its images after it.
  const flatResults = openai || gemini;
  const parts: Part[] = [];
  const movedImages: Part[] = [];
  for (const original of message.parts) {
    const part = structuredClone(original);
    if ((openai || gemini || responses) && 'cache' in part) delete part.cache;
    if (part.type === 'text' && part.text === '') continue;
    if (part.type === 'image' && (anthropic || gemini)) delete part.detail;
    if (part.type === 'tool_call') part.arguments = normalizeArguments(part.arguments);
    if (part.type === 'reasoning') {
      if (openai) continue;
      // Who signed it is bookkeeping of ours (signature-origin.test.ts checks it); a signature
      // crossing between the Anthropic and Gemini families is not sent on.
      delete part.signedBy;
      if (anthropic && gemini) delete part.signature;
      if (anthropic && !part.signature && part.redacted === undefined) continue;
      if (gemini && (part.redacted !== undefined || (part.text === '' && part.signature === SKIP_SIGNATURE_VALIDATION))) continue;
    }
    if (part.type === 'tool_result') {
      delete part.name;
      if (responses) {
        delete part.isError;
        part.content = part.content.map(stripCache);
      }
      let content = part.content.filter((p) => p.type !== 'text' || p.text !== '').map((p) => (flatResults ? stripCache(p) : p));
      if (flatResults) {
        if (openai) delete part.isError;
        if (gemini) delete part.cache;
        movedImages.push(...content.filter((p) => p.type === 'image'));
        const texts = content.filter((p) => p.type === 'text').map((p) => (p.type === 'text' ? p.text : ''));
        content = texts.length > 0 ? [{ type: 'text', text: texts.join('\n') }] : [];
      }
      part.content = content;
    }
    parts.push(part);
  }
  // Tool results lead a user turn; on the OpenAI and Gemini wires images a tool returned follow them.
  const results = parts.filter((p) => p.type === 'tool_result');
  const rest = parts.filter((p) => p.type !== 'tool_result');
  return { role: message.role, parts: [...results, ...movedImages, ...rest] };
}

/** Ids by order of first appearance, so made-up ids compare equal to the client's. */
function renumberCalls(parts: Array<Part | CanonicalResponse['parts'][number]>): void {
  const ids = new Map<string, string>();
  const idOf = (id: string) => ids.get(id) ?? (ids.set(id, `call#${ids.size}`), ids.get(id)!);
  for (const part of parts) {
    if (part.type === 'tool_call') part.id = idOf(part.id);
    else if (part.type === 'tool_result') part.callId = idOf(part.callId);
  }
}

function stripCache<T extends { cache?: boolean }>(part: T): T {
  const { cache: _cache, ...rest } = part;
  return rest as T;
}

function mergeRoles(messages: Message[]): Message[] {
  const out: Message[] = [];
  for (const message of messages) {
    if (message.parts.length === 0) continue;
    const last = out[out.length - 1];
    if (last && last.role === message.role) {
      const parts = [...last.parts, ...message.parts];
      last.parts = [...parts.filter((p) => p.type === 'tool_result'), ...parts.filter((p) => p.type !== 'tool_result')];
    } else out.push({ role: message.role, parts: [...message.parts] });
  }
  return out;
}

/** OpenAI content is one string when a message is all text (tool results aside). */
function joinText(message: Message): Message {
  const results = message.parts.filter((p) => p.type === 'tool_result');
  const rest = message.parts.filter((p) => p.type !== 'tool_result');
  const separator = message.role === 'user' ? '\n\n' : '';
  if (message.role === 'user' && rest.some((p) => p.type !== 'text')) return message;
  const texts = rest.filter((p) => p.type === 'text');
  if (texts.length < 2) return message;
  const joined = { type: 'text' as const, text: texts.map((p) => (p.type === 'text' ? p.text : '')).join(separator) };
  return { role: message.role, parts: [...results, joined, ...rest.filter((p) => p.type !== 'text')] };
}

/** A client holds another family's signature behind its marker; the signature inside must be intact. */
function readClientReasoning(part: ReasoningPart): ReasoningPart {
  const { signedBy: _signedBy, ...rest } = part;
  return part.signature === undefined ? rest : { ...rest, signature: readSignature(part.signature).signature };
}

export function normalizeResponse(response: CanonicalResponse & { error?: string }, wires: Wires): unknown {
  const openai = wires.has('openai');
  const anthropic = wires.has('anthropic');
  const gemini = wires.has('gemini');
  const responses = wires.has('openai-responses');
  let parts: CanonicalResponse['parts'] = response.parts
    .filter((p) => p.type !== 'text' || p.text !== '')
    .filter((p) => !gemini || p.type !== 'reasoning' || p.redacted === undefined)
    .map((p) => (p.type === 'tool_call' ? { ...p, arguments: normalizeArguments(p.arguments) } : p.type === 'reasoning' ? readClientReasoning(p) : { ...p }));
  if (openai) {
    const reasoning = parts.filter((p) => p.type === 'reasoning' && p.redacted === undefined).map((p) => (p.type === 'reasoning' ? p.text : '')).join('');
    const text = parts.filter((p) => p.type === 'text').map((p) => (p.type === 'text' ? p.text : '')).join('');
    parts = [
      ...(reasoning ? [{ type: 'reasoning' as const, text: reasoning }] : []),
      ...(text ? [{ type: 'text' as const, text }] : []),
      ...parts.filter((p) => p.type === 'tool_call'),
    ];
  }
  if (gemini) renumberCalls(parts);
  let finishReason = response.finishReason;
  let stopSequence = response.stopSequence;
  if (openai || gemini) {
    if (finishReason === 'stop_sequence') finishReason = 'stop';
    if (finishReason === 'refusal') finishReason = 'content_filter';
    stopSequence = undefined;
  }
  if (anthropic && finishReason === 'content_filter') finishReason = 'refusal';
  if (responses && (finishReason === 'stop_sequence' || finishReason === 'refusal')) finishReason = 'stop';
  if ((gemini || responses) && (finishReason === 'stop' || finishReason === 'tool_calls')) finishReason = parts.some((p) => p.type === 'tool_call') ? 'tool_calls' : 'stop';
  if (finishReason !== 'stop_sequence') stopSequence = undefined;
  let usage: Usage | undefined = response.usage ? { ...response.usage } : undefined;
  if (anthropic && !usage) usage = { inputTokens: 0, outputTokens: 0 };
  if (usage) {
    if (openai || gemini || responses) delete usage.cacheWriteTokens;
    for (const key of ['cachedInputTokens', 'cacheWriteTokens', 'reasoningTokens'] as const) if (!usage[key]) delete usage[key];
  }
  return { parts, finishReason, ...(stopSequence !== undefined ? { stopSequence } : {}), ...(usage ? { usage } : {}), ...(response.error ? { error: response.error } : {}) };
}
