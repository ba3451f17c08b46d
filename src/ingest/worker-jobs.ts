import { serveJobs } from '../core/workers/serve.ts';
import { PARSE_FEED_JOB, parseFeedJob } from './feeds/parse.ts';
import { PARSE_FILES_JOB, parseFilesJob } from './file-parse.ts';
import { EXTRACT_PAGE_JOB, extractPageJob } from './web/extract-pool.ts';

/** The entry an ingest pool worker loads (through bootstrap.mjs): feed parsing, page extraction and article files. */
serveJobs({
  [EXTRACT_PAGE_JOB]: extractPageJob,
  [PARSE_FEED_JOB]: parseFeedJob,
  [PARSE_FILES_JOB]: parseFilesJob,
});
