// What a scripted fake upstream answers, independent of any wire: each fake renders it in its own
// provider's exact format (JSON body or SSE events), so one script drives every provider alike.

export type ScriptedPart =
  | { text: string }
  | { reasoning: string; signature?: string }
  | { call: { id: string; name: string; args: Record<string, unknown> } };

export interface ScriptedUsage {
  /** Uncached prompt tokens (the provider-independent meaning: neither read from nor written to a cache). */
  fresh: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
  /** Reasoning tokens inside `output`. */
  reasoning?: number;
}

export interface ScriptedError {
  status: number;
  message: string;
  /** Retry-After seconds, sent as a header. */
  retryAfter?: number;
}

export interface ScriptedReply {
  parts: ScriptedPart[];
  finish?: 'stop' | 'length' | 'tool_calls';
  usage?: ScriptedUsage;
  /** Answer with this error (in the provider's error shape) instead. */
  error?: ScriptedError;
  /** Streams only: send this many content frames, then fail the way the provider fails mid-stream. */
  failAfterFrames?: number;
}

/** Decides the reply from the parsed request body and path; the test swaps it between cases. */
export type ReplyScript = (body: any, path: string) => ScriptedReply;

export const DEFAULT_USAGE: ScriptedUsage = { fresh: 12, output: 5 };

/** Where a test wants the fake to fall back to "a plain text answer". */
export function textReply(text: string, usage: ScriptedUsage = DEFAULT_USAGE): ScriptedReply {
  return { parts: [{ text }], usage };
}

/** Splits text into `pieces` deltas, as an upstream streams it. */
export function cutText(text: string, pieces = 3): string[] {
  if (text === '') return [''];
  const size = Math.max(1, Math.ceil(text.length / pieces));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

export function finishOf(reply: ScriptedReply): 'stop' | 'length' | 'tool_calls' {
  return reply.finish ?? (reply.parts.some((p) => 'call' in p) ? 'tool_calls' : 'stop');
}

export function readJsonBody(req: import('node:http').IncomingMessage): Promise<{ text: string; body: any }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve({ text, body: text ? JSON.parse(text) : undefined });
      } catch {
        resolve({ text, body: undefined });
      }
    });
  });
}
