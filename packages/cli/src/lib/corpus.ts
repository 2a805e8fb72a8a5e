/**
 * Finding and parsing the postmortems a command works on, with the project configuration
 * applied: paths checked up front (a missing path is a usage error), rule settings mapped
 * onto the diagnostics, and a progress line for large corpora.
 */
import { stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import {
  checkCorpus,
  configureDiagnostics,
  findPostmortemFiles,
  loadPostmortemFiles,
  readTaxonomyFile,
  sortPostmortems,
  taxonomyFileName,
  type Diagnostic,
  type LoadOptions,
  type Postmortem,
  type Taxonomy,
} from '@postmortem-kb/parser';
import { applyRuleSettings, type Config } from './config.js';
import { describeFileKind } from './file-kind.js';
import type { Output } from './output.js';
import { ProgressLine } from './progress.js';
import { UsageError } from './usage-error.js';

/** The directory linted when no path is given, if it exists (else the working directory). */
export const defaultCorpusDir = 'postmortems';

const batchSize = 100;

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

/** Parses every postmortem below `paths` (already resolved) with the configuration applied. */
export async function loadCorpus(paths: readonly string[], context: CorpusContext): Promise<Postmortem[]> {
  const { config, cwd } = context;
  const options: LoadOptions = {
    cwd,
    rules: config.rules,
    ...(config.teamRules ? { teamRules: config.teamRules } : {}),
    ...(config.timezone !== undefined ? { timezone: config.timezone } : {}),
    ...(config.maxBytes !== undefined ? { maxBytes: config.maxBytes } : {}),
    ...(config.ignore !== undefined ? { ignore: config.ignore } : {}),
  };
  const skipped: Diagnostic[] = [];
  options.skipped = skipped;
  const taxonomyFile = config.taxonomy ?? (await defaultTaxonomyFile(paths));
  if (taxonomyFile === null) options.taxonomy = false;
  else {
    const { taxonomy, diagnostics } = await readTaxonomy(taxonomyFile, config.taxonomy !== undefined, cwd);
    options.taxonomy = taxonomy;
    context.otherDiagnostics?.push(...configureDiagnostics(diagnostics, config.rules));
    context.filesRead?.push(taxonomyFile);
  }

  const files = await findPostmortemFiles(paths, { ignore: config.ignore });
  context.filesRead?.push(...files);
  const progress = new ProgressLine(context.stderr, files.length);
  const postmortems = progress.enabled ? await loadInBatches(files, options, progress) : await loadPostmortemFiles(files, options);
  applyRuleSettings(postmortems, config.rules);
  reportSkipped(configureDiagnostics(skipped, config.rules), context);
  return postmortems;
}

/** Templates are never left out silently: into the diagnostics when the command shows them, else one stderr line each. */
function reportSkipped(skipped: readonly Diagnostic[], context: CorpusContext): void {
  if (context.otherDiagnostics) context.otherDiagnostics.push(...skipped);
  else for (const diagnostic of skipped) context.stderr.line(`postmortem: skipped ${diagnostic.path ?? '<input>'}: ${diagnostic.message}`);
}

/** Parses in batches to report progress, then redoes the corpus-wide checks on the whole set. */
async function loadInBatches(files: readonly string[], options: LoadOptions, progress: ProgressLine): Promise<Postmortem[]> {
  const postmortems: Postmortem[] = [];
  try {
    for (let start = 0; start < files.length; start += batchSize) {
      postmortems.push(...(await loadPostmortemFiles(files.slice(start, start + batchSize), options)));
      progress.update(postmortems.length);
    }
  } finally {
    progress.clear();
  }
  sortPostmortems(postmortems);
  // Corpus rules replace the diagnostics they gave each batch with those of the whole corpus.
  checkCorpus(postmortems, { rules: options.rules, teamRules: options.teamRules?.corpus });
  return postmortems;
}

/** `taxonomy.yaml` in the first given directory (or a given file's directory) that has one: the parser's default. */
async function defaultTaxonomyFile(paths: readonly string[]): Promise<string | null> {
  for (const path of paths) {
    const dir = (await isDirectory(path)) ? path : dirname(path);
    const candidate = join(dir, taxonomyFileName);
    if (
      await stat(candidate).then(
        (info) => info.isFile(),
        () => false,
      )
    )
      return candidate;
  }
  return null;
}

/** The taxonomy with its own diagnostics (invalid YAML, a duplicate id), positioned in the taxonomy file. */
async function readTaxonomy(path: string, configured: boolean, cwd: string): Promise<{ taxonomy: Taxonomy; diagnostics: Diagnostic[] }> {
  try {
    const { taxonomy, diagnostics } = await readTaxonomyFile(path, relative(cwd, path) || path);
    return { taxonomy, diagnostics };
  } catch (error) {
    const what = configured ? 'the configured taxonomy' : 'the taxonomy';
    throw new UsageError(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}
