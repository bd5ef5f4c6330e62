// One request's optimisation, from the decision before routing to the records after the answer:
// compress (when enabled), look up the response cache (when it applies), hand each attempt its
// prompt-cache hints, collect the answer for the cache, then — off the client's path — store it,
// write the ledger entries that can be proven and the advisor's observation.

import type { CanonicalRequest, CanonicalResponse, StreamEvent } from '../formats/canonical';
import type { PriceConfig } from '../config/schema';
import type { Target } from '../gateway/runtime';
import type { SseFrame } from '../providers/codec';
import type { RequestInsight, SavingRecord } from '../store/store';
import { codecFor } from '../providers/codecs';
import { hasAnswerShapingExtras } from '../providers/foreign-extras';
import { ResponseCollector } from './collect-response';
import { fingerprintRequest } from './fingerprint-request';
import type { OptimizePlan } from './optimize-settings';
import type { AppliedOptimization, AttemptOptimization } from './optimize-attempt';
import { acceptsPromptCacheKey } from './optimize-attempt';
import { hasClientCacheHints, promptCacheKey } from './place-prompt-cache-hints';
import { compressionSaving, keyedPromptCacheSaving, promptCacheSaving, responseCacheSaving, type Saving } from './price-savings';
import type { CachedAnswer, ResponseCache } from './response-cache';
import { countCompressionTokens, type PostUpstream } from './count-compression-tokens';
import type { CompressedItem } from './compress/compress-tool-results';
import { scrubKnownSecretsDeep } from '../pipeline/scrub-secrets';
import { summarizeCompressedItems } from './summarize-compressed-items';

/** The tool-output compressor (proxy/optimize/compress). */
export type CompressToolResults = (request: CanonicalRequest, options: { minChars?: number }) => { request: CanonicalRequest; items: CompressedItem[] };

/** Characters of tool output per producing command, for the advisor. */
export type MeasureToolOutputs = (request: CanonicalRequest) => Array<{ command: string; chars: number }>;

export interface OptimizerDeps {
  cache: ResponseCache;
  compress: CompressToolResults;
  measureToolOutputs: MeasureToolOutputs;
  post: PostUpstream;
  priceOf: (target: string) => PriceConfig | null;
  recordSaving: (saving: SavingRecord) => void;
  recordInsight: (insight: RequestInsight) => void;
  onError: (err: unknown) => void;
  now?: () => number;
}

/** Passed to the deliver functions: sees the answer as it goes out. */
export interface ResponseCapture {
  /** A non-streaming answer: the canonical response, or the native body of a pass-through. */
  json(parsed: unknown, response: CanonicalResponse | undefined): void;
  /** Canonical events of a translated stream. */
  events(events: readonly StreamEvent[]): void;
  /** Native frames of a pass-through stream. */
  frame(frame: SseFrame): void;
}

export interface RequestContext {
  client: string | null;
  route: string;
  targets: readonly Target[];
  request: CanonicalRequest;
  /** Client headers forwarded to a same-format upstream (beta flags, versions): they shape the answer. */
  clientHeaders?: Readonly<Record<string, string>>;
}

/** The outcome the pipeline reports once the request is over. */
export interface RequestOutcome {
  requestId: string;
  status: number;
  target: string | null;
  usage: CanonicalResponse['usage'];
  costUsd: number | null;
}

export class RequestOptimization {
  readonly attempt: AttemptOptimization;
  private readonly cacheKey: string | undefined;
  private readonly compressed: { request: CanonicalRequest; items: CompressedItem[] } | undefined;
  private hit: CachedAnswer | undefined;
  private applied: AppliedOptimization | undefined;
  private collector: ResponseCollector | undefined;
  private answer: CanonicalResponse | undefined;
  /** The answering provider's exact secrets: scrubbed from what is cached, as from what was sent. */
  private secrets: readonly string[] = [];
  private readonly clientHints: boolean;

  constructor(private readonly deps: OptimizerDeps, private readonly plan: OptimizePlan, private readonly context: RequestContext) {
    const { request } = context;
    if (plan.compress) {
      const result = deps.compress(request, { minChars: plan.minChars });
      this.compressed = result.request !== request ? result : undefined;
    }
    // The key is the request as the client sent it: compression is deterministic, so equal inputs stay equal.
    // Extras (n > 1, logprobs, …) have no canonical home, so a canonical replay could not honour them;
    // account hints (prompt_cache_key, metadata…) never shape the answer, so they do not count. A
    // stored completion (`store: true`) does: the client asked the provider to keep it, which a replay skips.
    const replayable = !hasAnswerShapingExtras(request) && request.extras?.['openai-chat.store'] === undefined;
    this.cacheKey = plan.cache && replayable ? fingerprintRequest(request, context.targets.map((t) => t.ref), context.clientHeaders) : undefined;
    this.clientHints = hasClientCacheHints(request);
    const wantsKey = plan.promptCache.openai && request.extras?.['openai-chat.prompt_cache_key'] === undefined && context.targets.some((t) => acceptsPromptCacheKey(t.provider));
    this.attempt = {
      compressed: this.compressed?.request,
      anthropicBreakpoints: plan.promptCache.anthropic && !this.clientHints,
      openaiCacheKey: wantsKey ? promptCacheKey(context.client, request) : undefined,
    };
  }

  /** A fresh cached answer to this exact request, if caching applies and one is held. */
  lookup(): CachedAnswer | undefined {
    if (this.cacheKey === undefined) return undefined;
    this.hit = this.deps.cache.get(this.cacheKey);
    return this.hit;
  }

  /** Called as an attempt's answer starts going out; returns what should watch it. */
  delivering(applied: AppliedOptimization | undefined, target: Target, passthrough: boolean): ResponseCapture | undefined {
    this.applied = applied;
    if (this.cacheKey === undefined) return undefined;
    const collector = new ResponseCollector(passthrough ? target.provider.wire : undefined);
    this.collector = collector;
    this.answer = undefined;
    this.secrets = target.provider.scrubSecrets;
    return {
      json: (parsed, response) => {
        if (response) this.answer = response;
        else {
          try {
            this.answer = codecFor(target.provider.wire)?.decodeResponse(parsed);
          } catch {
            this.answer = undefined;
          }
        }
      },
      events: (events) => collector.addEvents(events),
      frame: (frame) => collector.addFrame(frame),
    };
  }

  /** Everything after the answer: runs on a later tick, never before the client is served. */
  settle(outcome: RequestOutcome): void {
    setImmediate(() => {
      this.record(outcome).catch((err) => this.deps.onError(err));
    });
  }

  private async record(outcome: RequestOutcome): Promise<void> {
    const { deps } = this;
    const at = (deps.now ?? Date.now)();
    const ok = outcome.status >= 200 && outcome.status < 300;
    const save = (saving: Saving) => deps.recordSaving({ requestId: outcome.requestId, at, ...saving });
    if (this.hit) save(responseCacheSaving(this.hit));
    else if (ok && this.cacheKey !== undefined && outcome.target) {
      const response = this.answer ?? this.collector?.complete();
      if (response && response.finishReason !== 'error') {
        // The answer is captured before the deliver functions scrub what they send; a replay would
        // otherwise hand an echoed provider key to any client. Off the client's path, once per store.
        const scrubbed = scrubKnownSecretsDeep(response, this.secrets);
        deps.cache.set(this.cacheKey, { response: scrubbed, target: outcome.target, requestId: outcome.requestId, costUsd: outcome.costUsd, storedAt: at });
      }
    }
    const price = outcome.target && !this.hit ? deps.priceOf(outcome.target) : null;
    if (ok && !this.hit && outcome.usage && this.applied && (this.applied.breakpoints > 0 || this.applied.promptCacheKey)) {
      // Anthropic caches nothing without breakpoints, so theirs is Switchyard's saving; OpenAI caches on its own.
      const saving = this.applied.breakpoints > 0
        ? promptCacheSaving(outcome.usage, price, `${this.applied.breakpoints} cache_control breakpoint(s) placed by Switchyard`)
        : keyedPromptCacheSaving(outcome.usage, price, `prompt_cache_key ${this.applied.promptCacheKey} sent by Switchyard`);
      if (saving) save(saving);
    }
    // Failed requests say nothing about what traffic costs.
    if (!ok) return;
    deps.recordInsight({
      requestId: outcome.requestId,
      at,
      client: this.context.client,
      route: this.context.route,
      target: outcome.target,
      fingerprint: this.cacheKey ?? fingerprintRequest(this.context.request, this.context.targets.map((t) => t.ref), this.context.clientHeaders),
      cacheable: this.cacheKey !== undefined,
      cacheHit: this.hit !== undefined,
      promptCache: this.clientHints ? 'client' : this.applied && (this.applied.breakpoints > 0 || this.applied.promptCacheKey) ? 'gateway' : 'none',
      inputTokens: this.hit ? 0 : (outcome.usage?.inputTokens ?? null),
      outputTokens: this.hit ? 0 : (outcome.usage?.outputTokens ?? null),
      cachedTokens: this.hit ? 0 : (outcome.usage?.cachedInputTokens ?? null),
      costUsd: outcome.costUsd,
      toolOutputs: deps.measureToolOutputs(this.context.request),
    });
    if (ok && !this.hit && this.compressed && this.applied?.compressed && outcome.target) {
      const target = this.context.targets.find((t) => t.ref === outcome.target);
      const items = summarizeCompressedItems(this.compressed.items);
      const count = target
        ? await countCompressionTokens(deps.post, target, this.context.request, this.compressed.request, outcome.usage)
        : { unknown: `${outcome.target} is not among the route's targets` };
      save(compressionSaving(count, outcome.usage, price, items));
    }
  }
}
