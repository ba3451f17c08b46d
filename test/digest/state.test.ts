import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import {
  abandonSending,
  beginSending,
  createDigestRepository,
  finishSending,
  partSent,
  pause,
  resume,
} from '../../src/digest/state.ts';
import { EMPTY_STATE, type SendingState } from '../../src/digest/types.ts';
import { digestConfig } from './support.ts';

const AT = new Date('2026-03-29T07:00:05Z');

const sending: SendingState = {
  slotDate: '2026-03-29',
  nonceSeed: '2026-03-29',
  startedAt: AT.toISOString(),
  windowEnd: AT.toISOString(),
  channelId: '300000000000000003',
  messages: [
    { content: 'one', embeds: [], components: [] },
    { embeds: [], components: [] },
  ],
  articleIds: ['a', 'b'],
  sentIds: [],
};

describe('digest delivery state', () => {
  it('GIVEN a post sent part by part THEN the last post and the day are recorded, and sending cleared', () => {
    let state = beginSending(EMPTY_STATE, sending);
    state = partSent(partSent(state, 'm1'), 'm2');
    const done = finishSending(state, AT);
    expect(done.sending).toBeNull();
    expect(done.lastSlotDate).toBe('2026-03-29');
    expect(done.lastPost).toMatchObject({
      messageIds: ['m1', 'm2'],
      articleIds: ['a', 'b'],
      windowEnd: AT.toISOString(),
    });
  });

  it('GIVEN a pause THEN the reason is kept until /digest set resumes it', () => {
    const paused = pause(
      beginSending(EMPTY_STATE, sending),
      { code: 'channel-missing', reason: 'The channel is gone.' },
      AT,
    );
    expect(paused).toMatchObject({
      sending: null,
      paused: { code: 'channel-missing', reason: 'The channel is gone.' },
    });
    expect(paused.lastError?.message).toBe('The channel is gone.');
    expect(resume(paused).paused).toBeNull();
  });

  it('GIVEN an interrupted post given up THEN that day counts as dealt with and the status says why', () => {
    const given = abandonSending(beginSending(EMPTY_STATE, sending), 'Interrupted.', AT);
    expect(given).toMatchObject({
      sending: null,
      lastSlotDate: '2026-03-29',
      lastError: { message: 'Interrupted.' },
    });
  });

  it('GIVEN a keyv store THEN configs and states round-trip, and configs load in one call for many guilds', async () => {
    const repo = createDigestRepository(new Keyv());
    await repo.saveConfig(digestConfig({ guildId: '1' }));
    await repo.saveConfig(digestConfig({ guildId: '3', time: '18:30' }));
    const configs = await repo.configs(['1', '2', '3']);
    expect([...configs.keys()]).toEqual(['1', '3']);
    expect(configs.get('3')?.time).toBe('18:30');
    expect(await repo.state('1')).toEqual(EMPTY_STATE);
    await repo.saveState('1', beginSending(EMPTY_STATE, sending));
    expect((await repo.state('1')).sending?.articleIds).toEqual(['a', 'b']);
    await repo.removeConfig('1');
    expect(await repo.config('1')).toBeUndefined();
  });
});
