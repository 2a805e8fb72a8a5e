/**
 * The postmortems the site publishes, read with the library's `loadCorpus` (as `postmortem lint`
 * reads them), not through Astro's content layer: at 10 000 postmortems Astro's data store cost
 * more than parsing (serialising a 192 MB store, reading it back for the pages, a debounced
 * re-save that re-reads it, a deep copy of every entry per `getCollection`; bench/RESULTS.md).
 * Each file parsed is kept in the cache directory under the digest of what its result depends
 * on, so a later build parses only new and changed files.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  formatDiagnostic,
  isFatalRule,
  loadCorpus,
  parserBuildId,
  ruleSettingProblem,
  verbatimText,
  type Diagnostic,
  type Postmortem,
} from '@postmortem-kb/parser';
import type { ResolvedSiteConfig } from './options.js';

export interface SiteCorpus {
  /** Every postmortem, sorted by date then slug (the library's order), with every rule's diagnostics, settings applied. */
  postmortems: Postmortem[];
  /** The verbatim text of each file that could not be read as a postmortem (its first MB), by slug. */
  verbatim: Map<string, string>;
}

export interface LoadedSiteCorpus extends SiteCorpus {
  /** Errors and warnings of the postmortems and the taxonomy, as `postmortem lint` prints them. */
  reported: Diagnostic[];
  /** The errors that stop a build: every error with `strict`, else those of the taxonomy (configuration, not content). */
  failing: Diagnostic[];
  /** Templates left out, one info diagnostic each. */
  skipped: Diagnostic[];
  /** How many postmortems were parsed in this load, and how many came from the cache. */
  parsed: number;
  reused: number;
  /** Resolves once the newly parsed postmortems are in the cache (and entries no file uses any more are gone). */
  cached: Promise<void>;
}

/** Postmortems of an earlier load in this process, by digest (`astro dev` reloads after every change). */
export type RecentPostmortems = Map<string, Postmortem>;

/**
 * Reads every postmortem below `config.dir`. Bad rule settings and an unreadable taxonomy or
 * plugin throw; content problems are diagnostics. `recent` (when given) serves unchanged files
 * from memory and receives this load's postmortems.
 */
export async function loadSiteCorpus(config: ResolvedSiteConfig, cacheDirectory: string, recent?: RecentPostmortems): Promise<LoadedSiteCorpus> {
  for (const [ruleId, setting] of Object.entries(config.rules)) {
    if (ruleId.startsWith('team/') && config.plugins.length > 0) continue;
    const problem = ruleSettingProblem(ruleId, setting);
    if (problem !== null) throw new Error(`@postmortem-kb/astro: invalid \`rules\`: ${problem}`);
  }
  const settingsKey = digestKey(config);
  const cwd = process.cwd();
  /** Digest of each file read, and whether its postmortem came from the cache. */
  const digests = new Map<string, { digest: string; reused: boolean }>();
  let corpus;
  try {
    corpus = await loadCorpus([config.dir], {
      cwd,
      rules: config.rules,
      ignore: config.ignore,
      plugins: config.plugins,
      ...(config.taxonomy === null ? {} : { taxonomy: config.taxonomy }),
      reuse: ({ file, path, bytes }, taxonomy) => {
        const digest = createHash('sha256')
          .update(`${settingsKey}\u0000${path}\u0000${taxonomy?.text ?? ''}\u0000`)
          .update(bytes)
          .digest('base64url');
        const previous = recent?.get(digest) ?? readCached(cacheDirectory, digest);
        digests.set(file, { digest, reused: previous !== undefined });
        // Its own diagnostics array: the corpus rules replace theirs in it.
        return previous === undefined ? undefined : { ...previous, diagnostics: [...previous.diagnostics] };
      },
    });
  } catch (error) {
    throw new Error(`@postmortem-kb/astro: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }

  const taxonomyProblems = (corpus.taxonomy?.diagnostics ?? []).filter((diagnostic) => diagnostic.severity !== 'info');
  const taxonomyErrors = taxonomyProblems.filter((diagnostic) => diagnostic.severity === 'error');
  const errors: Diagnostic[] = [...taxonomyErrors];
  const reported: Diagnostic[] = [...taxonomyProblems];
  const verbatim = new Map<string, string>();
  const fresh: [string, Postmortem][] = [];
  recent?.clear();
  let reused = 0;
  for (const postmortem of corpus.postmortems) {
    for (const diagnostic of postmortem.diagnostics) {
      if (diagnostic.severity === 'info') continue;
      reported.push(diagnostic);
      if (diagnostic.severity === 'error') errors.push(diagnostic);
    }
    const file = resolve(cwd, postmortem.path ?? '');
    // The page of a file that could not be read as a postmortem shows its text as it is.
    if (postmortem.diagnostics.some((diagnostic) => diagnostic.severity === 'error' && isFatalRule(diagnostic.ruleId))) {
      const text = verbatimText(file);
      if (text !== undefined) verbatim.set(postmortem.slug, text);
    }
    const read = digests.get(file);
    if (read === undefined) continue;
    recent?.set(read.digest, postmortem);
    if (read.reused) reused++;
    else fresh.push([read.digest, postmortem]);
  }
  return {
    postmortems: corpus.postmortems,
    verbatim,
    reported,
    failing: config.strict ? errors : taxonomyErrors,
    skipped: corpus.skipped,
    parsed: corpus.postmortems.length - reused,
    reused,
    cached: saveToCache(cacheDirectory, fresh, new Set([...digests.values()].map((read) => read.digest))),
  };
}

/** The error a build stops with, each problem positioned (`postmortem site build` recognises its first line). */
export function problemsError(failing: readonly Diagnostic[]): Error {
  const lines = failing.map((diagnostic) => `${diagnostic.path ?? '<input>'}:${diagnostic.line}:${diagnostic.column} ${diagnostic.message}`);
  return new Error(`${failing.length} problem${failing.length === 1 ? '' : 's'} in postmortems:\n${lines.join('\n')}`);
}

/** The build log's account of a load: templates left out, every problem, the counts. */
export function logSiteCorpus(corpus: LoadedSiteCorpus, logger: { info(message: string): void; warn(message: string): void }): void {
  for (const diagnostic of corpus.skipped) logger.info(formatDiagnostic(diagnostic));
  const { reported } = corpus;
  if (reported.length > 0)
    logger.warn(`${reported.length} problem${reported.length === 1 ? '' : 's'} in postmortems:\n${reported.map(formatDiagnostic).join('\n')}`);
  logger.info(`${corpus.postmortems.length} postmortems (${corpus.parsed} parsed, ${corpus.reused} unchanged)`);
}

/** The parser's build (version and code), the rule settings and the team's rule modules (paths and text): part of every digest. */
function digestKey({ rules, plugins }: ResolvedSiteConfig): string {
  const key = `${parserBuildId()}\u0000${JSON.stringify(Object.entries(rules).sort(([a], [b]) => (a < b ? -1 : 1)))}`;
  return plugins.length === 0 ? key : `${key}\u0000${plugins.map((path) => `${path}\u0000${readFileSync(path, 'latin1')}`).join('\u0000')}`;
}

/** A cached postmortem, or undefined when there is none (or it cannot be read: it is parsed again). */
function readCached(directory: string, digest: string): Postmortem | undefined {
  try {
    return JSON.parse(readFileSync(join(directory, digest), 'utf8')) as Postmortem;
  } catch {
    return undefined;
  }
}

/**
 * Writes each newly parsed postmortem and removes the entries of this directory that no file
 * has now. JSON, not v8.serialize: a postmortem is JSON data (the site serves it as such), and
 * at 10k the JSON is 209 MB against 293 MB (v8 keeps two-byte strings as UTF-16), encoded and
 * decoded in about the same CPU time (4 s each way).
 */
async function saveToCache(directory: string, fresh: readonly [string, Postmortem][], used: ReadonlySet<string>): Promise<void> {
  // Serialised now, before the pages could see the objects.
  const buffers = fresh.map(([digest, postmortem]) => [digest, JSON.stringify(postmortem)] as const);
  try {
    await mkdir(directory, { recursive: true });
    const temporary = `.${process.pid}.tmp`;
    // A build stopped halfway leaves whole entries only: each is written aside, then renamed.
    for (let start = 0; start < buffers.length; start += 64) {
      await Promise.all(
        buffers.slice(start, start + 64).map(async ([digest, buffer]) => {
          await writeFile(join(directory, digest + temporary), buffer);
          await rename(join(directory, digest + temporary), join(directory, digest));
        }),
      );
    }
    const stale = (await readdir(directory)).filter((name) => !used.has(name));
    for (let start = 0; start < stale.length; start += 64)
      await Promise.all(stale.slice(start, start + 64).map((name) => rm(join(directory, name), { force: true })));
  } catch {
    // A cache that cannot be written costs the next build time, nothing else.
  }
}
