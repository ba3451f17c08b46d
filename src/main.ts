/**
 * The one entry point: `tsx src/main.ts <command> [args]`. Each command lives in its own module and is loaded only
 * when asked for, so `ingest` never pays for discord.js and the console never opens a gateway.
 */
import { redactSecrets } from './core/log.ts';

type CommandModule = { run(argv: readonly string[]): Promise<number> };

const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  start: () => import('./app/start.ts'),
  console: () => import('./app/console.ts'),
  ingest: () => import('./cli/ingest.ts'),
  cli: () => import('./app/cli-answer.ts'),
  deploy: () => import('./discord/deploy-cli.ts'),
  eval: () => import('./cli/eval.ts'),
  reports: () => import('./cli/reports.ts'),
};

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name ? COMMANDS[name] : undefined;
  if (!load) {
    console.error(
      `Unknown command ${JSON.stringify(name ?? '')}. Use one of: ${Object.keys(COMMANDS).join(', ')}.`,
    );
    return 2;
  }
  const module = await load();
  return module.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A crash's stack can quote a request URL: interaction tokens and URL passwords are hidden from it too.
    console.error(redactSecrets(error instanceof Error ? (error.stack ?? error.message) : String(error)));
    process.exitCode = 1;
  },
);
