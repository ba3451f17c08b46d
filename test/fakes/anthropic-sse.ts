import type { ServerResponse } from 'node:http';
import { estimateTokens } from './anthropic-cache.ts';
import { deltasOf } from './anthropic-reply.ts';

type Json = Record<string, unknown>;

/** How fast the fake "model" writes: a delay before the first token, then a steady rate (0 = no pacing). */
export interface StreamTiming {
  readonly firstTokenDelayMs: number;
  readonly tokensPerSecond: number;
}

/**
 * Once at least `afterChars` characters of text went out (the HTTP status already 200): an `event: error` frame
 * (errorType set), or the connection cut without message_stop (errorType null).
 */
export interface StreamErrorPlan {
  readonly errorType: string | null;
  readonly message: string;
  readonly afterChars: number;
}

interface StreamContext {
  readonly res: ServerResponse;
  readonly timing: StreamTiming;
  readonly sleep: (ms: number) => Promise<void>;
  readonly error?: StreamErrorPlan | undefined;
}

/** How a stream ended: fully sent, cut by an injected `event: error`, or abandoned by the client. */
export type StreamOutcome = 'complete' | 'stream-error' | 'cut' | 'client-closed';

class StreamEnded extends Error {
  constructor(readonly outcome: StreamOutcome) {
    super(outcome);
  }
}

/**
 * Writes a Message as the SSE stream the real API sends: message_start, per block content_block_start → deltas
 * (citations before the text they support) → content_block_stop, a ping, message_delta, message_stop. Every frame
 * has an `event:` line (the SDK skips frames without one).
 */
export async function writeMessageStream(context: StreamContext, message: Json): Promise<StreamOutcome> {
  const { res } = context;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const startedAt = performance.now();
  let tokens = 0;
  let chars = 0;
  const send = (event: string, data: Json) => {
    if (res.destroyed) throw new StreamEnded('client-closed');
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const pace = async (written: string) => {
    tokens += estimateTokens(written);
    const { firstTokenDelayMs, tokensPerSecond } = context.timing;
    const perToken = tokensPerSecond > 0 ? 1_000 / tokensPerSecond : 0;
    const due = startedAt + firstTokenDelayMs + tokens * perToken;
    await context.sleep(due - performance.now());
  };
  const maybeFail = (written: string, force = false) => {
    chars += written.length;
    const plan = context.error;
    if (!plan || (chars < plan.afterChars && !force)) return;
    if (plan.errorType === null) {
      // FIN after the frames already written, without the chunked terminator: a body cut short mid-stream.
      res.socket?.end();
      throw new StreamEnded('cut');
    }
    send('error', { type: 'error', error: { type: plan.errorType, message: plan.message } });
    throw new StreamEnded('stream-error');
  };

  try {
    const usage = message.usage as Json;
    send('message_start', {
      type: 'message_start',
      message: {
        ...message,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: 1 },
      },
    });
    await context.sleep(context.timing.firstTokenDelayMs);
    const content = message.content as Json[];
    for (const [index, block] of content.entries()) {
      await writeBlock(index, block, send, pace, maybeFail);
      if (index === 0) send('ping', { type: 'ping' });
    }
    maybeFail('', true);
    send('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    });
    send('message_stop', { type: 'message_stop' });
    return 'complete';
  } catch (error) {
    if (!(error instanceof StreamEnded)) throw error;
    return error.outcome;
  } finally {
    if (!res.destroyed && res.socket?.writable !== false) res.end();
  }
}

async function writeBlock(
  index: number,
  block: Json,
  send: (event: string, data: Json) => void,
  pace: (written: string) => Promise<void>,
  maybeFail: (written: string) => void,
): Promise<void> {
  const delta = (payload: Json) =>
    send('content_block_delta', { type: 'content_block_delta', index, delta: payload });
  if (block.type === 'thinking') {
    send('content_block_start', {
      type: 'content_block_start',
      index,
      content_block: { type: 'thinking', thinking: '', signature: '' },
    });
    for (const piece of deltasOf(String(block.thinking))) {
      delta({ type: 'thinking_delta', thinking: piece });
      await pace(piece);
    }
    delta({ type: 'signature_delta', signature: String(block.signature) });
  } else {
    send('content_block_start', {
      type: 'content_block_start',
      index,
      content_block: { type: 'text', text: '', citations: [] },
    });
    for (const citation of (block.citations as Json[] | null) ?? [])
      delta({ type: 'citations_delta', citation });
    for (const piece of deltasOf(String(block.text))) {
      delta({ type: 'text_delta', text: piece });
      maybeFail(piece);
      await pace(piece);
    }
  }
  send('content_block_stop', { type: 'content_block_stop', index });
}
