/**
 * A parse worker: receives batches of `{ id, file, path }` jobs from the pool in
 * `parse-pool.ts` and answers each job, in order, with `{ id, postmortem }` or
 * `{ id, error }`. Plain data both ways (structured clone: cheaper here than sending
 * JSON text, and lossless for frontmatter values such as `.nan`).
 *
 * Test hooks, read here only (never set them in production): when the base name of a job's
 * path equals `POSTMORTEM_KB_TEST_SLOW_FILE` the worker blocks for a minute (to exercise the
 * per-file time limit); when it equals `POSTMORTEM_KB_TEST_OOM_FILE` it allocates until the
 * worker's heap limit kills it (to exercise the memory limit).
 */
import { parentPort } from 'node:worker_threads';
import { parseFile, type FileParseOptions } from './parse-file.js';

export interface ParseJob {
  id: number;
  file: string;
  path: string;
}

export interface ParseBatch {
  jobs: ParseJob[];
  /** Options are sent once per load; later batches of the same load send only the key. */
  optionsKey: number;
  options?: FileParseOptions;
}

export type ParseReply = { id: number; postmortem: unknown } | { id: number; error: string };

const slowFile = process.env['POSTMORTEM_KB_TEST_SLOW_FILE'];
const oomFile = process.env['POSTMORTEM_KB_TEST_OOM_FILE'];
let current: { key: number; options: FileParseOptions } | null = null;

// Jobs run one after another and each reply is posted as soon as it is ready: the pool
// times the oldest unanswered job of a worker as the one being parsed.
parentPort?.on('message', (batch: ParseBatch) => {
  if (batch.options) current = { key: batch.optionsKey, options: batch.options };
  for (const job of batch.jobs) parentPort!.postMessage(run(job, batch.optionsKey));
});

function run(job: ParseJob, optionsKey: number): ParseReply {
  if (current?.key !== optionsKey) return { id: job.id, error: `missing options ${optionsKey}` };
  try {
    const name = job.path.split(/[\\/]/).pop();
    if (slowFile && name === slowFile) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    if (oomFile && name === oomFile) exhaustHeap();
    return { id: job.id, postmortem: parseFile(job.file, job.path, current.options) };
  } catch (error) {
    return { id: job.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

function exhaustHeap(): never {
  const hoard: unknown[] = [];
  for (;;) hoard.push(Array.from({ length: 100_000 }, (_, index) => ({ index })));
}
