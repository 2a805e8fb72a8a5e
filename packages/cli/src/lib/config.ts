/**
 * The CLI's view of the per-project configuration: the parser package's `findConfig` reads it
 * (the site reads the same file through it); here its `import` key is checked, and a
 * configuration mistake becomes a usage error (exit code 2). Rules are applied after parsing,
 * by mapping or removing diagnostics by rule id.
 */
import {
  configureDiagnostics,
  ConfigError,
  findConfig as findProjectConfig,
  validateConfig as validateProjectConfig,
  type Config as ProjectConfig,
  type Postmortem,
} from '@postmortem-kb/parser/corpus';
import { columnFields, labelTargets, type ColumnField, type LabelTarget } from '@postmortem-kb/import/formats';
import { UsageError } from './usage-error.js';

/** The project's configuration (read by the parser package, one reader for CLI and site), with `import` checked. */
export interface Config extends Omit<ProjectConfig, 'import'> {
  /** `postmortem import`: issue label patterns → field, CSV/Notion column → field. */
  import?: ImportConfig;
}

export interface ImportConfig {
  labels?: Record<string, LabelTarget>;
  columns?: Record<string, ColumnField>;
}

/** The configuration for `cwd`, or an empty one. Invalid configuration throws a `UsageError`. */
export async function findConfig(cwd: string): Promise<Config> {
  return withImport(await findProjectConfig(cwd).catch(asUsageError));
}

/** Checks a parsed configuration value; `source` names it in error messages. */
export function validateConfig(value: unknown, source: string, baseDir?: string): Config {
  try {
    return withImport(validateProjectConfig(value, source, baseDir));
  } catch (error) {
    return asUsageError(error);
  }
}

/** A configuration mistake is a usage error of the CLI (exit code 2), with the reader's message. */
function asUsageError(error: unknown): never {
  throw error instanceof ConfigError ? new UsageError(error.message) : error;
}

function withImport(config: ProjectConfig): Config {
  if (config.import === undefined) return config;
  const fail = (problem: string): never => {
    throw new UsageError(`invalid configuration in ${config.source}: ${problem}`);
  };
  return { ...config, import: validateImportConfig(config.import, fail) };
}

/**
 * Applies the configured rule settings to every postmortem's diagnostics, in place:
 * `"off"` removes a rule's diagnostics, a severity replaces the default one.
 */
export function applyRuleSettings(postmortems: readonly Postmortem[], rules: Config['rules']): void {
  if (Object.keys(rules).length === 0) return;
  for (const postmortem of postmortems) postmortem.diagnostics = configureDiagnostics(postmortem.diagnostics, rules);
}

function validateImportConfig(value: unknown, fail: (problem: string) => never): ImportConfig {
  if (!isRecord(value)) return fail('"import" must be an object with "labels" and/or "columns"');
  const result: ImportConfig = {};
  const mapping = <T extends string>(key: 'labels' | 'columns', allowed: readonly T[]): Record<string, T> | undefined => {
    const entries = value[key];
    if (entries === undefined) return undefined;
    if (!isRecord(entries)) return fail(`"import.${key}" must be an object`);
    for (const [from, to] of Object.entries(entries)) {
      if (!allowed.includes(to as T))
        fail(`"import.${key}" maps ${JSON.stringify(from)} to ${JSON.stringify(to)}, expected one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
    }
    return entries as Record<string, T>;
  };
  for (const key of Object.keys(value)) if (key !== 'labels' && key !== 'columns') fail(`unknown key "import.${key}", expected labels or columns`);
  const labels = mapping('labels', labelTargets);
  const columns = mapping('columns', columnFields);
  if (labels) result.labels = labels;
  if (columns) result.columns = columns;
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
