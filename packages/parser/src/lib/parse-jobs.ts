/**
 * What a parse worker does: receives batches of `{ id, file, path, bytes? }` jobs from the pool in
 * `parse-pool.ts` and answers each job, in order, with `{ id, postmortem }` or
 * `{ id, error }`. Plain data both ways (structured clone: cheaper here than sending
 * JSON text, and lossless for frontmatter values such as `.nan`).
 */
import type { MessagePort } from 'node:worker_threads';
import { parseFile, parseFileBytes, type FileParseOptions } from './parse-file.js';

export interface ParseJob {
  id: number;
  file: string;
  path: string;
  /** The file's folder below the loaded root (`ParseOptions.folder`). */
  folder?: string;
  /** The file's contents when the caller has read them already (the site's loader digests them): parsed as given, the file is not read again. */
  bytes?: Uint8Array;
}

export interface ParseBatch {
  jobs: ParseJob[];
  /** Options are sent once per load; later batches of the same load send only the key. */
  optionsKey: number;
  options?: FileParseOptions;
}

/** `{ ready }` once, when the worker has loaded the parser and listens; then one reply per job. */
export type ParseReply = { id: number; postmortem: unknown } | { id: number; error: string } | { ready: true };

export interface ParseJobHooks {
  /** Called with each job's path before it is parsed (a test worker blocks or allocates here). */
  beforeParse?: (path: string) => void;
}

/**
 * Answers the batches arriving on `port`. Jobs run one after another and each reply is posted
 * as soon as it is ready: the pool times the oldest unanswered job of a worker as the one
 * being parsed, from the worker's `{ ready }` on (loading the parser is not parsing a file:
 * on a busy machine it can take seconds).
 */
export function answerParseJobs(port: MessagePort, hooks: ParseJobHooks = {}): void {
  let current: { key: number; options: FileParseOptions } | null = null;
  port.on('message', (batch: ParseBatch) => {
    if (batch.options) current = { key: batch.optionsKey, options: batch.options };
    for (const job of batch.jobs) port.postMessage(run(job, batch.optionsKey));
  });
  // The parser is loaded (this module imports it): from now on the pool times each job.
  port.postMessage({ ready: true } satisfies ParseReply);

  function run(job: ParseJob, optionsKey: number): ParseReply {
    if (current?.key !== optionsKey) return { id: job.id, error: `missing options ${optionsKey}` };
    try {
      hooks.beforeParse?.(job.path);
      const postmortem = job.bytes
        ? parseFileBytes(job.bytes, job.path, current.options, job.folder)
        : parseFile(job.file, job.path, current.options, job.folder);
      return { id: job.id, postmortem };
    } catch (error) {
      return { id: job.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  }
}
