import { serveJobs } from '../../core/workers/serve.ts';
import { CATALOGUE_JOB, catalogueJobHandler } from './catalogue-pool.ts';

/** The entry a catalogue worker loads (through bootstrap.mjs): catalogue analysis and nothing else. */
serveJobs({ [CATALOGUE_JOB]: catalogueJobHandler() });
