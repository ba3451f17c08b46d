import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { translate } from '../../src/core/i18n/index.ts';
import { type NewsWorld, settled, startNewsWorld } from './support/news-world.ts';

describe('/help and commands the bot does not serve', () => {
  let world: NewsWorld;
  beforeAll(async () => {
    world = await startNewsWorld();
  });
  afterAll(async () => world?.close());

  it('GIVEN a German member WHEN /help THEN privately every registered command, each with its German description and its options', async () => {
    const view = await (await world.discord.command('help', {}, { locale: 'de' })).waitFor(settled);
    expect(view.ephemeral).toBe(true);
    expect(view.rejections).toEqual([]);
    const [embed] = view.original?.embeds ?? [];
    expect(embed?.title).toBe(translate('de', 'help.title'));
    const fields = embed?.fields ?? [];
    // Every name as the German member's client shows it: the registration's German name_localizations (a message
    // command, type 3, is used from a message's Apps menu under its German label).
    type Registered = {
      name: string;
      type?: number;
      name_localizations?: { de?: string };
      options?: Registered[];
    };
    const german = (c: Registered) => c.name_localizations?.de ?? c.name;
    const registered = world.discord.registeredCommands() as Registered[];
    const shownAs = (c: Registered) =>
      c.type === 3 ? translate('de', 'help.message-command', { name: german(c) }) : `/${german(c)}`;
    expect(fields.map((f) => f.name).sort()).toEqual(registered.map(shownAs).sort());
    for (const command of registered) {
      const field = fields.find((f) => f.name === shownAs(command));
      const data = COMMANDS.find((candidate) => candidate.data.name === command.name)?.data;
      const description = data?.description ?? { key: 'help.title' as const };
      expect(field?.value.startsWith(translate('de', description.key, description.params))).toBe(true);
      for (const option of command.options ?? []) {
        // Subcommands (type 1) are shown as `/befehl unter`, options as `name`.
        const shown = option.type === 1 ? `/${german(command)} ${german(option)}` : german(option);
        expect(field?.value).toContain(`\`${shown}\``);
      }
    }
    expect(fields.find((f) => f.name === '/zusammenfassung')?.value).toContain('`artikel`');
    const digest = fields.find((f) => f.name === `/${translate('de', 'name.digest')}`);
    expect(digest?.value).toContain(translate('de', 'help.manage-server'));
    expect(fields.find((f) => f.name === `/${translate('de', 'name.ask')}`)?.value).not.toContain(
      translate('de', 'help.manage-server'),
    );
    expect(world.anthropic.requests).toHaveLength(0);
  });

  it('GIVEN a command Discord still shows but this bot does not serve THEN the member reads it is not available yet, and only the log names `npm run deploy-commands`', async () => {
    const view = await (await world.discord.command('vanished', {}, { locale: 'es-ES' })).waitFor(
      (v) => v.ackType !== null,
    );
    expect(view.ephemeral).toBe(true);
    expect(view.original?.content).toBe(translate('es', 'news.unavailable', { command: 'vanished' }));
    expect(view.original?.content).not.toMatch(/npm|deploy/);
    const logged = world.logs.lines.find((line) => line.command === 'vanished' && line.level === 40);
    expect(String(logged?.msg)).toContain('npm run deploy-commands');
  });
});
