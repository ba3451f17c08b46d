import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, redactSecrets, secretsOf } from '../../src/core/log.ts';

describe('log redaction', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** What the logger wrote to a real file descriptor, as an operator's log file would hold it. */
  function logged(write: (logger: ReturnType<typeof createLogger>) => void, secrets: string[] = []): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-log-'));
    dirs.push(dir);
    const file = path.join(dir, 'log.jsonl');
    const fd = openSync(file, 'w');
    write(createLogger('debug', fd, secrets));
    closeSync(fd);
    return readFileSync(file, 'utf8');
  }

  it('GIVEN a Discord error whose URL carries an interaction token THEN the line keeps the route, not the token', () => {
    const error = Object.assign(new Error('Unknown Webhook'), {
      url: 'http://127.0.0.1:9/api/v10/webhooks/100000000000000001/aW50ZXJhY3Rpb24tdG9rZW4.x_y-z/messages/%40original',
      callback:
        'https://discord.com/api/v10/interactions/1577446562920005632/aW50ZXJhY3Rpb24tb3RoZXI/callback',
    });
    const line = logged((logger) => logger.error({ err: error }, 'command failed'));
    expect(line).toContain('/webhooks/100000000000000001/[redacted]/messages/%40original');
    expect(line).toContain('/interactions/1577446562920005632/[redacted]/callback');
    expect(line).not.toMatch(/aW50ZXJhY3Rpb24/);
  });

  it('GIVEN store URLs with passwords in messages and fields THEN the password is hidden, user and host kept', () => {
    const line = logged((logger) => {
      logger.warn({ store: 'redis://cache:p@ss/w0rd-x@10.0.0.5:6379/0' }, 'store down');
      logger.warn('could not open postgres://news:Sekr%C3%ABt@db.internal/newsdesk?sslmode=require');
      logger.info({ password: 'plain-field-secret', target: 'https://x.example/?token=qwerty123&a=1' }, 'x');
    });
    expect(line).not.toMatch(/p@ss|w0rd-x|Sekr|plain-field-secret|qwerty123/);
    expect(line).toContain('//cache:***@');
    expect(line).toContain('//news:***@db.internal/newsdesk?sslmode=require');
    expect(line).toContain('token=[redacted]&a=1');
  });

  it('GIVEN the configured token, key and store password THEN none appears wherever it is logged', () => {
    const config = {
      discord: { token: 'bot-token-value-1234', guildId: undefined, apiUrl: undefined },
      anthropic: {
        apiKey: 'sk-ant-key-value-5678',
        baseUrl: undefined,
        model: 'm',
        timeoutMs: 1,
        maxRetries: 0,
      },
      storeUrl: 'postgres://news:store-pass-9012@db/newsdesk',
    };
    const secrets = secretsOf(config);
    expect(secrets).toEqual(['bot-token-value-1234', 'sk-ant-key-value-5678', 'store-pass-9012']);
    const line = logged((logger) => {
      logger.error({ header: 'Bot bot-token-value-1234', echoed: 'key sk-ant-key-value-5678' }, 'oops');
      logger.error('the password was store-pass-9012, or store-pass-9012 encoded');
    }, secrets);
    for (const secret of secrets) expect(line).not.toContain(secret);
  });

  it('GIVEN store passwords holding a quote, a backslash or a space THEN the JSON log line carries none of them', () => {
    const urls = [
      'redis://default:s3cr3t"quote@cache.internal:6379',
      'postgresql://news:pa\\ss12345@db.internal/newsdesk',
      'rediss://news:open sesame1@cache.internal',
    ];
    for (const storeUrl of urls) {
      const secrets = secretsOf({ discord: {}, anthropic: {}, storeUrl } as Parameters<typeof secretsOf>[0]);
      const password = /:([^:]*)@/.exec(storeUrl)?.[1] ?? '';
      // JSON writes `"` and `\` escaped: the line must carry neither the password nor its escaped spelling.
      const line = logged(
        (logger) => logger.error({ err: new Error(`cannot reach ${storeUrl}`) }, 'store'),
        secrets,
      );
      expect(JSON.parse(line).err.message).not.toContain(password);
      expect(line).not.toContain(JSON.stringify(password).slice(1, -1));
    }
  });

  it('GIVEN ordinary text THEN redaction leaves it as it was', () => {
    const text = 'Bot ready in 3 guilds; see https://news.example/a?page=2 and user@example.com';
    expect(redactSecrets(text)).toBe(text);
  });
});
