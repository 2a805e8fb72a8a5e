/**
 * Reading postmortems from disk, for tools that start often (`postmortem lint` in a
 * pre-commit hook or an editor): configuration, taxonomy, finding and loading files, rule
 * settings and corpus checks. Files are parsed in worker threads, so importing this entry
 * does not load the markdown stack (unified, remark, rehype) in the calling thread; the
 * package's index does, through `parsePostmortem`. Every name here is also in the index.
 */
export { findConfig, validateConfig, ConfigError, rcFileName, packageJsonKey, type Config } from './lib/config.js';
export { loadCorpus, loadPostmortems, loadPostmortemFiles, type LoadOptions, type CorpusOptions, type Corpus } from './lib/load-corpus.js';
export { findPostmortemFiles, isPostmortemFileName, sortPostmortems, defaultMaxBytes, type FindOptions } from './lib/load.js';
export { readTaxonomyFile, loadTaxonomy, taxonomyFileName, type Taxonomy } from './lib/taxonomy.js';
export { checkCorpus, type CorpusCheckOptions } from './lib/corpus-rules.js';
export { formatDiagnostic, hasErrors } from './lib/diagnostics.js';
export { ruleDefaults, type RuleId, type RuleInfo } from './lint/registry.js';
export { configureDiagnostics, isFatalRule, type RuleSetting, type RuleSettings } from './lint/settings.js';
export type { TeamRules } from './lint/plugins.js';
export type { Diagnostic, Postmortem } from './lib/schema.js';
