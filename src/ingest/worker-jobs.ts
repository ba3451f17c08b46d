import { serveJobs } from '../core/workers/serve.ts';
import { PARSE_FEED_JOB, parseFeedJob } from './feeds/parse.ts';
import { EXTRACT_PAGE_JOB, extractPageJob } from './web/extract-pool.ts';

/** The entry an ingest pool worker loads (through bootstrap.mjs): feed parsing and page extraction. */
serveJobs({
  [EXTRACT_PAGE_JOB]: extractPageJob,
  [PARSE_FEED_JOB]: parseFeedJob,
});
