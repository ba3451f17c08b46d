import { DiscordAPIError, HTTPError } from 'discord.js';
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { classifyDeliveryError, digestNonce, withRetry } from '../../src/digest/delivery.ts';
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

function apiError(code: number, status: number) {
  return new DiscordAPIError(
    { code, message: `error ${code}` },
    code,
    status,
    'POST',
    '/channels/1/messages',
    {},
  );
}

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
    const paused = pause(beginSending(EMPTY_STATE, sending), 'channel-missing', 'The channel is gone.', AT);
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

describe('digest delivery', () => {
  it('GIVEN a guild, a day and a part THEN the nonce is the same every time, distinct otherwise, and ≤ 25 chars', () => {
    const nonce = digestNonce('200000000000000002', '2026-03-29', 0);
    expect(nonce).toBe(digestNonce('200000000000000002', '2026-03-29', 0));
    expect(nonce.length).toBeLessThanOrEqual(25);
    const others = [
      digestNonce('200000000000000002', '2026-03-29', 1),
      digestNonce('200000000000000002', '2026-03-30', 0),
      digestNonce('200000000000000099', '2026-03-29', 0),
    ];
    expect(new Set([nonce, ...others]).size).toBe(4);
  });

  it('GIVEN Discord errors THEN lost channel or permission pauses, 5xx is transient, others are errors', () => {
    expect(classifyDeliveryError(apiError(10003, 404))).toMatchObject({
      kind: 'pause',
      code: 'channel-missing',
    });
    expect(classifyDeliveryError(apiError(50001, 403))).toMatchObject({
      kind: 'pause',
      code: 'missing-access',
    });
    expect(classifyDeliveryError(apiError(50013, 403))).toMatchObject({
      kind: 'pause',
      code: 'missing-permissions',
    });
    expect(classifyDeliveryError(new HTTPError(502, 'Bad Gateway', 'POST', '/x', {})).kind).toBe('transient');
    expect(classifyDeliveryError(apiError(50035, 400)).kind).toBe('other');
    expect(classifyDeliveryError(new Error('boom')).kind).toBe('other');
  });

  it('GIVEN Discord 5xx twice THEN the send is retried with growing backoff and succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw new HTTPError(503, 'Unavailable', 'POST', '/x', {});
        return 'ok';
      },
      { sleep: async (ms) => waits.push(ms), baseDelayMs: 100 },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([100, 200]);
  });

  it('GIVEN a permission error or a 5xx that never ends THEN no retry, or retries stop at the limit', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => waits.push(ms);
    await expect(withRetry(() => Promise.reject(apiError(50013, 403)), { sleep })).rejects.toThrow();
    expect(waits).toEqual([]);
    const down = () => Promise.reject(new HTTPError(500, 'Error', 'POST', '/x', {}));
    await expect(withRetry(down, { sleep, attempts: 3, baseDelayMs: 10 })).rejects.toBeInstanceOf(HTTPError);
    expect(waits).toEqual([10, 20]);
  });
});
