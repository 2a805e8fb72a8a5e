/**
 * Finding postmortem files on disk and parsing them (in the worker pool, or in this thread):
 * the steps `loadCorpus` (`load-corpus.ts`) puts together with the taxonomy, team rules and
 * corpus rules.
 */
import { availableParallelism } from 'node:os';
import { readdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative } from 'node:path';
import type { ParseOptions } from './parse.js';
import type { FileParseOptions } from './parse-file.js';
import { parseInPool, workerAvailable, type PoolTask } from './parse-pool.js';
import { ignoreMatcher } from './ignore-globs.js';
import type { Postmortem } from './schema.js';
import type { Taxonomy } from './taxonomy.js';
import { taxonomyFileName } from './taxonomy.js';

export { decodeUtf8 } from './decode-utf8.js';

/** How files are parsed: the options of one parse, the size cap, and the worker pool's limits. */
export interface ParseFilesOptions extends Omit<ParseOptions, 'path' | 'taxonomy'> {
  /** Files larger than this many bytes are not parsed and get a `too-large` error. Default 1 MB. */
  maxBytes?: number;
  /**
   * Parse in this many worker threads, or `false` to parse in this thread. Default:
   * `os.availableParallelism()` workers, except for fewer than 16 files, which get one worker
   * (more would cost more start-up than they save; one still isolates a hostile file). Time and
   * memory limits apply in workers only: with `false` there are none, nor where Node's
   * permission model forbids worker threads (then files are parsed in this thread).
   */
  workers?: number | false;
  /** Per-file time limit in a worker, in ms; a file over it gets a `timeout` error. Default 10 000. */
  timeoutMs?: number;
  /** Heap limit of each worker in MB; a file that exhausts it gets a `too-large` error. Default 512. */
  maxMemoryMb?: number;
}

export interface FindOptions {
  /** Globs of files to leave out below each directory (see `LoadOptions.ignore`). */
  ignore?: readonly string[] | undefined;
}

export const defaultMaxBytes = 1_000_000;
export const defaultTimeoutMs = 10_000;
export const defaultMaxMemoryMb = 512;
/** Below this many files, starting more than one worker costs more than it saves. */
const minFilesForWorkers = 16;
/** Files parsed in this thread between two turns of the event loop. */
const yieldEvery = 16;

/**
 * Every `*.md` below each directory in `paths` (and each file given), skipping `_`-prefixed
 * files, dot-directories, `node_modules` and what the `ignore` globs match. A `README.md` or
 * `index.md` is the report of its folder when it is the only markdown file there, below the
 * directory given (`exploit-name/README.md`, a Hugo bundle's `my-incident/index.md`); beside
 * other postmortems, or at the top, it describes the collection and is left out.
 */
export async function findPostmortemFiles(paths: string | readonly string[], options: FindOptions = {}): Promise<string[]> {
  const ignored = ignoreMatcher(options.ignore);
  const found: string[] = [];
  for (const path of typeof paths === 'string' ? [paths] : paths) {
    const info = await stat(path);
    if (info.isFile()) {
      found.push(path);
      continue;
    }
    const entries = await readdir(path, { recursive: true, withFileTypes: true });
    const folderPages: Array<{ full: string; folder: string }> = [];
    const markdownIn = new Map<string, number>();
    for (const entry of entries) {
      const folderPage = isFolderPageName(entry.name);
      if (!entry.isFile() || !(folderPage || isPostmortemFileName(entry.name))) continue;
      const folder = entry.parentPath ?? (entry as unknown as { path: string }).path;
      const full = join(folder, entry.name);
      const inside = relative(path, full);
      if (inside.split(/[\\/]/).some((part) => part.startsWith('.') || part === 'node_modules')) continue;
      if (ignored(inside)) continue;
      markdownIn.set(folder, (markdownIn.get(folder) ?? 0) + 1);
      if (folderPage) folderPages.push({ full, folder });
      else found.push(full);
    }
    for (const { full, folder } of folderPages) {
      if (markdownIn.get(folder) === 1 && relative(path, folder) !== '') found.push(full);
    }
  }
  return [...new Set(found)].sort();
}

/** `README.md` / `index.md`: a folder's own page, a postmortem only when the folder holds nothing else. */
function isFolderPageName(name: string): boolean {
  return /^(?:readme|index)\.md$/i.test(name);
}

/**
 * The folder of `file` below the root it was found under (`2026`, `2022/03`; the deepest root
 * when roots nest), with `/` separators; empty for a file at a root or given itself.
 */
export function folderBelowRoot(file: string, roots: readonly string[]): string {
  let folder: string | null = null;
  for (const root of roots) {
    const inside = relative(root, file);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) continue;
    const below = dirname(inside) === '.' ? '' : dirname(inside).split(/[\\/]/).join('/');
    if (folder === null || below.length < folder.length) folder = below;
  }
  return folder ?? '';
}

export function isPostmortemFileName(name: string): boolean {
  return /\.md$/i.test(name) && !name.startsWith('_') && name.toLowerCase() !== 'readme.md' && name !== taxonomyFileName;
}

/** Sorts in place by date, then slug: the library's order of a corpus. */
export function sortPostmortems(postmortems: Postmortem[]): Postmortem[] {
  return postmortems.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.slug.localeCompare(b.slug));
}

/** The number of workers for `fileCount` files (0: parse in this thread). */
export function poolSize(fileCount: number, options: ParseFilesOptions): number {
  const workers = options.workers ?? availableParallelism();
  if (workers === false || workers <= 0 || !workerAvailable || fileCount === 0) return 0;
  return Math.min(options.workers !== undefined || fileCount >= minFilesForWorkers ? workers : 1, fileCount);
}

/**
 * Parses `tasks` with `size` workers (`poolSize`), or in this thread when `size` is 0; results
 * in input order. The size is chosen once for a whole load, so loading in batches does not
 * restart the pool for a short last batch.
 */
export async function parseFiles(tasks: readonly PoolTask[], taxonomy: Taxonomy | null, options: ParseFilesOptions, size: number): Promise<Postmortem[]> {
  const fileOptions: FileParseOptions = {
    taxonomy,
    maxBytes: options.maxBytes ?? defaultMaxBytes,
    ...(options.timezone ? { timezone: options.timezone } : {}),
    ...(options.today ? { today: options.today } : {}),
    ...(options.rules ? { rules: options.rules } : {}),
  };
  if (size > 0 && tasks.length > 0) {
    return parseInPool(tasks, fileOptions, { size, timeoutMs: options.timeoutMs ?? defaultTimeoutMs, maxMemoryMb: options.maxMemoryMb ?? defaultMaxMemoryMb });
  }
  // The markdown stack loads only here: with workers it loads in them, never in this thread.
  const { parseFile, parseFileBytes } = await import('./parse-file.js');
  const postmortems: Postmortem[] = [];
  for (const [index, task] of tasks.entries()) {
    // Parsing is synchronous: let timers and I/O of the host run between files now and then.
    if (index % yieldEvery === yieldEvery - 1) await new Promise((resume) => setImmediate(resume));
    postmortems.push(task.bytes ? parseFileBytes(task.bytes, task.path, fileOptions, task.folder) : parseFile(task.file, task.path, fileOptions, task.folder));
  }
  return postmortems;
}

/** Bad parse options are a programmer's error: a `TypeError` naming the option. */
export function checkParseFilesOptions(options: ParseFilesOptions): void {
  const { workers, timeoutMs, maxMemoryMb } = options;
  if (workers !== undefined && workers !== false && !(Number.isInteger(workers) && workers >= 0)) {
    throw new TypeError(`loadPostmortems: expected \`workers\` to be a non-negative integer or false, not ${String(workers)}`);
  }
  if (timeoutMs !== undefined && !(timeoutMs > 0))
    throw new TypeError(`loadPostmortems: expected \`timeoutMs\` to be a positive number, not ${String(timeoutMs)}`);
  if (maxMemoryMb !== undefined && !(maxMemoryMb > 0))
    throw new TypeError(`loadPostmortems: expected \`maxMemoryMb\` to be a positive number, not ${String(maxMemoryMb)}`);
}
