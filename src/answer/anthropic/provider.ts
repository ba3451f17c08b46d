import Anthropic from '@anthropic-ai/sdk';
import type { MessageStream } from '@anthropic-ai/sdk/lib/MessageStream';
import type { Article } from '../../articles/article.ts';
import { type Logger, silentLogger } from '../../core/log.ts';
import { NOT_IN_ARTICLE_MARKER, type Prompts } from '../prompts.ts';
import type { AnswerEvent, Answerer } from '../types.ts';
import { createAssembler } from './assemble.ts';
import { ModelRefusalError, StreamStalledError } from './errors.ts';
import { type ArticleRequest, askRequest, summaryRequest } from './request.ts';

export {
  classifyAnthropicError,
  EmptyArticleError,
  ModelRefusalError,
  StreamStalledError,
} from './errors.ts';

export interface AnthropicAnswererOptions {
  readonly apiKey: string;
  /** Without it: https://api.anthropic.com (the environment is read by src/core/config.ts only). */
  readonly baseURL?: string | undefined;
  readonly model: string;
  /** Per attempt, until response headers; also the longest silence tolerated inside a started stream. */
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly prompts: Prompts;
  readonly logger?: Logger | undefined;
  readonly fetch?: typeof fetch | undefined;
}

type SdkLogFn = (message: string, ...rest: unknown[]) => void;

/** The SDK logs to console (stdout) by default; stdout is reserved for --json output, so route it to pino. */
function sdkLogger(logger: Logger): Record<'error' | 'warn' | 'info' | 'debug', SdkLogFn> {
  const forward =
    (level: 'error' | 'warn' | 'info' | 'debug'): SdkLogFn =>
    (message, ...rest) =>
      logger[level]({ component: 'anthropic-sdk', ...(rest.length > 0 ? { details: rest } : {}) }, message);
  return { error: forward('error'), warn: forward('warn'), info: forward('info'), debug: forward('debug') };
}

/**
 * Aborts a started stream that goes silent: the SDK's timeout stops counting once the headers arrived. Each event
 * only notes the time; one timer checks when the silence could first have lasted `idleMs` (re-arming a timer on
 * each of a reply's hundreds of events was a third of the SDK's per-event cost, and 50 replies stream at once).
 */
function watchForSilence(stream: MessageStream, idleMs: number): { readonly fired: boolean; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let fired = false;
  let heardAt = 0;
  const heard = () => {
    heardAt = performance.now();
  };
  const check = () => {
    const silentMs = performance.now() - heardAt;
    if (silentMs < idleMs) {
      timer = setTimeout(check, idleMs - silentMs);
      return;
    }
    fired = true;
    stream.abort();
  };
  stream.on('connect', () => {
    heard();
    clearTimeout(timer);
    timer = setTimeout(check, idleMs);
  });
  stream.on('streamEvent', heard);
  return {
    get fired() {
      return fired;
    },
    stop: () => clearTimeout(timer),
  };
}

interface CallSettings {
  readonly client: Anthropic;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly logger: Logger;
}

async function* streamAnswer(
  settings: CallSettings,
  build: () => ArticleRequest,
  marker: string | undefined,
  signal: AbortSignal | undefined,
): AsyncGenerator<AnswerEvent> {
  const { client, timeoutMs, maxRetries, logger } = settings;
  const request = build();
  const stream = client.messages.stream(request.body, {
    timeout: timeoutMs,
    maxRetries,
    ...(signal ? { signal } : {}),
  });
  const silence = watchForSilence(stream, timeoutMs);
  const assembler = createAssembler({
    blocks: request.blocks,
    notAnsweredMarker: marker,
    onUnmappedCitation: (citation) =>
      logger.debug({ citation }, 'anthropic citation not mapped to a paragraph'),
  });
  try {
    for await (const event of stream) yield* assembler.push(event);
    const message = await stream.finalMessage();
    if (message.stop_reason === 'refusal') throw new ModelRefusalError(message.model);
    if (message.stop_reason === 'max_tokens') {
      logger.warn({ model: message.model }, 'anthropic reply cut at max_tokens');
    }
    logger.debug({ requestId: stream.request_id, usage: message.usage }, 'anthropic reply');
    yield* assembler.finish(message);
  } catch (error) {
    if (silence.fired) throw new StreamStalledError(timeoutMs);
    throw error;
  } finally {
    silence.stop();
    if (!stream.ended) stream.abort();
  }
}

/**
 * The Anthropic provider: the article goes in as one citable document (one block per paragraph, cached together
 * with the system prompt), the reply streams back as text and paragraph citations. Failures throw the SDK's errors
 * after its retries; classifyAnthropicError tells the caller which fallback applies.
 */
export function createAnthropicAnswerer(options: AnthropicAnswererOptions): Answerer {
  const logger = options.logger ?? silentLogger;
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? null,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    logger: sdkLogger(logger),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const settings: CallSettings = {
    client,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    logger,
  };
  const system = { summary: options.prompts.summary.render(), ask: options.prompts.ask.render() };
  return {
    name: 'anthropic',
    summarize(article: Article, { length, language, signal }) {
      const build = () => summaryRequest(options.model, system.summary, article, { length, language });
      return streamAnswer(settings, build, undefined, signal);
    },
    answer(article: Article, question: string, { language, signal, history }) {
      const build = () => askRequest(options.model, system.ask, article, question, { language, history });
      return streamAnswer(settings, build, NOT_IN_ARTICLE_MARKER, signal);
    },
  };
}
