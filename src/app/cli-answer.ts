import { answerArgs, runAnswer } from '../cli/answer.ts';
import { runWithConfig } from '../core/cli-support.ts';
import { openNewsroom } from './runtime.ts';

/** `npm run cli -- summary|ask …`: the command line is read before the newsroom is opened. */
export function run(argv: readonly string[]): Promise<number> {
  return runWithConfig(async (config, logger) => {
    const args = answerArgs(argv);
    const runtime = await openNewsroom(config, logger);
    try {
      return await runAnswer(args, { newsroom: runtime.newsroom, store: runtime.store, logger });
    } finally {
      await runtime.close();
    }
  });
}
