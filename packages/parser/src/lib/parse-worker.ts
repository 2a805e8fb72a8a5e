/**
 * The parse worker's entry point: `parse-pool.ts` starts it in each worker thread, and it
 * answers the pool's batches (see `parse-jobs.ts`). Nothing else runs here: no test hook and
 * nothing read from the environment (tests start a worker of their own instead, see
 * `useParseWorker` in `parse-pool.ts`).
 */
import { parentPort } from 'node:worker_threads';
import { answerParseJobs } from './parse-jobs.js';

if (parentPort) answerParseJobs(parentPort);
