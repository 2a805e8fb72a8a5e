/**
 * Reading postmortems from disk: find the files, decode them, parse them, sort them,
 * and check what only the whole corpus can tell (duplicate ids, dangling links).
 */
import { availableParallelism } from 'node:os';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { TeamRules } from '../lint/plugins.js';
import { runFileRules } from '../lint/run-rules.js';
import { checkCorpus } from './corpus-rules.js';
import type { ParseOptions } from './parse.js';
import { parseFile, parseFileBytes, type FileParseOptions } from './parse-file.js';
import { parseInPool, workerAvailable, type PoolTask } from './parse-pool.js';
import { ignoreMatcher } from './ignore-globs.js';
import type { Diagnostic, Postmortem } from './schema.js';
import { loadTaxonomy, taxonomyFileName, type Taxonomy } from './taxonomy.js';
import { separateTemplates } from './templates.js';

export { decodeUtf8 } from './parse-file.js';

export interface LoadOptions extends Omit<ParseOptions, 'path' | 'taxonomy'> {
  /** A taxonomy, a path to `taxonomy.yaml`, or false for none. Default: `taxonomy.yaml` in the directory, if present. */
  taxonomy?: Taxonomy | string | false;
  /** Files larger than this many bytes are not parsed and get a `too-large` error. Default 1 MB. */
  maxBytes?: number;
  /** Report paths relative to this directory (default: the current working directory). */
  cwd?: string;
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
  /**
   * Time budget in ms of one run of the corpus checks, which run in this thread after parsing
   * (default 30 000): past it the rest are not run and a `corpus-time-budget` error says which.
   */
  corpusBudgetMs?: number;
  /**
   * Globs of files not to read below each directory given (`drafts/**`, `*-wip.md`), matched
   * against the path relative to that directory; see `ignore-globs.ts`. Files named
   * explicitly are read whatever the globs say. Default: none.
   */
  ignore?: readonly string[];
  /**
   * Receives one info diagnostic (rule `postmortem-template`) for each file that is not
   * returned because it is a postmortem template (`template.md`, a placeholder title …).
   */
  skipped?: Diagnostic[];
  /** A team's own rules (`loadTeamRules`), run in this thread on every parsed postmortem and with the corpus rules. */
  teamRules?: TeamRules;
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
 * files, README.md, dot-directories, `node_modules` and what the `ignore` globs match.
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
    for (const entry of entries) {
      if (!entry.isFile() || !isPostmortemFileName(entry.name)) continue;
      const full = join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
      const inside = relative(path, full);
      if (inside.split(/[\\/]/).some((part) => part.startsWith('.') || part === 'node_modules')) continue;
      if (ignored(inside)) continue;
      found.push(full);
    }
  }
  return [...new Set(found)].sort();
}

export function isPostmortemFileName(name: string): boolean {
  return /\.md$/i.test(name) && !name.startsWith('_') && name.toLowerCase() !== 'readme.md' && name !== taxonomyFileName;
}

/** Parses every postmortem below `dir`, sorted by date then slug. */
export async function loadPostmortems(dir: string, options: LoadOptions = {}): Promise<Postmortem[]> {
  const taxonomy = await resolveTaxonomy(options.taxonomy, [dir]);
  return loadPostmortemFiles(await findPostmortemFiles(dir, { ignore: options.ignore }), { ...options, taxonomy: taxonomy ?? false });
}

/**
 * Parses the given files (and directories), sorted by date then slug, with corpus checks.
 * Postmortem templates are left out, each with an info diagnostic in `options.skipped`.
 */
export async function loadPostmortemFiles(paths: readonly string[], options: LoadOptions = {}): Promise<Postmortem[]> {
  checkLoadOptions(options);
  const files = await findPostmortemFiles(paths, { ignore: options.ignore });
  const taxonomy = await resolveTaxonomy(options.taxonomy, paths);
  const cwd = options.cwd ?? process.cwd();
  const parsed = await parseTasks(
    files.map((file) => ({ file, path: relative(cwd, file) || file })),
    taxonomy,
    options,
  );
  const { incidents, skipped } = separateTemplates(parsed);
  options.skipped?.push(...skipped);
  runTeamFileRules(incidents, taxonomy, options);
  sortPostmortems(incidents);
  checkCorpus(incidents, {
    rules: options.rules,
    teamRules: options.teamRules?.corpus,
    ...(options.corpusBudgetMs === undefined ? {} : { budgetMs: options.corpusBudgetMs }),
  });
  return incidents;
}

/**
 * Parses files whose contents the caller has already read (the site's loader reads each file
 * once, digests the bytes and hands the same bytes here): with the same worker pool, limits and
 * options as `loadPostmortemFiles`, and no file is read again. Templates are left out (each
 * with an info diagnostic in `options.skipped`); the rest in input order, without corpus
 * checks. Internal: not exported from the package's index.
 */
export async function parsePostmortemContents(inputs: ReadonlyArray<{ file: string; bytes: Uint8Array }>, options: LoadOptions = {}): Promise<Postmortem[]> {
  checkLoadOptions(options);
  const taxonomy = await resolveTaxonomy(
    options.taxonomy,
    inputs.map((input) => input.file),
  );
  const cwd = options.cwd ?? process.cwd();
  const parsed = await parseTasks(
    inputs.map(({ file, bytes }) => ({ file, path: relative(cwd, file) || file, bytes })),
    taxonomy,
    options,
  );
  const { incidents, skipped } = separateTemplates(parsed);
  options.skipped?.push(...skipped);
  runTeamFileRules(incidents, taxonomy, options);
  return incidents;
}

/** A team's file rules run here, in the calling thread, on the parsed postmortems (workers cannot be sent functions). */
function runTeamFileRules(postmortems: readonly Postmortem[], taxonomy: Taxonomy | null, options: LoadOptions): void {
  const rules = options.teamRules?.file ?? [];
  if (rules.length === 0) return;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  for (const postmortem of postmortems) runFileRules(postmortem, rules, options.rules ?? {}, { path: postmortem.path, taxonomy, today });
}

/** Parses `tasks` in the worker pool, or in this thread; results in input order. */
async function parseTasks(tasks: PoolTask[], taxonomy: Taxonomy | null, options: LoadOptions): Promise<Postmortem[]> {
  const fileOptions: FileParseOptions = {
    taxonomy,
    maxBytes: options.maxBytes ?? defaultMaxBytes,
    ...(options.timezone ? { timezone: options.timezone } : {}),
    ...(options.today ? { today: options.today } : {}),
    ...(options.rules ? { rules: options.rules } : {}),
  };
  const workers = options.workers ?? availableParallelism();
  if (workers !== false && workers > 0 && workerAvailable && tasks.length > 0) {
    const size = options.workers !== undefined || tasks.length >= minFilesForWorkers ? workers : 1;
    return parseInPool(tasks, fileOptions, {
      size: Math.min(size, tasks.length),
      timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
      maxMemoryMb: options.maxMemoryMb ?? defaultMaxMemoryMb,
    });
  }
  const postmortems: Postmortem[] = [];
  for (const [index, task] of tasks.entries()) {
    // Parsing is synchronous: let timers and I/O of the host run between files now and then.
    if (index % yieldEvery === yieldEvery - 1) await new Promise((resume) => setImmediate(resume));
    postmortems.push(task.bytes ? parseFileBytes(task.bytes, task.path, fileOptions) : parseFile(task.file, task.path, fileOptions));
  }
  return postmortems;
}

function checkLoadOptions(options: LoadOptions): void {
  const { workers, timeoutMs, maxMemoryMb } = options;
  if (workers !== undefined && workers !== false && !(Number.isInteger(workers) && workers >= 0)) {
    throw new TypeError(`loadPostmortems: expected \`workers\` to be a non-negative integer or false, not ${String(workers)}`);
  }
  if (timeoutMs !== undefined && !(timeoutMs > 0))
    throw new TypeError(`loadPostmortems: expected \`timeoutMs\` to be a positive number, not ${String(timeoutMs)}`);
  if (options.ignore !== undefined) ignoreMatcher(options.ignore);
  if (maxMemoryMb !== undefined && !(maxMemoryMb > 0))
    throw new TypeError(`loadPostmortems: expected \`maxMemoryMb\` to be a positive number, not ${String(maxMemoryMb)}`);
}

export function sortPostmortems(postmortems: Postmortem[]): Postmortem[] {
  return postmortems.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.slug.localeCompare(b.slug));
}

async function resolveTaxonomy(option: LoadOptions['taxonomy'], paths: readonly string[]): Promise<Taxonomy | null> {
  if (option === false) return null;
  if (typeof option === 'object') return option;
  if (typeof option === 'string') return loadTaxonomy(option);
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    const dir = info?.isFile() ? dirname(path) : path;
    const candidate = join(dir, taxonomyFileName);
    if (
      await stat(candidate).then(
        (found) => found.isFile(),
        () => false,
      )
    )
      return loadTaxonomy(candidate);
  }
  return null;
}
