import { PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { translate } from '../../src/core/i18n/index.ts';
import { type DigestBot, type DigestWorld, eventually, startDigestWorld } from './harness.ts';

/**
 * The digest in the server's language and the admin's, through the fake Discord: `/digest` replies follow the
 * admin's Discord language, the posted digest the server's (or the one chosen with `/digest set language`), with
 * dates and counts as that language writes them. Time zones stay as the server picked them.
 */

/** The labels of a message's buttons, row by row, as a member reads them. */
const buttonLabels = (rows: unknown[] | undefined) =>
  ((rows ?? []) as { components: { label?: string }[] }[]).flatMap((row) =>
    row.components.map((b) => b.label),
  );

const EARLY = '2026-03-28T07:00:00Z';
/** 09:00 in Berlin on 28 March 2026 (UTC+1): the first slot after EARLY. */
const BERLIN_NINE = '2026-03-28T08:00:01Z';

/** Each item's Summary, Ask and Discuss labels, as the catalogue words them in that language. */
const itemLabels = (language: string, positions: readonly number[]) =>
  positions.flatMap((position) =>
    (['news.button.summary', 'news.button.ask', 'thread.discuss-item'] as const).map((key) =>
      translate(language, key, { position }),
    ),
  );

describe('the digest in the server’s language, end to end', () => {
  let world: DigestWorld;
  let bot: DigestBot;
  afterEach(async () => world?.close());

  async function begin(start = EARLY) {
    world = await startDigestWorld(start);
    bot = await world.connect();
  }

  async function run(
    subcommand: string,
    options: Record<string, string | number | boolean>,
    where: { locale?: string; guildLocale?: string } = {},
  ) {
    const interaction = await world.discord.command('digest', options, { subcommand, ...where });
    return interaction.waitFor((v) => v.original !== null && !v.thinking);
  }

  const set = (
    options: Record<string, string | number | boolean> = {},
    where: { locale?: string; guildLocale?: string } = {},
  ) =>
    run(
      'set',
      { channel: world.discord.channelId, time: '09:00', timezone: 'Europe/Berlin', ...options },
      where,
    );

  async function postAtNine() {
    world.at(BERLIN_NINE);
    await bot.digest.tick();
    return world.discord.channelMessages();
  }

  it('GIVEN a German server and a German admin WHEN /digest set THEN the reply and the posted digest are German', async () => {
    await begin();
    const view = await set({}, { locale: 'de', guildLocale: 'de' });
    expect(view.ephemeral).toBe(true);
    expect(view.original?.content).toContain('Täglicher Überblick in <#');
    expect(view.original?.content).toContain('um 09:00 Europe/Berlin, bis zu 5 Artikel, auf Deutsch.');
    expect(view.original?.content).toContain(
      'Nächster Post: Samstag, 28. März 2026 um 09:00 (Europe/Berlin).',
    );
    await world.ingest([1]);
    const [post] = await postAtNine();
    expect(post?.content).toMatch(/^\*\*Täglicher Überblick\*\* · Samstag, 28\. März 2026 · 1 neuer Artikel/);
    const labels = buttonLabels(post?.components);
    expect(labels).toEqual(['Zusammenfassung #1', 'Frage zu #1', 'Besprechen #1']);
  });

  it('GIVEN an English admin WHEN /digest set language: Russian THEN the admin reads English and the channel Russian, counted the Russian way', async () => {
    await begin();
    const view = await set({ language: 'ru' }, { locale: 'en-US', guildLocale: 'en-US' });
    expect(view.original?.content).toContain('up to 5 articles, in Russian.');
    expect((await world.repo.config(world.discord.guildId))?.language).toBe('ru');
    await world.ingest([1, 2]);
    const [post] = await postAtNine();
    expect(post?.content).toMatch(
      /^\*\*Ежедневный дайджест\*\* · суббота, 28 марта 2026 г\. · 2 новые статьи/,
    );
    const labels = buttonLabels(post?.components);
    expect(labels).toEqual(itemLabels('ru', [1, 2]));
  });

  it('GIVEN a digest set to Russian WHEN /digest set again without a language (a new time) THEN it stays Russian', async () => {
    await begin();
    await set({ language: 'ru' }, { locale: 'en-US', guildLocale: 'de' });
    await set({ time: '10:15' }, { locale: 'en-US', guildLocale: 'de' });
    const config = await world.repo.config(world.discord.guildId);
    expect(config?.time).toBe('10:15');
    expect(config?.language).toBe('ru');
  });

  it('GIVEN a French admin WHEN /digest status and /digest off THEN French, dates in French, the digest language named in French', async () => {
    await begin();
    await set({ language: 'es' }, { locale: 'fr', guildLocale: 'fr' });
    const status = await run('status', {}, { locale: 'fr' });
    expect(status.original?.content).toContain('jusqu’à 5 articles, en espagnol.');
    expect(status.original?.content).toContain(
      'Prochaine publication : samedi 28 mars 2026 à 09:00 (Europe/Berlin)',
    );
    expect(status.original?.content).toContain('Dernière publication : aucune pour l’instant.');
    expect((await run('off', {}, { locale: 'fr' })).original?.content).toBe(
      'La revue quotidienne est désactivée.',
    );
  });

  it('GIVEN a Spanish admin WHEN a time or zone is wrong THEN the refusal is Spanish, echoes only what is safe, and nothing is saved', async () => {
    await begin();
    const time = await set({ time: '25:00' }, { locale: 'es-ES' });
    expect(time.ephemeral).toBe(true);
    expect(time.original?.content).toBe(
      '«25:00» no es una hora del día: usa HH:MM en formato de 24 horas, p. ej. 09:00 o 18:30.',
    );
    const zone = await set({ timezone: '**@everyone** Mars/Base' }, { locale: 'es-419' });
    expect(zone.original?.content).toMatch(/^«everyone Mars\/Base» no es una zona horaria que conozca/);
    expect(await world.repo.config(world.discord.guildId)).toBeUndefined();
  });

  it('GIVEN a Russian admin WHEN /digest post-now before and after /digest set THEN both answers are Russian', async () => {
    await begin();
    const early = await run('post-now', {}, { locale: 'ru' });
    expect(early.ephemeral).toBe(true);
    expect(early.original?.content).toBe(
      'На этом сервере дайджест ещё не настроен. Сначала используйте /дайджест настроить.',
    );
    await set({}, { locale: 'ru', guildLocale: 'ru' });
    await world.ingest([1, 2, 3, 4, 5]);
    const posted = await run('post-now', {}, { locale: 'ru' });
    expect(posted.original?.content).toMatch(
      /^Дайджест опубликован \(5 статей\) в <#\d+> — https:\/\/discord\.com\//,
    );
    const [post] = world.discord.channelMessages();
    expect(post?.content).toMatch(/· 5 новых статей$/);
  });

  it('GIVEN a German admin WHEN the bot may not embed links in the chosen channel THEN the refusal names the permission as the German client does', async () => {
    await begin();
    world.discord.setChannelPermissions(
      world.discord.channelId,
      PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages,
    );
    await eventually(() => {
      const channel = bot.client.channels.cache.get(world.discord.channelId);
      const user = bot.client.user;
      if (!channel || !user || !('permissionsFor' in channel)) return false;
      return channel.permissionsFor(user)?.has(PermissionFlagsBits.EmbedLinks) === false;
    });
    const denied = await set({}, { locale: 'de' });
    expect(denied.ephemeral).toBe(true);
    expect(denied.original?.content).toMatch(/Mir fehlen dort diese Berechtigungen: Links einbetten\./);
    expect(await world.repo.config(world.discord.guildId)).toBeUndefined();
  });

  it('GIVEN the timezone box WHEN an admin types kyiv or the old spelling kiev THEN Europe/Kyiv is offered', async () => {
    await begin();
    for (const typed of ['kyiv', 'Kiev', 'europe/ky']) {
      const box = await world.discord.autocomplete('digest', { timezone: typed }, 'timezone', {
        subcommand: 'set',
      });
      const { choices } = await box.waitFor((v) => v.choices !== null);
      expect(choices?.[0], typed).toEqual({ name: 'Europe/Kyiv (UTC+02:00)', value: 'Europe/Kyiv' });
    }
    const empty = await world.discord.autocomplete('digest', { timezone: '' }, 'timezone', {
      subcommand: 'set',
    });
    const common = (await empty.waitFor((v) => v.choices !== null)).choices?.map((c) => c.value) ?? [];
    expect(common).toContain('Europe/Kyiv');
    expect(common).toContain('Asia/Kolkata');
    expect(common).not.toContain('Europe/Kiev');
  });

  it('GIVEN /digest set timezone europe/kyiv THEN Europe/Kyiv is kept and shown as picked, and the digest posts at 09:00 Kyiv time', async () => {
    await begin('2026-03-28T05:00:00Z');
    const view = await set({ timezone: 'europe/kyiv' });
    expect(view.original?.content).toContain('at 09:00 Europe/Kyiv');
    expect(view.original?.content).not.toContain('Kiev');
    expect((await world.repo.config(world.discord.guildId))?.timeZone).toBe('Europe/Kyiv');
    expect((await run('status', {})).original?.content).toContain('(Europe/Kyiv)');
    await world.ingest([1]);
    world.at('2026-03-28T06:59:00Z'); // 08:59 in Kyiv (UTC+2): not yet
    await bot.digest.tick();
    expect(world.discord.channelMessages()).toHaveLength(0);
    world.at('2026-03-28T07:00:01Z');
    await bot.digest.tick();
    expect(world.discord.channelMessages()).toHaveLength(1);
  });

  it('GIVEN an admin who picks the old name Europe/Kiev THEN that is what is kept and shown', async () => {
    await begin();
    const view = await set({ timezone: 'Europe/Kiev' });
    expect(view.original?.content).toContain('at 09:00 Europe/Kiev');
    expect((await world.repo.config(world.discord.guildId))?.timeZone).toBe('Europe/Kiev');
  });
});
