/**
 * Per-project configuration, one reader for the CLI and the site (`@postmortem-kb/astro`):
 * `.postmortemrc.json`, or the `"postmortem"` key of `package.json`, whichever is found first
 * walking up from a directory (in each directory the rc file wins over package.json), up to
 * the repository root (the directory holding `.git`): configuration is code the project
 * trusts, and a directory above the checkout is not the project's.
 *
 * ```json
 * { "rules": { "timeline-no-zone": "off", "empty-lessons": "error" },
 *   "timezone": "UTC", "maxBytes": 1000000, "taxonomy": "postmortems/taxonomy.yaml",
 *   "ignore": ["drafts/**", "*-wip.md"],
 *   "site": { "title": "Acme incidents", "base": "/kb/" } }
 * ```
 *
 * `site` holds the options of the site, which `@postmortem-kb/astro` validates; `import` the
 * options of `postmortem import`, which the CLI validates. A mistake is a `ConfigError`.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ignorePatternsProblem } from './ignore-globs.js';
import { loadTeamRules, type TeamRules } from '../lint/plugins.js';
import { ruleSettingProblem, type RuleSetting } from '../lint/settings.js';

export const rcFileName = '.postmortemrc.json';
export const packageJsonKey = 'postmortem';

export interface Config {
  /** File the configuration came from, or null when none was found. */
  source: string | null;
  rules: Readonly<Record<string, RuleSetting>>;
  timezone?: string;
  maxBytes?: number;
  /** Absolute path of the taxonomy file (resolved against the config file's directory). */
  taxonomy?: string;
  /** Globs of files not to read below each directory read (`drafts/**`, `*-wip.md`); the site honours them too. */
  ignore?: readonly string[];
  /** The `import` object, as written: options of `postmortem import`, validated by the CLI. */
  import?: Readonly<Record<string, unknown>>;
  /** The `site` object, as written: options of `@postmortem-kb/astro`, validated there. */
  site?: Readonly<Record<string, unknown>>;
  /** Directory of the configuration file, against which its relative paths are resolved. */
  baseDir?: string;
  /** Absolute paths of the team's rule modules (`plugins`, relative to the configuration file as written). */
  plugins?: readonly string[];
  /** The rules those modules export, loaded by `findConfig`. */
  teamRules?: TeamRules;
}

/** A configuration that cannot be read or is invalid; the message names the file and the problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'E_CONFIG';
}

const knownKeys = new Set(['rules', 'timezone', 'maxBytes', 'taxonomy', 'ignore', 'plugins', 'import', 'site']);

/** The configuration for `cwd`, or an empty one (`source: null`). Throws a `ConfigError` for an invalid one. */
export async function findConfig(cwd: string): Promise<Config> {
  let dir = resolve(cwd);
  for (;;) {
    const rcPath = join(dir, rcFileName);
    const rcText = await readIfExists(rcPath);
    if (rcText !== null) return withTeamRules(validateConfig(parseJson(rcText, rcPath), rcPath));

    const packagePath = join(dir, 'package.json');
    const packageText = await readIfExists(packagePath);
    if (packageText !== null) {
      const manifest = parseJson(packageText, packagePath);
      if (isRecord(manifest) && manifest[packageJsonKey] !== undefined) {
        return withTeamRules(validateConfig(manifest[packageJsonKey], `${packagePath} ("${packageJsonKey}" key)`, dir));
      }
    }

    const parent = dirname(dir);
    if (parent === dir || (await isRepositoryRoot(dir))) return { source: null, rules: {} };
    dir = parent;
  }
}

/** Checks a parsed configuration value; `source` names it in error messages. */
/**
 * Loads the team rules named in `plugins` (configuration is trusted code) and checks the
 * settings of `team/…` rules against them.
 */
async function withTeamRules(config: Config): Promise<Config> {
  const fail = (problem: string): never => {
    throw new ConfigError(`invalid configuration in ${config.source ?? 'the configuration'}: ${problem}`);
  };
  const teamRules = config.plugins === undefined ? null : await loadTeamRules(config.plugins).catch((error: unknown) => fail((error as Error).message));
  for (const [ruleId, setting] of Object.entries(config.rules)) {
    if (!ruleId.startsWith('team/')) continue;
    const problem = ruleSettingProblem(ruleId, setting, teamRules?.ids);
    if (problem !== null) fail(problem);
  }
  return teamRules === null ? config : { ...config, teamRules };
}

export function validateConfig(value: unknown, source: string, baseDir = dirname(source)): Config {
  const fail = (problem: string): never => {
    throw new ConfigError(`invalid configuration in ${source}: ${problem}`);
  };
  if (!isRecord(value)) return fail('expected a JSON object');
  for (const key of Object.keys(value)) {
    if (!knownKeys.has(key)) fail(`unknown key "${key}", expected one of ${[...knownKeys].join(', ')}`);
  }

  const config: Config = { source, rules: {}, baseDir };
  if (value.rules !== undefined) {
    if (!isRecord(value.rules)) fail('"rules" must be an object of rule id → "off" | "info" | "warning" | "error"');
    const rules: Record<string, RuleSetting> = {};
    for (const [ruleId, setting] of Object.entries(value.rules as Record<string, unknown>)) {
      // A team rule's setting is checked once its plugin is loaded (`withTeamRules`).
      const problem = ruleId.startsWith('team/') ? null : ruleSettingProblem(ruleId, setting);
      if (problem !== null) fail(problem);
      rules[ruleId] = setting as RuleSetting;
    }
    config.rules = rules;
  }
  if (value.timezone !== undefined) {
    if (typeof value.timezone !== 'string' || value.timezone.trim() === '') fail('"timezone" must be a non-empty string such as "UTC" or "Europe/Berlin"');
    config.timezone = value.timezone as string;
  }
  if (value.maxBytes !== undefined) {
    if (typeof value.maxBytes !== 'number' || !Number.isSafeInteger(value.maxBytes) || value.maxBytes <= 0) fail('"maxBytes" must be a positive integer');
    config.maxBytes = value.maxBytes as number;
  }
  if (value.taxonomy !== undefined) {
    if (typeof value.taxonomy !== 'string' || value.taxonomy === '') fail('"taxonomy" must be a path to taxonomy.yaml');
    config.taxonomy = resolve(baseDir, value.taxonomy as string);
  }
  if (value.plugins !== undefined) {
    if (!Array.isArray(value.plugins) || value.plugins.some((path) => typeof path !== 'string' || path === '')) {
      fail('"plugins" must be an array of paths to ES modules of team rules, relative to the configuration file');
    }
    config.plugins = (value.plugins as string[]).map((path) => resolve(baseDir, path));
  }
  if (value.ignore !== undefined) {
    const problem = ignorePatternsProblem(value.ignore);
    if (problem !== null) fail(`"ignore": ${problem}`);
    config.ignore = value.ignore as string[];
  }
  if (value.import !== undefined) {
    if (!isRecord(value.import)) fail('"import" must be an object with "labels" and/or "columns"');
    config.import = value.import as Record<string, unknown>;
  }
  if (value.site !== undefined) {
    if (!isRecord(value.site)) fail('"site" must be an object of site options (title, base, editUrl, …)');
    config.site = value.site as Record<string, unknown>;
  }
  return config;
}

/** A `.git` directory, or a `.git` file (a worktree or submodule), marks the root of a checkout. */
async function isRepositoryRoot(dir: string): Promise<boolean> {
  return stat(join(dir, '.git')).then(
    () => true,
    () => false,
  );
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`cannot read configuration ${path}: ${(error as Error).message}`);
  }
}

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
    throw error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
