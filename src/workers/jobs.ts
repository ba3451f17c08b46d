import { OFFLINE_JOB, offlineJobHandler } from '../answer/offline-pool.ts';
import { PARSE_FEED_JOB, parseFeedJob } from '../ingest/feeds/parse.ts';
import { EXTRACT_PAGE_JOB, extractPageJob } from '../ingest/web/extract-pool.ts';
import { serveJobs } from './serve.ts';

/**
 * The entry every pool worker loads (through bootstrap.mjs): the jobs newsdesk runs off the event loop. The
 * offline answerer is created on its first job, so an ingest worker never loads WordNet.
 */
let offline: ReturnType<typeof offlineJobHandler> | undefined;

serveJobs({
  [EXTRACT_PAGE_JOB]: extractPageJob,
  [PARSE_FEED_JOB]: parseFeedJob,
  [OFFLINE_JOB]: (job: Parameters<ReturnType<typeof offlineJobHandler>>[0]) => {
    offline ??= offlineJobHandler();
    return offline(job);
  },
});
