/**
 * A parse worker: receives `{ id, file, path, options }` jobs from the pool in
 * `parse-pool.ts`, answers `{ id, postmortem }` or `{ id, error }`. Plain data both ways.
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
  /** Options are sent once per load; later jobs of the same load send only the key. */
  optionsKey: number;
  options?: FileParseOptions;
}

export type ParseReply = { id: number; postmortem: unknown } | { id: number; error: string };

const slowFile = process.env['POSTMORTEM_KB_TEST_SLOW_FILE'];
const oomFile = process.env['POSTMORTEM_KB_TEST_OOM_FILE'];
const optionsByKey = new Map<number, FileParseOptions>();

parentPort?.on('message', (job: ParseJob) => {
  void run(job).then((reply) => parentPort!.postMessage(reply));
});

async function run(job: ParseJob): Promise<ParseReply> {
  if (job.options) {
    optionsByKey.clear();
    optionsByKey.set(job.optionsKey, job.options);
  }
  const options = optionsByKey.get(job.optionsKey);
  if (!options) return { id: job.id, error: `missing options ${job.optionsKey}` };
  try {
    const name = job.path.split(/[\\/]/).pop();
    if (slowFile && name === slowFile) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    if (oomFile && name === oomFile) exhaustHeap();
    return { id: job.id, postmortem: await parseFile(job.file, job.path, options) };
  } catch (error) {
    return { id: job.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

function exhaustHeap(): never {
  const hoard: unknown[] = [];
  for (;;) hoard.push(Array.from({ length: 100_000 }, (_, index) => ({ index })));
}
