/**
 * `postmortemLoader`: an Astro content-layer loader that reads postmortems through this
 * library. Like Astro's own `glob()` loader it reads, digests, skips unchanged files,
 * validates with `parseData`, stores and deletes entries whose files are gone. Every problem
 * is logged; with `strict` (the default) a corpus with any error diagnostic fails the build
 * with one error listing them all, without it the postmortems are stored with their errors.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { checkCorpus } from './lib/corpus-rules.js';
import { decodeUtf8, defaultMaxBytes, findPostmortemFiles, parsePostmortemContents } from './lib/load.js';
import { readPostmortemFile } from './lib/parse-file.js';
import { formatDiagnostic } from './lib/diagnostics.js';
import { ignoreMatcher } from './lib/ignore-globs.js';
import { postmortemSchema, type Diagnostic, type Postmortem } from './lib/schema.js';
import { ruleDefaults, type RuleId } from './lint/registry.js';
import { configureDiagnostics, isFatalRule, ruleSettingProblem, ruleSettings, type RuleSetting } from './lint/settings.js';
import { readTaxonomyFile, taxonomyFileName, type Taxonomy } from './lib/taxonomy.js';
import { slugFromPath } from './lib/url-slug.js';

/** This package's version (`package.json` next to `dist/` and `src/`): part of every digest. */
const parserVersion = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

export interface PostmortemLoaderOptions {
  /** Directory holding the postmortems, absolute or relative to the Astro project root. */
  directory: string;
  /** Path to `taxonomy.yaml`, absolute or relative to the project root. Default: `taxonomy.yaml` in `directory`, if present. */
  taxonomy?: string;
  /**
   * Rule settings, the shape of the CLI's `rules` configuration: a rule turned `off` is left
   * out, another severity replaces the default. Applied before the build decides what is an
   * error, so the site fails on what `postmortem lint` calls an error. Default: none.
   */
  rules?: Partial<Record<RuleId, RuleSetting>>;
  /**
   * Globs of files below `directory` that are not postmortems (`drafts/**`, `*-wip.md`),
   * matched as `postmortem lint` matches its configuration's `ignore`. Default: none.
   */
  ignore?: readonly string[];
  /**
   * Whether an error diagnostic in a postmortem fails the build (default `true`). When
   * `false` every postmortem is stored with its diagnostics, and a file that could not be
   * read as a postmortem keeps its verbatim text as the entry's `body`. Errors in
   * `taxonomy.yaml` fail the build either way: they are configuration, not content.
   */
  strict?: boolean;
}

/** Verbatim text kept for a file that could not be parsed: at most this many bytes of it. */
const verbatimLimit = 1_000_000;

/** The loader for `defineCollection({ loader: postmortemLoader({ directory }) })`. */
export function postmortemLoader(options: PostmortemLoaderOptions): Loader {
  if (options === null || typeof options !== 'object' || typeof options.directory !== 'string' || options.directory === '') {
    throw new TypeError('postmortemLoader: expected `options.directory` to be a non-empty string');
  }
  if (options.taxonomy !== undefined && (typeof options.taxonomy !== 'string' || options.taxonomy === '')) {
    throw new TypeError('postmortemLoader: expected `options.taxonomy` to be a non-empty string when given');
  }
  if (options.strict !== undefined && typeof options.strict !== 'boolean') {
    throw new TypeError('postmortemLoader: expected `options.strict` to be a boolean when given');
  }
  if (options.ignore !== undefined) {
    try {
      ignoreMatcher(options.ignore);
    } catch (error) {
      throw new TypeError(`postmortemLoader: invalid \`options.ignore\`: ${(error as Error).message}`);
    }
  }
  const ignore = options.ignore ?? [];
  const strict = options.strict ?? true;
  const rules = options.rules ?? {};
  if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) {
    throw new TypeError('postmortemLoader: expected `options.rules` to be an object of rule id → off, info, warning or error');
  }
  for (const [ruleId, setting] of Object.entries(rules)) {
    if (!Object.hasOwn(ruleDefaults, ruleId)) throw new TypeError(`postmortemLoader: unknown rule id \`${ruleId}\` in \`options.rules\``);
    if (!ruleSettings.includes(setting as RuleSetting))
      throw new TypeError(`postmortemLoader: expected \`options.rules.${ruleId}\` to be off, info, warning or error, not ${String(setting)}`);
    const problem = ruleSettingProblem(ruleId, setting);
    if (problem !== null) throw new TypeError(`postmortemLoader: invalid \`options.rules\`: ${problem}`);
  }
  return {
    name: 'postmortem-loader',
    schema: postmortemSchema,
    load: async (context) => {
      const root = fileURLToPath(context.config.root);
      const directory = resolve(root, options.directory);
      await syncPostmortems(context, directory, options.taxonomy === undefined ? undefined : resolve(root, options.taxonomy), rules, ignore, strict);
      const { watcher } = context;
      if (!watcher) return;
      // In `astro dev` a content error is logged, not thrown, so fixing the file recovers.
      watcher.add(directory);
      const onChange = (changed: string) => {
        const inside = relative(directory, changed);
        if (inside.startsWith('..') || isAbsolute(inside) || !/\.(?:md|ya?ml)$/i.test(changed)) return;
        syncPostmortems(context, directory, options.taxonomy === undefined ? undefined : resolve(root, options.taxonomy), rules, ignore, strict).then(
          () => context.logger.info(`Reloaded postmortems after a change to ${inside}`),
          (error: unknown) => context.logger.error(error instanceof Error ? error.message : String(error)),
        );
      };
      watcher.on('change', onChange);
      watcher.on('add', onChange);
      watcher.on('unlink', onChange);
    },
  };
}

type LoaderRules = Partial<Record<string, RuleSetting>>;

interface Candidate {
  file: string;
  digest: string;
  postmortem: Postmortem;
  changed: boolean;
  /** The file's contents as read (for files to parse): parsed, and shown verbatim if unreadable as a postmortem. */
  bytes?: Buffer;
}

async function syncPostmortems(
  context: LoaderContext,
  directory: string,
  taxonomyPath: string | undefined,
  rules: LoaderRules,
  ignore: readonly string[],
  strict: boolean,
): Promise<void> {
  const { store, generateDigest, parseData, logger, config } = context;
  const info = await stat(directory).catch(() => null);
  if (!info?.isDirectory()) {
    throw new Error(`postmortemLoader: expected \`directory\` to be a directory, found nothing at ${directory}`);
  }
  const cwd = process.cwd();
  const root = fileURLToPath(config.root);
  const taxonomy = await readTaxonomy(taxonomyPath ?? join(directory, taxonomyFileName), taxonomyPath !== undefined, cwd);
  // Rule settings change the stored diagnostics, so they take part in the digest too.
  const rulesKey = JSON.stringify(Object.entries(rules).sort(([a], [b]) => (a < b ? -1 : 1)));
  const files = await findPostmortemFiles(directory, { ignore });

  const candidates: Candidate[] = [];
  const pending: Candidate[] = [];
  for (const file of files) {
    const path = relative(cwd, file) || file;
    // Synchronous: 10,000 awaited reads took 5 s of a warm build (each waits its turn in the
    // event loop behind Astro's own work); read synchronously they take a fraction of a second.
    // Read once, size first (a file over the cap is never read: a 600 MB sparse file would fill
    // the heap); the bytes digested are the bytes parsed, so a file that changes mid-build
    // cannot be stored with the digest of one version and the data of another.
    const read = readPostmortemFile(file, path, defaultMaxBytes);
    if ('failed' in read) {
      candidates.push({ file, digest: '', postmortem: read.failed, changed: true });
      continue;
    }
    const { bytes } = read;
    // The path and taxonomy take part in the digest: `path` is stored in the data, and a
    // changed taxonomy changes category diagnostics; the parser's version, so that an upgraded
    // parser (a fixed sanitiser) re-parses every file. Latin-1 maps each byte to one character.
    const digest = generateDigest(`${parserVersion}\u0000${path}\u0000${taxonomy.digest}\u0000${rulesKey}\u0000${bytes.toString('latin1')}`);
    const stored = store.get<Postmortem>(slugFromPath(file));
    if (stored && stored.digest === digest) {
      // A shallow copy with its own diagnostics array: `checkCorpus` replaces its diagnostics in it, the stored entry stays as it was.
      const postmortem = { ...stored.data, diagnostics: [...stored.data.diagnostics] };
      candidates.push({ file, digest, postmortem, changed: false });
      continue;
    }
    const candidate: Candidate = { file, digest, postmortem: undefined as unknown as Postmortem, changed: true, bytes };
    candidates.push(candidate);
    pending.push(candidate);
  }
  if (pending.length > 0) {
    // Only new and changed files are parsed, in the library's worker pool when there are many,
    // from the bytes read above.
    const skipped: Diagnostic[] = [];
    const parsed = await parsePostmortemContents(
      pending.map((candidate) => ({ file: candidate.file, bytes: candidate.bytes! })),
      { taxonomy: taxonomy.taxonomy ?? false, cwd, skipped, rules },
    );
    // Templates are not incidents: not stored (so not published), and said so in the build log.
    const templates = new Set(skipped.map((diagnostic) => diagnostic.path));
    for (const diagnostic of configureDiagnostics(skipped, rules)) logger.info(formatDiagnostic(diagnostic));
    const byPath = new Map(parsed.map((postmortem) => [postmortem.path, postmortem]));
    for (const candidate of pending) {
      const path = relative(cwd, candidate.file) || candidate.file;
      if (templates.has(path)) {
        candidates.splice(candidates.indexOf(candidate), 1);
        continue;
      }
      const postmortem = byPath.get(path);
      if (!postmortem) throw new Error(`postmortemLoader: expected a parse result for ${candidate.file}`);
      candidate.postmortem = postmortem;
      // Kept only for the verbatim page of a file that could not be read as a postmortem.
      if (!postmortem.diagnostics.some((diagnostic) => isFatalRule(diagnostic.ruleId))) delete candidate.bytes;
    }
  }
  // Corpus rules replace their diagnostics of a partial load (or of the stored entries) with those of every file.
  checkCorpus(
    candidates.map((candidate) => candidate.postmortem),
    { rules },
  );

  const taxonomyProblems = configureDiagnostics(taxonomy.diagnostics, rules);
  const problems: Diagnostic[] = [...taxonomyProblems];
  const reported: Diagnostic[] = [...taxonomyProblems];
  for (const { postmortem } of candidates) {
    postmortem.diagnostics = configureDiagnostics(postmortem.diagnostics, rules);
    for (const diagnostic of postmortem.diagnostics) {
      if (diagnostic.severity === 'info') continue;
      reported.push(diagnostic);
      if (diagnostic.severity === 'error') problems.push(diagnostic);
    }
  }
  // Printed as `postmortem lint` prints them, errors and warnings, whether or not the build goes on.
  if (reported.length > 0)
    logger.warn(`${reported.length} problem${reported.length === 1 ? '' : 's'} in postmortems:\n${reported.map(formatDiagnostic).join('\n')}`);
  if (problems.length > 0 && (strict || taxonomyProblems.length > 0)) {
    const failing = strict ? problems : taxonomyProblems;
    throw new Error(`${failing.length} problem${failing.length === 1 ? '' : 's'} in postmortems:\n${failing.map(formatProblem).join('\n')}`);
  }

  const untouched = new Set(store.keys());
  let updated = 0;
  for (const candidate of candidates) {
    const { postmortem } = candidate;
    untouched.delete(postmortem.slug);
    const stored = store.get<Postmortem>(postmortem.slug);
    const corpusChanged = stored !== undefined && JSON.stringify(stored.data.diagnostics) !== JSON.stringify(postmortem.diagnostics);
    if (!candidate.changed && !corpusChanged) continue;
    const filePath = relative(root, candidate.file).split('\\').join('/');
    const data = await parseData({ id: postmortem.slug, data: postmortem as unknown as Record<string, unknown>, filePath: candidate.file });
    // The page of a file that could not be read as a postmortem shows its text as it is.
    const unreadable = postmortem.diagnostics.some((diagnostic) => diagnostic.severity === 'error' && isFatalRule(diagnostic.ruleId));
    const body = unreadable ? verbatimText(candidate) : undefined;
    store.set({ id: postmortem.slug, data, filePath, digest: candidate.digest, rendered: { html: postmortem.html }, ...(body === undefined ? {} : { body }) });
    updated++;
  }
  for (const id of untouched) store.delete(id);
  logger.info(`${candidates.length} postmortems (${updated} parsed, ${candidates.length - updated} unchanged, ${untouched.size} removed)`);
}

async function readTaxonomy(file: string, required: boolean, cwd: string): Promise<{ taxonomy: Taxonomy | null; diagnostics: Diagnostic[]; digest: string }> {
  const read = await readTaxonomyFile(file, relative(cwd, file) || file).catch((error: unknown) => {
    if (required) throw new Error(`postmortemLoader: cannot read the taxonomy at ${file}`, { cause: error });
    return null;
  });
  if (read === null) return { taxonomy: null, diagnostics: [], digest: '' };
  const { taxonomy, diagnostics, source } = read;
  return { taxonomy, diagnostics: diagnostics.filter((diagnostic) => diagnostic.severity === 'error'), digest: source };
}

/**
 * The first `verbatimLimit` bytes of the file as text: the bytes already read, else (a file over
 * the size cap, never read whole) its first bytes; nothing when it cannot be read at all.
 */
function verbatimText({ file, bytes }: Candidate): string | undefined {
  if (bytes) return decodeUtf8(bytes.subarray(0, verbatimLimit)).text;
  let descriptor: number;
  try {
    descriptor = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const buffer = Buffer.alloc(verbatimLimit);
    const length = readSync(descriptor, buffer, 0, verbatimLimit, 0);
    return decodeUtf8(buffer.subarray(0, length)).text;
  } finally {
    closeSync(descriptor);
  }
}

function formatProblem(diagnostic: Diagnostic): string {
  return `${diagnostic.path ?? '<input>'}:${diagnostic.line}:${diagnostic.column} ${diagnostic.message}`;
}
