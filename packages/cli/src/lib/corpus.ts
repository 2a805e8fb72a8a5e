/**
 * Finding and parsing the postmortems a command works on, with the project configuration
 * applied: paths checked up front (a missing path is a usage error), rule settings mapped
 * onto the diagnostics, and a progress line for large corpora.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadCorpus as loadPostmortemCorpus, type Diagnostic, type Postmortem } from '@postmortem-kb/parser/corpus';
import type { Config } from './config.js';
import { describeFileKind } from './file-kind.js';
import type { Output } from './output.js';
import { ProgressLine } from './progress.js';
import { UsageError } from './usage-error.js';

/** The directory linted when no path is given, if it exists (else the working directory). */
export const defaultCorpusDir = 'postmortems';

/**
 * One file up to this size is parsed in this thread: a parse worker would load the parser a
 * second time (most of the run, as `postmortem lint one-file.md` from an editor or a
 * pre-commit hook), and at this size the parser's own limits (`limits.ts`, the YAML limits)
 * keep the worst file far below the workers' time and memory limits.
 */
export const maxBytesParsedInThread = 64 * 1024;

export interface CorpusContext {
  cwd: string;
  config: Config;
  stderr: Output;
  /**
   * Receives diagnostics about files that are not postmortems (`taxonomy.yaml`, skipped
   * templates), rule settings applied. Without it, skipped templates are named on stderr.
   */
  otherDiagnostics?: Diagnostic[];
  /** Receives the absolute path of every file read: the taxonomy and the postmortems. */
  filesRead?: string[];
}

/**
 * The given paths resolved against `cwd`, or the default corpus directory. A path that is
 * missing, unreadable, or neither a regular file nor a directory (a FIFO would hang the read,
 * a device never end) is a usage error.
 */
export async function resolveInputPaths(paths: readonly string[], cwd: string): Promise<string[]> {
  if (paths.length === 0) {
    const fallback = resolve(cwd, defaultCorpusDir);
    return [(await isDirectory(fallback)) ? fallback : resolve(cwd)];
  }
  const resolved: string[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw new UsageError(`path not found: ${path}`);
      throw new UsageError(`cannot read ${path}: ${error.code ?? error.message}`);
    });
    if (!info.isFile() && !info.isDirectory()) {
      throw new UsageError(`not a file or directory: ${path} is ${describeFileKind(info)}, expected a postmortem file or a directory of them`);
    }
    resolved.push(absolute);
  }
  return resolved;
}

/** Parses every postmortem below `paths` (already resolved) with the configuration applied: the parser's `loadCorpus`. */
export async function loadCorpus(paths: readonly string[], context: CorpusContext): Promise<Postmortem[]> {
  const { config, cwd } = context;
  // A progress line only where someone watches it; it is shown for large corpora only.
  let progress: ProgressLine | null = null;
  const onProgress = (done: number, total: number) => (progress ??= new ProgressLine(context.stderr, total)).update(done);
  let corpus: Awaited<ReturnType<typeof loadPostmortemCorpus>>;
  const inThread = paths.length === 1 && (await isSmallFile(paths[0]!));
  try {
    corpus = await loadPostmortemCorpus(paths, {
      cwd,
      ...(inThread ? { workers: false } : {}),
      rules: config.rules,
      ...(config.plugins === undefined ? {} : { plugins: config.plugins }),
      ...(config.taxonomy === undefined ? {} : { taxonomy: config.taxonomy }),
      ...(config.timezone !== undefined ? { timezone: config.timezone } : {}),
      ...(config.maxBytes !== undefined ? { maxBytes: config.maxBytes } : {}),
      ...(config.ignore !== undefined ? { ignore: config.ignore } : {}),
      ...(context.stderr.isTTY ? { onProgress } : {}),
    });
  } finally {
    (progress as ProgressLine | null)?.clear();
  }
  if (corpus.taxonomy !== null) {
    context.otherDiagnostics?.push(...corpus.taxonomy.diagnostics);
    context.filesRead?.push(corpus.taxonomy.path);
  }
  context.filesRead?.push(...corpus.files);
  reportSkipped(corpus.skipped, context);
  return corpus.postmortems;
}

/** Templates are never left out silently: into the diagnostics when the command shows them, else one stderr line each. */
function reportSkipped(skipped: readonly Diagnostic[], context: CorpusContext): void {
  if (context.otherDiagnostics) context.otherDiagnostics.push(...skipped);
  else for (const diagnostic of skipped) context.stderr.line(`postmortem: skipped ${diagnostic.path ?? '<input>'}: ${diagnostic.message}`);
}

async function isSmallFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile() && info.size <= maxBytesParsedInThread,
    () => false,
  );
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}
