import path from 'node:path';
import { serveJobs } from '../../src/core/workers/serve.ts';
import { type FileToParse, PARSE_FILES_JOB, parseFilesJob } from '../../src/ingest/file-parse.ts';

/**
 * An ingest worker that misbehaves on cue, for the file import's fallback tests: it parses like the real one, but
 * a job holding a file whose name holds "crash" kills the worker thread mid-job.
 */
serveJobs({
  [PARSE_FILES_JOB]: (files: readonly FileToParse[]) => {
    if (files.some(({ file }) => path.basename(file).includes('crash'))) process.exit(3);
    return parseFilesJob(files);
  },
});
