/**
 * A parse worker for tests: the library's own job loop with hooks injected, so the shipped
 * worker has no test hook. Started through `useParseWorker` (parse-pool.js). A job whose file
 * name is `slowFile` blocks for a minute (the per-file time limit); one named `oomFile`
 * allocates until the worker's heap limit kills it (the memory limit). With `startupMs` the
 * worker blocks that long before it answers (a parser slow to load on a busy machine).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { answerParseJobs } from '../../packages/parser/dist/lib/parse-jobs.js';

const { slowFile, oomFile, startupMs } = /** @type {{ slowFile?: string, oomFile?: string, startupMs?: number }} */ (workerData ?? {});
if (startupMs) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, startupMs);

answerParseJobs(parentPort, {
  beforeParse(path) {
    const name = path.split(/[\\/]/).pop();
    if (slowFile && name === slowFile) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    if (oomFile && name === oomFile) {
      const hoard = [];
      for (;;) hoard.push(Array.from({ length: 100_000 }, (_, index) => ({ index })));
    }
  },
});
