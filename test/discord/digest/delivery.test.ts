import { DiscordAPIError, HTTPError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { classifyDeliveryError, digestNonce, withRetry } from '../../../src/discord/digest/delivery.ts';

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
