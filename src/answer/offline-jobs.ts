import { serveJobs } from '../core/workers/serve.ts';
import { OFFLINE_JOB, offlineJobHandler } from './offline-pool.ts';

/**
 * The entry an offline-answer worker loads (through bootstrap.mjs). The answerer is created on the first job, so a
 * worker that is started and never used does not load WordNet.
 */
let offline: ReturnType<typeof offlineJobHandler> | undefined;

serveJobs({
  [OFFLINE_JOB]: (job: Parameters<ReturnType<typeof offlineJobHandler>>[0]) => {
    offline ??= offlineJobHandler();
    return offline(job);
  },
});
