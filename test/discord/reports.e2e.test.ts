import { type APIEmbed, PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportStore, REPORTS_NAMESPACE, type ReportStore } from '../../src/answer/reports.ts';
import { REPORTS_PER_HOUR } from '../../src/discord/report/limits.ts';
import type { UserView, ViewMessage } from '../fakes/discord/index.ts';
import { type BotHarness, startHarness } from './support/harness.ts';

const TRAM = '001_tram_line_vote';
const TRAM_TITLE = 'Harbor City council approves long-delayed tram line to the airport';
const QUESTION = 'How did the councillors vote on the tram?';

interface ShownModal {
  custom_id: string;
  title: string;
  components: { components: { custom_id: string; label: string; required: boolean; max_length: number }[] }[];
}

interface Button {
  custom_id: string;
  label: string;
  disabled?: boolean;
}

let h: BotHarness;
/** The bot's report store on the harness's own store; `failNextFile` makes the next write fail (a locked store). */
let failNextFile = false;
let opened: Promise<ReportStore> | undefined;
const realStore = () => {
  opened ??= h.runtime.openKeyv(REPORTS_NAMESPACE).then((keyv) => createReportStore(keyv));
  return opened;
};
const reportStore: ReportStore = {
  async file(report) {
    if (failNextFile) {
      failNextFile = false;
      throw new Error('SQLITE_BUSY: database is locked');
    }
    return (await realStore()).file(report);
  },
  page: async (guildId, page, size) => (await realStore()).page(guildId, page, size),
};
beforeAll(async () => {
  h = await startHarness({ extraServices: () => ({ reportStore }) });
});
afterAll(async () => {
  await h?.close();
});

const answered = (v: UserView) => !v.thinking && (v.original !== null || v.followUps.length > 0);
/** The part of the reply that carries the answer's buttons (the last one). */
const lastPart = (view: UserView): ViewMessage | undefined =>
  view.followUps.at(-1) ?? view.original ?? undefined;
const buttonsOf = (message: ViewMessage | null | undefined): Button[] =>
  ((message?.components ?? []) as { components: Button[] }[]).flatMap((row) => row.components);

let nextUser = 100_000;
/** A member of their own: the per-member limits never carry over between tests. */
const freshUser = () => String(nextUser++);

async function askAnswer(opts: { locale?: string } = {}): Promise<ViewMessage> {
  const view = await (await h.discord.command('ask', { question: QUESTION, article: TRAM }, opts)).waitFor(
    answered,
  );
  const part = lastPart(view);
  if (!part) throw new Error('no answer shown');
  return part;
}

function reportButton(message: ViewMessage): Button {
  const button = buttonsOf(message).find((b) => b.custom_id.startsWith('answer:report:'));
  if (!button) throw new Error('no Report button under the answer');
  return button;
}

async function openReport(message: ViewMessage, userId: string, locale?: string): Promise<UserView> {
  const interaction = await h.discord.button(reportButton(message).custom_id, {
    messageId: message.id,
    userId,
    ...(locale ? { locale } : {}),
  });
  return interaction.waitFor((v) => v.modal !== null || v.original !== null);
}

async function submitReport(
  message: ViewMessage,
  userId: string,
  note: string,
  locale?: string,
): Promise<UserView> {
  const opened = await openReport(message, userId, locale);
  const modal = opened.modal as ShownModal;
  const submitted = await h.discord.modalSubmit(
    modal.custom_id,
    { note },
    { messageId: message.id, userId, ...(locale ? { locale } : {}) },
  );
  return submitted.waitFor((v) => !v.thinking && (v.original !== null || v.followUps.length > 0));
}

const reportsAs = async (memberPermissions: bigint = PermissionFlagsBits.ManageGuild, locale?: string) =>
  (await h.discord.command('reports', {}, { memberPermissions, ...(locale ? { locale } : {}) })).waitFor(
    (v) => v.original !== null || v.followUps.length > 0,
  );

describe('the Report button', () => {
  it('GIVEN an answer THEN it carries Report; pressing it opens at once a modal asking what is wrong, optional, ≤ 1000', async () => {
    const answer = await askAnswer();
    expect(reportButton(answer).label).toBe('Report');
    const opened = await openReport(answer, freshUser());
    expect(opened.ackType).toBe(9);
    const modal = opened.modal as ShownModal;
    expect(modal.title).toBe('Report a problem with this answer');
    const field = modal.components[0]?.components[0];
    expect(field).toMatchObject({ custom_id: 'note', label: 'What is wrong? (optional)', required: false });
    expect(field?.max_length).toBe(1000);
    expect(opened.rejections).toEqual([]);
  });

  it('GIVEN a summary THEN it carries Report too', async () => {
    const view = await (await h.discord.command('summary', { article: TRAM })).waitFor(answered);
    expect(reportButton(lastPart(view) as ViewMessage).label).toBe('Report');
  });

  it('GIVEN a French member THEN the button, the modal and the thanks are in French', async () => {
    const answer = await askAnswer({ locale: 'fr' });
    expect(reportButton(answer).label).toBe('Signaler');
    const member = freshUser();
    const opened = await openReport(answer, member, 'fr');
    expect((opened.modal as ShownModal).title).toBe('Signaler un problème avec cette réponse');
    const thanked = await submitReport(await askAnswer({ locale: 'fr' }), member, '', 'fr');
    expect(thanked.original?.content).toMatch(/^Merci : votre signalement a été enregistré/);
  });

  it('GIVEN a note THEN the member is thanked privately and /reports shows the question, answer, note and model', async () => {
    const answer = await askAnswer();
    const thanked = await submitReport(
      answer,
      freshUser(),
      'The vote was 31 to 12, the answer says otherwise.',
    );
    expect(thanked.ephemeral).toBe(true);
    expect(thanked.original?.content).toMatch(/^Thank you — your report was saved/);
    expect(thanked.rejections).toEqual([]);

    const list = await reportsAs();
    expect(list.ephemeral).toBe(true);
    const embed = list.original?.embeds[0] as APIEmbed;
    expect(embed.title).toBe(TRAM_TITLE);
    expect(embed.description).toContain(`**Question:** ${QUESTION}`);
    expect(embed.description).toMatch(/\*\*Answer:\*\* .*31/);
    expect(embed.description).toContain(
      '**What is wrong:** The vote was 31 to 12, the answer says otherwise.',
    );
    expect(embed.footer?.text).toMatch(/ · article version 1$/);
  });

  it('GIVEN a hostile note THEN /reports shows it as plain text and pings no one', async () => {
    const answer = await askAnswer();
    await submitReport(
      answer,
      freshUser(),
      '@everyone **wrong** <@123456789012345678> [link](https://evil.example)',
    );
    const list = await reportsAs();
    const description = list.original?.embeds[0]?.description ?? '';
    expect(description).toContain('\\*\\*wrong\\*\\*');
    expect(description).toContain('\\[link\\]');
    expect(description).toContain('\\@everyone');
    expect(list.original?.pings).toEqual({ everyone: false, users: [], roles: [] });
  });

  it('GIVEN the same member reports the same answer again THEN they are told once is enough, and nothing more is stored', async () => {
    const answer = await askAnswer();
    const member = freshUser();
    await submitReport(answer, member, 'first');
    const before = await storedReports();
    const again = await openReport(answer, member);
    expect(again.modal).toBeNull();
    expect(again.original?.content).toBe(
      'You already reported this answer — thank you, one report is enough.',
    );
    expect(await storedReports()).toBe(before);
  });

  it(`GIVEN one member files ${REPORTS_PER_HOUR} reports THEN the next is refused, saying when they may send another`, async () => {
    const member = freshUser();
    for (let n = 0; n < REPORTS_PER_HOUR; n++) {
      const thanked = await submitExpired(String(9_000_000_000_000_000 + n), member);
      expect(thanked.original?.content ?? thanked.followUps[0]?.content).toMatch(/^Thank you/);
    }
    const refused = await submitExpired('9000000000000009999', member);
    const notice = refused.original?.content ?? refused.followUps[0]?.content ?? '';
    expect(notice).toMatch(new RegExp(`^You have sent ${REPORTS_PER_HOUR} reports in a short time`));
    expect(notice).toMatch(/<t:\d+:R>/);
  });
});

/** A modal submitted for an answer whose record is gone (expired, or never kept): on a real answer message. */
let expiredMessage: ViewMessage | undefined;
async function submitExpired(recordId: string, userId: string, note = 'stale'): Promise<UserView> {
  expiredMessage ??= await askAnswer();
  const submitted = await h.discord.modalSubmit(
    `report:note:${recordId}`,
    { note },
    { messageId: expiredMessage.id, userId },
  );
  return submitted.waitFor((v) => !v.thinking && (v.original !== null || v.followUps.length > 0));
}

async function storedReports(): Promise<number> {
  const keyv = await h.runtime.openKeyv(REPORTS_NAMESPACE);
  let count = 0;
  if (keyv.iterator)
    for await (const [key] of keyv.iterator(keyv.namespace)) if (String(key).startsWith('r:')) count++;
  return count;
}

describe('a report the store cannot take', () => {
  it('GIVEN the store refuses the write THEN the member is told nothing was sent and to try again, and the retry is taken', async () => {
    const answer = await askAnswer();
    const member = freshUser();
    failNextFile = true;
    const failed = await submitReport(answer, member, 'first try');
    const notice = failed.original?.content ?? failed.followUps[0]?.content;
    expect(notice).toBe(
      'Your report could not be saved just now, so nothing was sent. Please press Report again in a minute.',
    );
    expect(failed.ephemeral).toBe(true);
    const retried = await submitReport(answer, member, 'second try');
    expect(retried.original?.content).toMatch(/^Thank you — your report was saved/);
    expect(h.logs.lines.some((line) => line.msg === 'could not store a report')).toBe(true);
  });
});

describe('a report on an answer no longer on record', () => {
  it('GIVEN the record expired THEN the report is still taken, keeping what the message showed', async () => {
    const thanked = await submitExpired('1234567890123456789', freshUser(), 'still wrong');
    expect(thanked.original?.content).toMatch(/no longer on record/);
    const list = await reportsAs();
    const embed = list.original?.embeds[0] as APIEmbed;
    expect(embed.description).toMatch(/^\*\*The answer was no longer on record; the message showed:\*\*/);
    expect(embed.description).toContain(TRAM_TITLE);
    expect(embed.description).toContain('**What is wrong:** still wrong');
  });
});

describe('a report from another server', () => {
  it('GIVEN an answer given in one server reported from another THEN the answer is not copied into that server’s reports', async () => {
    const answer = await askAnswer();
    const recordId = reportButton(answer).custom_id.replace('answer:report:', '');
    const other = h.discord.addGuild({ name: 'Elsewhere' });
    const where = { guildId: other.guildId, channelId: other.channelId };
    const submitted = await h.discord.modalSubmit(`report:note:${recordId}`, { note: 'from afar' }, where);
    const thanked = await submitted.waitFor((v) => !v.thinking && v.original !== null);
    expect(thanked.original?.content).toMatch(/no longer on record/);
    const list = await (
      await h.discord.command('reports', {}, { ...where, memberPermissions: PermissionFlagsBits.ManageGuild })
    ).waitFor((v) => v.original !== null);
    const description = list.original?.embeds[0]?.description ?? '';
    expect(description).not.toContain(QUESTION);
    expect(description).toContain('**What is wrong:** from afar');
  });
});

describe('/reports', () => {
  it('GIVEN a member without Manage Server THEN refused privately, and no report is shown', async () => {
    const view = await reportsAs(0n);
    expect(view.ephemeral).toBe(true);
    expect(view.original?.content).toBe(
      'Only members with the Manage Server permission can see this server’s reports.',
    );
    expect(view.original?.embeds ?? []).toEqual([]);
  });

  it('GIVEN it is registered THEN only Manage Server sees it, in servers only', () => {
    const registered = h.discord.registeredCommands() as {
      name: string;
      default_member_permissions: string | null;
      contexts?: number[];
    }[];
    const command = registered.find((c) => c.name === 'reports');
    expect(command?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    expect(command?.contexts).toEqual([0]);
  });

  it('GIVEN more reports than a page THEN newest first, five a page, and Older/Newer go through them', async () => {
    for (let n = 0; n < 6; n++)
      await submitExpired(String(8_000_000_000_000_000 + n), freshUser(), `page note ${n}`);
    const first = await reportsAs();
    expect(first.original?.content).toMatch(/^Reported answers, newest first: 1–5 of \d+\.$/);
    expect(first.original?.embeds).toHaveLength(5);
    expect(first.original?.embeds[0]?.description).toContain('page note 5');
    const [newer, older] = buttonsOf(first.original);
    expect(newer).toMatchObject({ label: 'Newer', disabled: true });
    expect(older).toMatchObject({ label: 'Older', disabled: false });

    const turned = await (
      await h.discord.button(older?.custom_id ?? '', { messageId: first.original?.id ?? '' })
    ).waitFor((v) => v.ackType !== null);
    expect(turned.ackType).toBe(7);
    expect(turned.original?.id).toBe(first.original?.id);
    expect(turned.original?.content).toMatch(/^Reported answers, newest first: 6–\d+ of \d+\.$/);
    expect(turned.original?.embeds[0]?.description).toContain('page note 0');
    expect(buttonsOf(turned.original)[0]).toMatchObject({ label: 'Newer', disabled: false });
  });

  it('GIVEN a page button pressed by a member without Manage Server THEN refused, the page unchanged', async () => {
    const view = await (await h.discord.button('reports:older:1', { memberPermissions: 0n })).waitFor(
      (v) => v.original !== null || v.followUps.length > 0,
    );
    expect(view.ephemeral).toBe(true);
    expect(view.original?.content).toMatch(/Manage Server/);
  });
});
