/** Checks only the whole corpus can make: duplicate ids and file names, links to no incident, recurrences. */
import { builtinCorpusRules } from '../lint/registry.js';
import { runCorpusRules, type CorpusRunOptions } from '../lint/run-rules.js';
import type { Postmortem } from './schema.js';

export { defaultCorpusBudgetMs } from '../lint/run-rules.js';
export type CorpusCheckOptions = CorpusRunOptions;

/** Rule ids `checkCorpus` reports: recomputed whenever the corpus changes, since they depend on other files. */
export const corpusRuleIds: ReadonlySet<string> = new Set([...builtinCorpusRules.map((rule) => rule.meta.id), 'corpus-time-budget']);

/**
 * Appends the corpus rules' diagnostics (`duplicate-id`, `duplicate-slug`, `unknown-related`,
 * `recurrence`) to the postmortems concerned, replacing those of an earlier check: run it again
 * over a changed or larger corpus and the result is as if it had run once. Within a time
 * budget (`corpus-time-budget`, see `CorpusCheckOptions`).
 */
export function checkCorpus(postmortems: readonly Postmortem[], options: CorpusCheckOptions = {}): void {
  runCorpusRules(postmortems, options);
}
