/**
 * A small pool of parse workers (node:worker_threads) so that a hostile file becomes a
 * diagnostic rather than a hang or a crash: each file gets a time limit (the worker is
 * terminated and replaced when it runs over) and each worker a heap limit (a worker that
 * dies of it takes only its current file down). Workers run the built `parse-worker.js`.
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
import type { ParseJob, ParseReply } from './parse-worker.js';
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
}

const workerUrl = new URL('./parse-worker.js', import.meta.url);
/** Whether the compiled worker exists (it does not when this module runs from TypeScript sources). */
export const workerAvailable = existsSync(fileURLToPath(workerUrl));
const idleMs = 2_000;
// Flags of the main thread that a worker rejects (`node --input-type=module -e …`).
const workerExecArgv = process.execArgv.filter((flag) => !/^--(?:input-type|eval|print)\b|^-[ep]$/.test(flag));

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

interface Slot {
  worker: Worker;
  optionsKey: number;
  job: { id: number; task: PoolTask; timer: NodeJS.Timeout; done: (postmortem: Postmortem) => void } | null;
}

class ParsePool {
  readonly size: number;
  readonly maxMemoryMb: number;
  private slots: Slot[] = [];
  private queue: Array<{ id: number; task: PoolTask; done: (postmortem: Postmortem) => void }> = [];
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
    this.tail = turn.then(() => undefined, () => undefined);
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
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(workerUrl, { execArgv: workerExecArgv, resourceLimits: { maxOldGenerationSizeMb: this.maxMemoryMb } });
    const slot: Slot = { worker, optionsKey: 0, job: null };
    worker.on('message', (reply: ParseReply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      this.finish(slot, 'postmortem' in reply
        ? (reply.postmortem as Postmortem)
        : failedPostmortem(job.task.path, 'parse-failure', `Unexpected failure while parsing: ${reply.error}`));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const job = slot.job;
      if (job) {
        const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
        this.finish(slot, outOfMemory
          ? failedPostmortem(job.task.path, 'too-large', `Unexpected file that needs more than ${this.maxMemoryMb} MB to parse, expected it to fit the parse worker's heap (raise maxMemoryMb to parse it)`)
          : failedPostmortem(job.task.path, 'parse-failure', `Unexpected crash of the parse worker: ${error.message}`));
      }
      this.replace(slot);
    });
    worker.on('exit', () => {
      // An exit we did not ask for (the 'error' handler above replaces crashed workers first).
      if (this.slots.includes(slot)) {
        const job = slot.job;
        if (job) this.finish(slot, failedPostmortem(job.task.path, 'parse-failure', 'Unexpected exit of the parse worker'));
        this.replace(slot);
      }
    });
    return slot;
  }

  /** Swaps a dead or stuck worker for a fresh one and keeps the queue moving. */
  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    void slot.worker.terminate();
    const fresh = this.spawn();
    if (!this.running) fresh.worker.unref();
    this.slots[index] = fresh;
    this.dispatch();
  }

  private finish(slot: Slot, postmortem: Postmortem): void {
    const job = slot.job;
    if (!job) return;
    clearTimeout(job.timer);
    slot.job = null;
    job.done(postmortem);
    this.dispatch();
  }

  private dispatch(): void {
    const options = this.options;
    if (!options) return;
    for (const slot of this.slots) {
      if (slot.job) continue;
      const next = this.queue.shift();
      if (!next) return;
      const timer = setTimeout(() => {
        this.finish(slot, failedPostmortem(next.task.path, 'timeout', `Unexpected parse taking longer than ${options.timeoutMs} ms, expected each file to parse within the time limit (raise timeoutMs to parse it)`));
        this.replace(slot);
      }, options.timeoutMs);
      slot.job = { id: next.id, task: next.task, timer, done: next.done };
      const message: ParseJob = { id: next.id, file: next.task.file, path: next.task.path, optionsKey: options.key };
      if (slot.optionsKey !== options.key) {
        message.options = options.value;
        slot.optionsKey = options.key;
      }
      slot.worker.postMessage(message);
    }
  }
}
