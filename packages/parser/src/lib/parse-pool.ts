/**
 * A small pool of parse workers (node:worker_threads) so that a hostile file becomes a
 * diagnostic rather than a hang or a crash: each file gets a time limit (the worker is
 * terminated and replaced when it runs over) and each worker a heap limit (a worker that
 * dies of it takes only its current file down). Workers run the built `parse-worker.js`.
 *
 * Each worker gets a few jobs ahead, in batches, so it never idles waiting for the main
 * thread; the limits still apply per file (the oldest unanswered job is the one being
 * parsed), and the jobs queued behind a file that fails go to a fresh worker.
 *
 * The pool outlives one load, so loading in batches (the CLI's progress mode) pays the
 * worker start-up once; idle workers are unref'd (they never keep the process alive) and
 * terminated after a short idle period.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { failedPostmortem } from './failed.js';
import type { FileParseOptions } from './parse-file.js';
import type { ParseBatch, ParseReply } from './parse-jobs.js';
import type { Postmortem } from './schema.js';

export interface PoolLimits {
  /** Number of workers. */
  size: number;
  /** Per-file time limit in milliseconds. */
  timeoutMs: number;
  /** Heap limit of each worker (`resourceLimits.maxOldGenerationSizeMb`). */
  maxMemoryMb: number;
}

export interface PoolTask {
  file: string;
  path: string;
  /** The file's folder below the loaded root (`ParseOptions.folder`). */
  folder?: string;
  /** Contents already read by the caller: sent to the worker, which then does not read `file`. */
  bytes?: Uint8Array;
}

let workerUrl = new URL('./parse-worker.js', import.meta.url);
/**
 * Whether workers can run: the compiled worker exists (it does not when this module runs from
 * TypeScript sources) and Node's permission model, if on, allows worker threads.
 */
export const workerAvailable = existsSync(fileURLToPath(workerUrl)) && workersPermitted();

/**
 * Starts `url` instead of the built `parse-worker.js` in every new worker: the seam through
 * which tests inject a worker with hooks (a file that blocks, a file that exhausts the heap),
 * so the shipped worker reads nothing from the environment. Not part of the public API.
 */
export async function useParseWorker(url: URL, data?: unknown): Promise<void> {
  await closeParsePool();
  workerUrl = url;
  workerData = data;
}
let workerData: unknown;

function workersPermitted(): boolean {
  const permission = (process as { permission?: { has(scope: string): boolean } }).permission;
  return permission === undefined || permission.has('worker');
}
const idleMs = 2_000;
// Flags of the main thread that a worker rejects (`node --input-type=module -e …`).
let workerExecArgv = process.execArgv.filter((flag) => !/^--(?:input-type|eval|print)\b|^-[ep]$/.test(flag));

let shared: ParsePool | null = null;
let nextOptionsKey = 1;

/** Parses `tasks` in the shared pool (created or resized as needed); results in input order. */
export async function parseInPool(tasks: readonly PoolTask[], options: FileParseOptions, limits: PoolLimits): Promise<Postmortem[]> {
  if (!shared || shared.size !== limits.size || shared.maxMemoryMb !== limits.maxMemoryMb) {
    await shared?.close();
    shared = new ParsePool(limits.size, limits.maxMemoryMb);
  }
  return shared.run(tasks, options, limits.timeoutMs);
}

/** Terminates the shared pool's workers now (they are also ended after being idle for a while). */
export async function closeParsePool(): Promise<void> {
  const pool = shared;
  shared = null;
  await pool?.close();
}

/**
 * A worker with the main thread's flags, less those a worker rejects: V8 and process-wide
 * flags such as `--max-old-space-size` or `--expose-gc` (they apply to the whole process
 * anyway; the heap limit of a worker is `maxMemoryMb`). Node names them in its error only.
 */
function startWorker(maxMemoryMb: number): Worker {
  for (;;) {
    try {
      return new Worker(workerUrl, { execArgv: workerExecArgv, workerData, resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb } });
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV' || workerExecArgv.length === 0) throw error;
      const message = (error as Error).message;
      const rejected = new Set(message.slice(message.indexOf(': ') + 2).split(', '));
      const kept = workerExecArgv.filter((flag) => !rejected.has(flag));
      // Should the message ever not name them, drop every flag rather than fail the load.
      workerExecArgv = kept.length < workerExecArgv.length ? kept : [];
    }
  }
}

interface Job {
  id: number;
  task: PoolTask;
  done: (postmortem: Postmortem) => void;
}

interface Slot {
  worker: Worker;
  optionsKey: number;
  /** Jobs sent to this worker and not answered yet, oldest (the one being parsed) first. */
  inFlight: Job[];
  /** Time limit of the oldest job in flight. */
  timer: NodeJS.Timeout | null;
  /** The worker has loaded the parser (its `{ ready }` came): its jobs are timed from then on. */
  ready: boolean;
}

// Jobs sent ahead to each worker, so that it never waits for the main thread between files.
// A worker is topped up once half of them are answered (batches of at least half of this).
const jobsAhead = 4;

class ParsePool {
  readonly size: number;
  readonly maxMemoryMb: number;
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private options: { key: number; value: FileParseOptions; timeoutMs: number } | null = null;
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private running = false;
  private tail: Promise<void> = Promise.resolve();

  constructor(size: number, maxMemoryMb: number) {
    this.size = size;
    this.maxMemoryMb = maxMemoryMb;
  }

  async run(tasks: readonly PoolTask[], options: FileParseOptions, timeoutMs: number): Promise<Postmortem[]> {
    // One load at a time per pool (each load sends its own options); a concurrent load waits its turn.
    const turn = this.tail.then(() => this.runNow(tasks, options, timeoutMs));
    this.tail = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private async runNow(tasks: readonly PoolTask[], options: FileParseOptions, timeoutMs: number): Promise<Postmortem[]> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.running = true;
    try {
      this.options = { key: nextOptionsKey++, value: options, timeoutMs };
      while (this.slots.length < Math.min(this.size, tasks.length)) this.slots.push(this.spawn());
      for (const slot of this.slots) slot.worker.ref();
      const results = tasks.map((task) => new Promise<Postmortem>((done) => this.queue.push({ id: this.nextId++, task, done })));
      this.dispatch();
      return await Promise.all(results);
    } finally {
      this.running = false;
      for (const slot of this.slots) slot.worker.unref();
      this.idleTimer = setTimeout(() => void this.close(), idleMs).unref();
    }
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const slots = this.slots;
    this.slots = [];
    if (shared === this) shared = null;
    for (const slot of slots) if (slot.timer) clearTimeout(slot.timer);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = startWorker(this.maxMemoryMb);
    const slot: Slot = { worker, optionsKey: 0, inFlight: [], timer: null, ready: false };
    worker.on('message', (reply: ParseReply) => {
      if ('ready' in reply) {
        slot.ready = true;
        this.startTimer(slot);
        return;
      }
      const job = slot.inFlight[0];
      if (!job || job.id !== reply.id) return;
      slot.inFlight.shift();
      this.startTimer(slot);
      job.done(
        'postmortem' in reply
          ? (reply.postmortem as Postmortem)
          : failedPostmortem(job.task.path, 'parse-failure', `Unexpected failure while parsing: ${reply.error}`),
      );
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.fail(slot, (path) =>
        outOfMemory
          ? failedPostmortem(
              path,
              'too-large',
              `Unexpected file that needs more than ${this.maxMemoryMb} MB to parse, expected it to fit the parse worker's heap (raise maxMemoryMb to parse it)`,
            )
          : failedPostmortem(path, 'parse-failure', `Unexpected crash of the parse worker: ${error.message}`),
      );
    });
    worker.on('exit', () => {
      // An exit we did not ask for (the 'error' handler above replaces crashed workers first).
      this.fail(slot, (path) => failedPostmortem(path, 'parse-failure', 'Unexpected exit of the parse worker'));
    });
    return slot;
  }

  /** (Re)starts the time limit for the oldest job in flight on `slot`, if any. */
  private startTimer(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const job = slot.inFlight[0];
    const options = this.options;
    if (!job || !options || !slot.ready) return;
    slot.timer = setTimeout(() => {
      this.fail(slot, (path) =>
        failedPostmortem(
          path,
          'timeout',
          `Unexpected parse taking longer than ${options.timeoutMs} ms, expected each file to parse within the time limit (raise timeoutMs to parse it)`,
        ),
      );
    }, options.timeoutMs);
  }

  /**
   * The worker of `slot` is stuck or dead: its oldest job (the one it was parsing) gets the
   * `failure`, the jobs sent after it go back to the front of the queue, and a fresh worker
   * takes the slot.
   */
  private fail(slot: Slot, failure: (path: string) => Postmortem): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const [job, ...waiting] = slot.inFlight;
    slot.inFlight = [];
    this.queue.unshift(...waiting);
    void slot.worker.terminate();
    const fresh = this.spawn();
    if (!this.running) fresh.worker.unref();
    this.slots[index] = fresh;
    if (job) job.done(failure(job.task.path));
    this.dispatch();
  }

  private dispatch(): void {
    const options = this.options;
    if (!options) return;
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.inFlight.length > jobsAhead / 2) continue;
      const jobs = this.queue.splice(0, jobsAhead - slot.inFlight.length);
      const message: ParseBatch = {
        jobs: jobs.map(({ id, task }) => ({
          id,
          file: task.file,
          path: task.path,
          ...(task.folder ? { folder: task.folder } : {}),
          ...(task.bytes ? { bytes: task.bytes } : {}),
        })),
        optionsKey: options.key,
      };
      if (slot.optionsKey !== options.key) {
        message.options = options.value;
        slot.optionsKey = options.key;
      }
      const wasIdle = slot.inFlight.length === 0;
      slot.inFlight.push(...jobs);
      if (wasIdle) this.startTimer(slot);
      slot.worker.postMessage(message);
    }
  }
}
