import type Keyv from 'keyv';
import type { ArticleStore } from '../articles/article.ts';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/log.ts';

/** What `ingest` and its --watch and --status modes write to and open (tests pass their own). */
export interface TextSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface IngestCliDeps {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly openStore: (config: Config, logger: Logger) => Promise<ArticleStore>;
  /** The feeds' HTTP validators and failure state: namespace 'feeds' of the same store. */
  readonly openFeedState: (config: Config, logger: Logger) => Promise<Keyv>;
  /** Where `--watch` takes the ingest-owner lease (shared with the bot's shards). */
  readonly openLeases: (config: Config, logger: Logger) => Promise<Keyv>;
  readonly now: () => number;
}

export const defaultIngestDeps: IngestCliDeps = {
  stdout: process.stdout,
  stderr: process.stderr,
  // Loaded only for a real import, so a dry run never touches (or creates) the store.
  openStore: async (config, logger) => {
    const { openArticleStore } = await import('../articles/store.ts');
    return openArticleStore({ url: config.storeUrl, logger });
  },
  openFeedState: async (config, logger) => {
    const { openKeyv } = await import('../store/keyv.ts');
    return openKeyv(config.storeUrl, { namespace: 'feeds', logger });
  },
  openLeases: async (config, logger) => {
    const [{ openKeyv }, { LEASES_NAMESPACE }] = await Promise.all([
      import('../store/keyv.ts'),
      import('../store/lease.ts'),
    ]);
    return openKeyv(config.storeUrl, { namespace: LEASES_NAMESPACE, logger });
  },
  now: () => Date.now(),
};
