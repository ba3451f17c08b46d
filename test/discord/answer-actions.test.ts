import { type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { type AnswerRecords, createAnswerRecords, recordOf } from '../../src/answer/records.ts';
import { silentLogger } from '../../src/core/log.ts';
import {
  type AnswerAction,
  answerCustomId,
  parseAnswerCustomId,
  withAnswerActions,
} from '../../src/discord/answer-actions.ts';
import { renderReply } from '../../src/discord/render.ts';
import { completedReply, longProse } from './support/replies.ts';

const knock: AnswerAction = {
  button: (recordId): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: 'Knock',
    custom_id: answerCustomId('knock', recordId),
  }),
};

function recorded(records: AnswerRecords, actions: readonly AnswerAction[] = [knock]) {
  const reply = completedReply();
  const record = recordOf(reply, { kind: 'ask', question: 'How many votes?', language: 'en', guildId: '1' });
  return { records, actions, recordId: '1234567890123456789', record, logger: silentLogger };
}

describe('the buttons under an answer', () => {
  it('GIVEN an answer in several parts THEN the buttons are on the last part only, and its record is kept', async () => {
    const records = createAnswerRecords(new Keyv());
    const parts = renderReply(completedReply({ result: { text: longProse(9000) } }), 'en');
    expect(parts.length).toBeGreaterThan(1);
    const shown = await withAnswerActions(parts, recorded(records));
    expect(shown.slice(0, -1).every((part) => part.components === undefined)).toBe(true);
    expect(shown.at(-1)?.components?.[0]?.components[0]).toMatchObject({
      custom_id: 'answer:knock:1234567890123456789',
    });
    const kept = await records.get('1234567890123456789');
    expect(kept).toMatchObject({ question: 'How many votes?', kind: 'ask', article: { version: 1 } });
  });

  it('GIVEN the store refuses the record THEN the answer is shown without buttons, not lost', async () => {
    const broken: AnswerRecords = { save: async () => false, get: async () => undefined };
    const parts = renderReply(completedReply(), 'en');
    const shown = await withAnswerActions(parts, recorded(broken));
    expect(shown).toEqual(parts);
  });

  it('GIVEN no action applies THEN no record is written', async () => {
    const records = createAnswerRecords(new Keyv());
    const none: AnswerAction = { button: () => null };
    await withAnswerActions(renderReply(completedReply(), 'en'), recorded(records, [none]));
    expect(await records.get('1234567890123456789')).toBeUndefined();
  });

  it('GIVEN a custom id THEN only answer:<action>:<snowflake> is read as one', () => {
    expect(parseAnswerCustomId('answer:report:42')).toEqual({ action: 'report', recordId: '42' });
    expect(parseAnswerCustomId('answer:report:42:x')).toBeNull();
    expect(parseAnswerCustomId('digest:summary:42')).toBeNull();
    expect(parseAnswerCustomId(`answer:report:${'9'.repeat(21)}`)).toBeNull();
  });
});
