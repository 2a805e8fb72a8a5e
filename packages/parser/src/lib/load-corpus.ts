/**
 * Loading a corpus, the one way the CLI, the site's loader and `loadPostmortems` read
 * postmortems from disk: find the files (ignore globs), read the taxonomy, parse (worker
 * pool), leave templates out, run the team's file rules, run the corpus rules once over the
 * whole set, and apply the rule settings to what is returned.
 */
import { relative } from 'node:path';
import { loadTeamRules, noTeamRules, type TeamRules } from '../lint/plugins.js';
import { runFileRules } from '../lint/run-rules.js';
import { configureDiagnostics, ruleSettingProblem, type RuleSettings } from '../lint/settings.js';
import { checkCorpus } from './corpus-rules.js';
import { ignoreMatcher } from './ignore-globs.js';
import {
  checkParseFilesOptions,
  defaultMaxBytes,
  findPostmortemFiles,
  folderBelowRoot,
  parseFiles,
  poolSize,
  sortPostmortems,
  type ParseFilesOptions,
} from './load.js';
import { readPostmortemFile } from './read-file.js';
import type { PoolTask } from './parse-pool.js';
import type { Diagnostic, Postmortem } from './schema.js';
import { findTaxonomyFile, readTaxonomyFile, type Taxonomy, type TaxonomyFile } from './taxonomy.js';
import { separateTemplates } from './templates.js';
import { slugFromPath } from './url-slug.js';

export interface LoadOptions extends ParseFilesOptions {
  /**
   * A taxonomy, a path to `taxonomy.yaml`, or false for none. Default: `taxonomy.yaml` in the
   * first directory given (or a given file's directory) that has one.
   */
  taxonomy?: Taxonomy | string | false;
  /** Report paths relative to this directory (default: the current working directory). */
  cwd?: string;
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
   * Absolute paths of a team's rule modules (the configuration's `plugins`): imported, and
   * their rules run with the built-in ones. Configuration is trusted code; postmortems never
   * name a module. Default: none.
   */
  plugins?: readonly string[];
  /**
   * Receives one info diagnostic (rule `postmortem-template`) for each file that is not
   * returned because it is a postmortem template (`template.md`, a placeholder title …).
   */
  skipped?: Diagnostic[];
}

/** A file's contents as read, offered to `CorpusOptions.reuse` before it is parsed. */
export interface FileContents {
  /** Absolute path. */
  file: string;
  /** Path relative to `cwd`, as postmortems and diagnostics name it. */
  path: string;
  bytes: Uint8Array;
}

export interface CorpusOptions extends Omit<LoadOptions, 'skipped'> {
  /** Called after each batch of files parsed (and once the unchanged ones are counted), for a progress line. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Skips parsing unchanged files (the site's loader, by digest): each file is read once in
   * this thread and its bytes offered here with the taxonomy file read; a postmortem returned
   * (parsed earlier from the same bytes, taxonomy and settings, with its own `diagnostics`
   * array) is used as it is, else the same bytes are parsed. Corpus rules run over both.
   */
  reuse?: (contents: FileContents, taxonomy: TaxonomyFile | null) => Postmortem | undefined;
}

export interface Corpus {
  /** The postmortems, sorted by date then slug, with every rule's diagnostics, settings applied. */
  postmortems: Postmortem[];
  /** The taxonomy file read, its diagnostics with the settings applied; null when none was read. */
  taxonomy: TaxonomyFile | null;
  /** One `postmortem-template` diagnostic for each template left out (settings applied). */
  skipped: Diagnostic[];
  /** Every postmortem file found (absolute when `paths` are), templates included. */
  files: string[];
}

/** Files parsed between two progress reports. */
const progressBatch = 100;

/**
 * Loads every postmortem below `paths` (directories or files). Content problems are
 * diagnostics; bad options throw a `TypeError`, a plugin that cannot be loaded or a taxonomy
 * that cannot be read an `Error` naming it.
 */
export async function loadCorpus(paths: readonly string[], options: CorpusOptions = {}): Promise<Corpus> {
  checkParseFilesOptions(options);
  if (options.ignore !== undefined) ignoreMatcher(options.ignore);
  const cwd = options.cwd ?? process.cwd();
  const rules = options.rules ?? {};
  const teamRules = options.plugins === undefined ? noTeamRules : await loadTeamRules(options.plugins);
  checkTeamRuleSettings(rules, teamRules);
  const taxonomyFile = await readCorpusTaxonomy(options.taxonomy, paths, cwd);
  const taxonomy = typeof options.taxonomy === 'object' ? options.taxonomy : (taxonomyFile?.taxonomy ?? null);
  const files = await findPostmortemFiles(paths, { ignore: options.ignore });

  const reused: Postmortem[] = [];
  const parsed: Postmortem[] = [];
  const tasks: PoolTask[] = [];
  for (const file of files) {
    const path = relative(cwd, file) || file;
    const folder = folderBelowRoot(file, paths);
    const where = folder === '' ? { file, path } : { file, path, folder };
    if (options.reuse === undefined) {
      tasks.push(where);
      continue;
    }
    // Read once, size first; the bytes offered for reuse are the bytes parsed, so a file that
    // changes meanwhile cannot be kept with one version's digest and another's data.
    const read = readPostmortemFile(file, path, options.maxBytes ?? defaultMaxBytes);
    if ('failed' in read) parsed.push(read.failed);
    else {
      const previous = options.reuse({ file, path, bytes: read.bytes }, taxonomyFile);
      if (previous === undefined) tasks.push({ ...where, bytes: read.bytes });
      else reused.push(previous);
    }
  }
  const size = poolSize(tasks.length, options);
  const step = options.onProgress === undefined ? Math.max(tasks.length, 1) : progressBatch;
  for (let start = 0; start < tasks.length; start += step) {
    parsed.push(...(await parseFiles(tasks.slice(start, start + step), taxonomy, options, size)));
    options.onProgress?.(files.length - tasks.length + Math.min(start + step, tasks.length), files.length);
  }

  const { incidents, skipped } = separateTemplates(parsed);
  runTeamFileRules(incidents, teamRules, taxonomy, options);
  const postmortems = sortPostmortems([...reused, ...incidents]);
  // Corpus rules replace their own diagnostics of an earlier run (a reused postmortem's) with those of this corpus.
  checkCorpus(postmortems, {
    rules,
    teamRules: teamRules.corpus,
    ...(options.corpusBudgetMs === undefined ? {} : { budgetMs: options.corpusBudgetMs }),
  });
  if (Object.keys(rules).length > 0) for (const postmortem of postmortems) postmortem.diagnostics = configureDiagnostics(postmortem.diagnostics, rules);
  giveEachItsOwnSlug(postmortems);
  return {
    postmortems,
    taxonomy: taxonomyFile === null ? null : { ...taxonomyFile, diagnostics: configureDiagnostics(taxonomyFile.diagnostics, rules) },
    skipped: configureDiagnostics(skipped, rules),
    files,
  };
}

/** Parses every postmortem below `dir`, sorted by date then slug. */
export async function loadPostmortems(dir: string, options: LoadOptions = {}): Promise<Postmortem[]> {
  return loadPostmortemFiles([dir], options);
}

/**
 * Parses the given files (and directories), sorted by date then slug, with corpus checks.
 * Postmortem templates are left out, each with an info diagnostic in `options.skipped`.
 */
export async function loadPostmortemFiles(paths: readonly string[], options: LoadOptions = {}): Promise<Postmortem[]> {
  const { skipped, ...rest } = options;
  const corpus = await loadCorpus(paths, rest);
  skipped?.push(...corpus.skipped);
  return corpus.postmortems;
}

/** The taxonomy file the options name (a usage mistake when it cannot be read), else the default one, else none. */
async function readCorpusTaxonomy(option: LoadOptions['taxonomy'], paths: readonly string[], cwd: string): Promise<TaxonomyFile | null> {
  if (option === false || typeof option === 'object') return null;
  const file = option ?? (await findTaxonomyFile(paths));
  if (file === null) return null;
  try {
    return await readTaxonomyFile(file, relative(cwd, file) || file);
  } catch (error) {
    const what = option === undefined ? 'the taxonomy' : 'the configured taxonomy';
    throw new Error(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
}

/** A setting of a `team/…` rule names a rule of the plugins given. */
function checkTeamRuleSettings(rules: RuleSettings, teamRules: TeamRules): void {
  for (const [ruleId, setting] of Object.entries(rules)) {
    if (!ruleId.startsWith('team/')) continue;
    const problem = ruleSettingProblem(ruleId, setting, teamRules.ids);
    if (problem !== null) throw new TypeError(`loadCorpus: invalid \`rules\`: ${problem}`);
  }
}

/** A team's file rules run here, in the calling thread, on the parsed postmortems (workers cannot be sent functions). */
function runTeamFileRules(postmortems: readonly Postmortem[], teamRules: TeamRules, taxonomy: Taxonomy | null, options: LoadOptions): void {
  if (teamRules.file.length === 0) return;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  for (const postmortem of postmortems) runFileRules(postmortem, teamRules.file, options.rules ?? {}, { path: postmortem.path, taxonomy, today });
}

/**
 * Two files whose names give one slug (`api/outage.md`, `web/outage.md`) are an error of
 * `duplicate-slug`; each still gets a page of its own, the later in the corpus's order with
 * `-2`, `-3` …, so that one page never replaces another. From the path each time: a postmortem
 * reused from an earlier load keeps no suffix it no longer needs.
 */
function giveEachItsOwnSlug(postmortems: readonly Postmortem[]): void {
  const used = new Set<string>();
  for (const postmortem of postmortems) {
    const base = slugFromPath(postmortem.path);
    let slug = base;
    for (let suffix = 2; used.has(slug); suffix++) slug = `${base}-${suffix}`;
    used.add(slug);
    postmortem.slug = slug;
  }
}
