import { parseArgs } from 'node:util';
import { type CompletedReply, collectReply } from '../answer/collect.ts';
import type { ReplyEvent } from '../answer/newsroom-types.ts';
import { SUMMARY_LENGTHS, type SummaryLength } from '../answer/types.ts';
import { openNewsroom } from '../app/runtime.ts';
import { runWithConfig } from '../core/cli-support.ts';
import { UserFacingError } from '../core/errors.ts';

const USAGE = `Usage:
  npm run cli -- summary [--article ID] [--length brief|standard|detailed] [--language en] [--json]
  npm run cli -- ask "question" [--article ID] [--language en] [--json]`;

const OPTIONS = {
  article: { type: 'string' },
  length: { type: 'string', default: 'standard' },
  language: { type: 'string', default: 'en' },
  json: { type: 'boolean', default: false },
} as const;

/** The stable JSON shape operators' scripts rely on: keep these field names. */
export function replyJson(reply: CompletedReply) {
  const { result, article } = reply;
  return {
    text: result.text,
    answered: result.answered,
    citations: result.citations.map(({ quote, paragraph }) => ({ quote, paragraph })),
    provider: result.provider,
    model: result.model,
    article: { id: article.id, title: article.title },
    disclaimer: reply.disclaimer,
    usage: result.usage,
    cached: result.cached,
    fallbackReason: result.fallbackReason ?? null,
    pickedBy: reply.pickedBy,
  };
}

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true });
  } catch (error) {
    throw new UserFacingError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 'usage');
  }
}

function parseLength(value: string): SummaryLength {
  if ((SUMMARY_LENGTHS as readonly string[]).includes(value)) return value as SummaryLength;
  throw new UserFacingError(
    `--length must be one of ${SUMMARY_LENGTHS.join(', ')} (got "${value}").`,
    'bad-flag',
  );
}

function printPlain(reply: CompletedReply): void {
  const { article, result } = reply;
  const label = result.provider === 'extractive' ? ' (offline answer: extractive, no language model)' : '';
  const lines = [`${article.title} [${article.id}]${label}`, '', result.text];
  if (result.citations.length > 0)
    lines.push('', ...result.citations.map((c) => `> ${c.quote} (¶${c.paragraph + 1})`));
  lines.push('', `— ${reply.disclaimer}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function run(argv: readonly string[]): Promise<number> {
  return runWithConfig(async (config, logger) => {
    const { values, positionals } = parseFlags(argv);
    const [command, ...words] = positionals;
    if (command !== 'summary' && command !== 'ask') throw new UserFacingError(USAGE, 'usage');
    const runtime = await openNewsroom(config, logger);
    try {
      const context = { guildId: null, userId: null };
      let events: AsyncIterable<ReplyEvent>;
      if (command === 'summary') {
        const length = parseLength(values.length);
        events = runtime.newsroom.summary({
          article: values.article,
          length,
          language: values.language,
          context,
        });
      } else {
        const question = words.join(' ');
        if (!question.trim()) throw new UserFacingError(`Missing the question.\n${USAGE}`, 'usage');
        events = runtime.newsroom.ask({
          question,
          article: values.article,
          language: values.language,
          context,
        });
      }
      const reply = await collectReply(events);
      if (values.json) process.stdout.write(`${JSON.stringify(replyJson(reply))}\n`);
      else printPlain(reply);
      return 0;
    } finally {
      await runtime.close();
    }
  });
}
