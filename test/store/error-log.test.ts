import { describe, expect, it } from 'vitest';
import { STORE_ERROR_LOG_INTERVAL_MS, throttledErrorLog } from '../../src/store/error-log.ts';
import { captureLogs } from '../discord/support/harness.ts';

describe('store errors in the log', () => {
  it('GIVEN an outage failing hundreds of operations THEN one line at once, then one per interval with the count left out', () => {
    const logs = captureLogs();
    let now = 0;
    const log = throttledErrorLog(logs.logger, { namespace: 'usage' }, () => now);
    for (let i = 0; i < 300; i++) {
      log(new Error('The client is offline'));
      now += 50;
    }
    const lines = logs.lines.filter((line) => line.msg === 'store error');
    const expected = Math.ceil((300 * 50) / STORE_ERROR_LOG_INTERVAL_MS);
    expect(lines).toHaveLength(expected);
    expect(lines[0]).toMatchObject({ namespace: 'usage', err: { message: 'The client is offline' } });
    expect(lines[0]).not.toHaveProperty('alsoSinceLastLine');
    expect(lines[1]?.alsoSinceLastLine).toBe(STORE_ERROR_LOG_INTERVAL_MS / 50 - 1);
  });
});
