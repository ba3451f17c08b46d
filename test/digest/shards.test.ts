import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/articles/article.ts';
import { openArticleStore } from '../../src/articles/store.ts';
import { silentLogger } from '../../src/core/log.ts';
import { shardOfGuild } from '../../src/core/shards.ts';
import type { DigestChannelPort, OutgoingPart } from '../../src/digest/port.ts';
import { createDigestService, type DigestService } from '../../src/digest/service.ts';
import { createDigestRepository } from '../../src/digest/state.ts';
import { DIGEST_NAMESPACE } from '../../src/digest/types.ts';
import { openKeyv } from '../../src/store/keyv.ts';
import { countingModel, digestConfig, ingestFresh, testNewsroom } from './support.ts';

const SHARDS = 2;
const GUILDS = 8;
/** Guild ids spread over both shards: Discord routes a guild to shard (id >> 22) % count. */
const guildIds = Array.from({ length: GUILDS }, (_, index) => String((BigInt(index + 1) << 22n) + 7n));

/** The chat service as one shard's process sees it: only its shard's guilds are in its cache. */
function shardPort(shard: number, posted: OutgoingPart[], servedNow: () => boolean = () => true) {
  const mine = guildIds.filter((id) => shardOfGuild(id, SHARDS) === shard);
  const port: DigestChannelPort = {
    guildIds: () => (servedNow() ? mine : []),
    serves: (guildId) => servedNow() && mine.includes(guildId),
    channelRefusal: async () => null,
    checkChannel: async () => ({ ok: true }),
    render: (composed) => (composed.items.length > 0 ? [{ content: `${composed.items.length} items` }] : []),
    post: async (part) => {
      posted.push(part);
      return { ok: true, messageId: `${part.guildId}-${part.index}-${posted.length}` };
    },
    resendWindowMs: 60_000,
  };
  return port;
}

describe('the digest with shards: each guild has exactly one poster', () => {
  let dir: string;
  let store: ArticleStore;
  const keyvs: Keyv[] = [];
  const clock = { ms: Date.parse('2026-03-02T08:30:00Z') };
  const now = () => new Date(clock.ms);

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-digest-shards-'));
    store = await openArticleStore({ url: `sqlite://${path.join(dir, 'store.sqlite')}` });
    await ingestFresh(store, now(), [1, 2, 3]);
  });
  afterEach(async () => {
    await Promise.all(keyvs.splice(0).map((keyv) => keyv.disconnect()));
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** One shard process's digest service, with its own connection to the shared store. */
  async function shardService(port: DigestChannelPort): Promise<DigestService> {
    const keyv = await openKeyv(`sqlite://${path.join(dir, 'store.sqlite')}`, {
      namespace: DIGEST_NAMESPACE,
    });
    keyvs.push(keyv);
    return createDigestService({
      port,
      keyv,
      store,
      newsroom: testNewsroom(store, countingModel().answerer),
      sourceDisclaimer: 'Configured disclaimer.',
      catchUpHours: 6,
      logger: silentLogger,
      now,
    });
  }

  async function configureAll(): Promise<void> {
    const keyv = await openKeyv(`sqlite://${path.join(dir, 'store.sqlite')}`, {
      namespace: DIGEST_NAMESPACE,
    });
    keyvs.push(keyv);
    const repo = createDigestRepository(keyv);
    for (const guildId of guildIds)
      await repo.saveConfig(digestConfig({ guildId, channelId: `${guildId}9` }));
  }

  it('GIVEN two shard processes over one store THEN each due digest is posted once, by its shard', async () => {
    await configureAll();
    const posted: OutgoingPart[][] = [[], []];
    const services = [
      await shardService(shardPort(0, posted[0] ?? [])),
      await shardService(shardPort(1, posted[1] ?? [])),
    ];
    clock.ms = Date.parse('2026-03-02T08:01:05Z'); // 09:01 in Berlin: every digest is due
    await Promise.all(services.map((service) => service.tick()));
    await Promise.all(services.map((service) => service.tick()));
    const all = posted.flat().map((part) => part.guildId);
    expect([...all].sort()).toEqual([...guildIds].sort());
    for (const [shard, parts] of posted.entries()) {
      for (const part of parts) expect(shardOfGuild(part.guildId, SHARDS)).toBe(shard);
    }
  });

  it('GIVEN a shard reconnecting (its guilds briefly not served) THEN the next tick after it is back posts once', async () => {
    await configureAll();
    const posted: OutgoingPart[] = [];
    let connected = false;
    const reconnecting = await shardService(shardPort(1, posted, () => connected));
    const other = await shardService(shardPort(0, []));
    clock.ms = Date.parse('2026-03-02T08:01:05Z');
    await Promise.all([reconnecting.tick(), other.tick()]);
    expect(posted).toHaveLength(0);
    connected = true;
    clock.ms += 60_000;
    await reconnecting.tick();
    await reconnecting.tick();
    const mine = guildIds.filter((id) => shardOfGuild(id, SHARDS) === 1);
    expect(posted.map((part) => part.guildId).sort()).toEqual([...mine].sort());
  });
});
