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
    // A message command (type 3) is used from a message's Apps menu, under its name in the member's language.
    const shownAs = ({ name }: { name: string }) => `/${name}`;
    const registered = world.discord.registeredCommands() as {
      name: string;
      type?: number;
      name_localizations?: { de?: string };
    }[];
    const menuName = (c: (typeof registered)[number]) =>
      translate('de', 'help.message-command', { name: c.name_localizations?.de ?? c.name });
    expect(fields.map((f) => f.name).sort()).toEqual(
      registered.map((c) => (c.type === 3 ? menuName(c) : shownAs(c))).sort(),
    );
    for (const { data } of COMMANDS) {
      const type = data.type;
      const shown =
        type === undefined || type === 'chat-input'
          ? `/${data.name}`
          : translate('de', 'help.message-command', { name: translate('de', type.label) });
      const field = fields.find((f) => f.name === shown);
      expect(field?.value.startsWith(translate('de', data.description.key, data.description.params))).toBe(
        true,
      );
      for (const option of data.options) expect(field?.value).toContain(`\`${option.name}\``);
      for (const sub of data.subcommands) expect(field?.value).toContain(`\`/${data.name} ${sub.name}\``);
    }
    const digest = fields.find((f) => f.name === '/digest');
    expect(digest?.value).toContain(translate('de', 'help.manage-server'));
    expect(fields.find((f) => f.name === '/ask')?.value).not.toContain(translate('de', 'help.manage-server'));
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
