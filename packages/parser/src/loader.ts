/**
 * `postmortemLoader`: an Astro content-layer loader that reads postmortems through this
 * library. Like Astro's own `glob()` loader it reads, digests, skips unchanged files,
 * validates with `parseData`, stores and deletes entries whose files are gone. Every problem
 * is logged; with `strict` (the default) a corpus with any error diagnostic fails the build
 * with one error listing them all, without it the postmortems are stored with their errors.
 */
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { formatDiagnostic } from './lib/diagnostics.js';
import { parserBuildId } from './lib/build-id.js';
import { ignoreMatcher } from './lib/ignore-globs.js';
import { loadCorpus, type Corpus } from './lib/load-corpus.js';
import { postmortemSchema, type Diagnostic, type Postmortem } from './lib/schema.js';
import { slugFromPath } from './lib/url-slug.js';
import { verbatimText } from './lib/verbatim.js';
import { ruleDefaults, type RuleId } from './lint/registry.js';
import { isFatalRule, ruleSettingProblem, ruleSettings, type RuleSetting } from './lint/settings.js';

export interface PostmortemLoaderOptions {
  /** Directory holding the postmortems, absolute or relative to the Astro project root. */
  directory: string;
  /** Path to `taxonomy.yaml`, absolute or relative to the project root. Default: `taxonomy.yaml` in `directory`, if present. */
  taxonomy?: string;
  /**
   * Rule settings, the shape of the CLI's `rules` configuration: a rule turned `off` is left
   * out, another severity replaces the default. Applied before the build decides what is an
   * error, so the site fails on what `postmortem lint` calls an error. A `team/…` id names a
   * rule of `plugins`. Default: none.
   */
  rules?: Partial<Record<RuleId | `team/${string}`, RuleSetting>>;
  /**
   * Globs of files below `directory` that are not postmortems (`drafts/**`, `*-wip.md`),
   * matched as `postmortem lint` matches its configuration's `ignore`. Default: none.
   */
  ignore?: readonly string[];
  /**
   * A team's rule modules (the configuration's `plugins`), absolute or relative to the project
   * root: their rules run as in `postmortem lint`, and their errors count like any other.
   * Configuration is trusted code: a plugin runs with the rights of whoever builds the site.
   * Default: none.
   */
  plugins?: readonly string[];
  /**
   * Whether an error diagnostic in a postmortem fails the build (default `true`). When
   * `false` every postmortem is stored with its diagnostics, and a file that could not be
   * read as a postmortem keeps its verbatim text as the entry's `body`. Errors in
   * `taxonomy.yaml` fail the build either way: they are configuration, not content.
   */
  strict?: boolean;
}

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
  const plugins = options.plugins ?? [];
  if (!Array.isArray(plugins) || plugins.some((path) => typeof path !== 'string' || path === '')) {
    throw new TypeError('postmortemLoader: expected `options.plugins` to be an array of paths to ES modules of team rules');
  }
  const rules = options.rules ?? {};
  if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) {
    throw new TypeError('postmortemLoader: expected `options.rules` to be an object of rule id → off, info, warning or error');
  }
  for (const [ruleId, setting] of Object.entries(rules)) {
    if (!ruleSettings.includes(setting as RuleSetting))
      throw new TypeError(`postmortemLoader: expected \`options.rules.${ruleId}\` to be off, info, warning or error, not ${String(setting)}`);
    // A team rule's setting is checked once its plugin is loaded.
    if (ruleId.startsWith('team/') && plugins.length > 0) continue;
    if (!Object.hasOwn(ruleDefaults, ruleId)) throw new TypeError(`postmortemLoader: unknown rule id \`${ruleId}\` in \`options.rules\``);
    const problem = ruleSettingProblem(ruleId, setting);
    if (problem !== null) throw new TypeError(`postmortemLoader: invalid \`options.rules\`: ${problem}`);
  }
  return {
    name: 'postmortem-loader',
    schema: postmortemSchema,
    load: async (context: LoaderContext) => {
      const root = fileURLToPath(context.config.root);
      const settings: LoadSettings = {
        directory: resolve(root, options.directory),
        ...(options.taxonomy === undefined ? {} : { taxonomy: resolve(root, options.taxonomy) }),
        rules,
        ignore: options.ignore ?? [],
        plugins: plugins.map((path: string) => resolve(root, path)),
        strict: options.strict ?? true,
      };
      await syncPostmortems(context, settings);
      const { watcher } = context;
      if (!watcher) return;
      // In `astro dev` a content error is logged, not thrown, so fixing the file recovers.
      watcher.add(settings.directory);
      const onChange = (changed: string) => {
        const inside = relative(settings.directory, changed);
        if (inside.startsWith('..') || isAbsolute(inside) || !/\.(?:md|ya?ml)$/i.test(changed)) return;
        syncPostmortems(context, settings).then(
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

/** The options resolved against the project root. */
interface LoadSettings {
  directory: string;
  taxonomy?: string;
  rules: Partial<Record<string, RuleSetting>>;
  ignore: readonly string[];
  plugins: readonly string[];
  strict: boolean;
}

async function syncPostmortems(context: LoaderContext, settings: LoadSettings): Promise<void> {
  const { store, logger, config } = context;
  const { directory, rules, strict } = settings;
  const info = await stat(directory).catch(() => null);
  if (!info?.isDirectory()) {
    throw new Error(`postmortemLoader: expected \`directory\` to be a directory, found nothing at ${directory}`);
  }
  const cwd = process.cwd();
  const root = fileURLToPath(config.root);
  // Rule settings and the team's rules change the stored diagnostics, so they take part in the digest too (once the plugins loaded).
  let settingsKey: string | undefined;
  const digests = new Map<string, string>();
  const unchanged = new Set<string>();
  /** The bytes of each file parsed: shown verbatim if it cannot be read as a postmortem. */
  const contents = new Map<string, Uint8Array>();
  let corpus: Corpus;
  try {
    corpus = await loadCorpus([directory], {
      cwd,
      rules,
      ignore: settings.ignore,
      plugins: settings.plugins,
      ...(settings.taxonomy === undefined ? {} : { taxonomy: settings.taxonomy }),
      // Only new and changed files are parsed: the digest of the bytes read (with the path, stored
      // in the data; the taxonomy, which changes category diagnostics; the parser's version, so
      // that an upgraded parser re-parses every file) against the stored entry's.
      reuse: ({ file, path, bytes }, taxonomy) => {
        // Latin-1 maps each byte to one character.
        const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
        settingsKey ??= digestKey(settings);
        const digest = context.generateDigest(`${parserBuildId()}\u0000${path}\u0000${taxonomy?.text ?? ''}\u0000${settingsKey}\u0000${text}`);
        digests.set(file, digest);
        const stored = store.get<Postmortem>(slugFromPath(file));
        if (stored?.digest !== digest) {
          contents.set(file, bytes);
          return undefined;
        }
        unchanged.add(file);
        // A shallow copy with its own diagnostics array: the corpus rules replace theirs in it, the stored entry stays as it was.
        return { ...stored.data, diagnostics: [...stored.data.diagnostics] };
      },
    });
  } catch (error) {
    throw new Error(`postmortemLoader: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  // Templates are not incidents: not stored (so not published), and said so in the build log.
  for (const diagnostic of corpus.skipped) logger.info(formatDiagnostic(diagnostic));

  const taxonomyProblems = (corpus.taxonomy?.diagnostics ?? []).filter((diagnostic) => diagnostic.severity !== 'info');
  const taxonomyErrors = taxonomyProblems.filter((diagnostic) => diagnostic.severity === 'error');
  const problems: Diagnostic[] = [...taxonomyErrors];
  const reported: Diagnostic[] = [...taxonomyProblems];
  for (const postmortem of corpus.postmortems) {
    for (const diagnostic of postmortem.diagnostics) {
      if (diagnostic.severity === 'info') continue;
      reported.push(diagnostic);
      if (diagnostic.severity === 'error') problems.push(diagnostic);
    }
  }
  // Printed as `postmortem lint` prints them, errors and warnings, whether or not the build goes on.
  if (reported.length > 0)
    logger.warn(`${reported.length} problem${reported.length === 1 ? '' : 's'} in postmortems:\n${reported.map(formatDiagnostic).join('\n')}`);
  if (problems.length > 0 && (strict || taxonomyErrors.length > 0)) {
    const failing = strict ? problems : taxonomyErrors;
    throw new Error(`${failing.length} problem${failing.length === 1 ? '' : 's'} in postmortems:\n${failing.map(formatProblem).join('\n')}`);
  }

  const untouched = new Set(store.keys());
  let updated = 0;
  for (const postmortem of corpus.postmortems) {
    const file = resolve(cwd, postmortem.path ?? '');
    untouched.delete(postmortem.slug);
    const stored = store.get<Postmortem>(postmortem.slug);
    const corpusChanged = stored !== undefined && JSON.stringify(stored.data.diagnostics) !== JSON.stringify(postmortem.diagnostics);
    if (unchanged.has(file) && !corpusChanged) continue;
    const filePath = relative(root, file).split('\\').join('/');
    const data = await context.parseData({ id: postmortem.slug, data: postmortem, filePath: file });
    // The page of a file that could not be read as a postmortem shows its text as it is.
    const unreadable = postmortem.diagnostics.some((diagnostic) => diagnostic.severity === 'error' && isFatalRule(diagnostic.ruleId));
    const body = unreadable ? verbatimText(file, contents.get(file)) : undefined;
    store.set({
      id: postmortem.slug,
      data,
      filePath,
      digest: digests.get(file) ?? '',
      rendered: { html: postmortem.html },
      ...(body === undefined ? {} : { body }),
    });
    updated++;
  }
  for (const id of untouched) store.delete(id);
  const total = corpus.postmortems.length;
  logger.info(`${total} postmortems (${updated} parsed, ${total - updated} unchanged, ${untouched.size} removed)`);
}

/** The rule settings and the team's rule modules (paths and text), as part of every digest. */
function digestKey({ rules, plugins }: LoadSettings): string {
  const key = JSON.stringify(Object.entries(rules).sort(([a], [b]) => (a < b ? -1 : 1)));
  if (plugins.length === 0) return key;
  return `${key}\u0000${plugins.map((path) => `${path}\u0000${readFileSync(path, 'latin1')}`).join('\u0000')}`;
}

function formatProblem(diagnostic: Diagnostic): string {
  return `${diagnostic.path ?? '<input>'}:${diagnostic.line}:${diagnostic.column} ${diagnostic.message}`;
}
