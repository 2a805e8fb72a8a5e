/**
 * Running rules: each check gets a context whose `report` stamps the rule id, severity and
 * path; a rule set to `off` is not run.
 */
import type { CorpusRule, FileRule, FileRuleContext, Place, Problem } from './define-rule.js';
import { builtinCorpusRules } from './registry.js';
import { ruleSeverity, type RuleSettings } from './settings.js';
import type { Diagnostic, Postmortem } from '../lib/schema.js';

function diagnosticAt(ruleId: string, severity: Diagnostic['severity'], message: string, path: string | null, place: Place): Diagnostic {
  return { ruleId, severity, message, path, line: Math.max(1, place.line ?? 1), column: Math.max(1, place.column ?? 1) };
}

/** Runs file rules on one postmortem, appending what they report to its diagnostics. */
export function runFileRules(postmortem: Postmortem, rules: readonly FileRule[], settings: RuleSettings, context: Omit<FileRuleContext, 'report'>): void {
  for (const rule of rules) {
    const severity = ruleSeverity(rule.meta.id, settings, rule.meta.severity);
    if (severity === 'off') continue;
    rule.check(postmortem, {
      ...context,
      report: (problem: Problem) => postmortem.diagnostics.push(diagnosticAt(rule.meta.id, severity, problem.message, context.path, problem)),
    });
  }
}

/** Default time budget of one run of the corpus rules, in ms (10,000 postmortems take well under a second). */
export const defaultCorpusBudgetMs = 30_000;

export interface CorpusRunOptions {
  /** Rule settings: a rule set to `off` does not run. */
  rules?: RuleSettings | undefined;
  /**
   * Time budget of the whole run in ms (default 30 000). The checks run in the calling thread,
   * where no per-file limit applies: past the budget the remaining rules are not run, and a
   * `corpus-time-budget` error on the first postmortem says which.
   */
  budgetMs?: number | undefined;
  /** The clock, in ms (default `performance.now`): tests pass their own, never the wall clock. */
  now?: (() => number) | undefined;
  /** A team's corpus rules, run after the built-in ones. */
  teamRules?: readonly CorpusRule[] | undefined;
}

const budgetId = 'corpus-time-budget';

/**
 * Runs corpus rules over every postmortem together. Each rule first drops its own earlier
 * diagnostics (from a partial load, or a previous run over a corpus that has changed since),
 * so the result is the same however often it runs.
 */
export function runCorpusRules(postmortems: readonly Postmortem[], options: CorpusRunOptions = {}): void {
  const rules = [...builtinCorpusRules, ...(options.teamRules ?? [])];
  const budgetMs = options.budgetMs ?? defaultCorpusBudgetMs;
  if (!(budgetMs > 0)) throw new TypeError(`checkCorpus: expected \`budgetMs\` to be a positive number, not ${String(budgetMs)}`);
  const settings = options.rules ?? {};
  const ids = new Set([...rules.map((rule) => rule.meta.id), budgetId]);
  for (const postmortem of postmortems) {
    if (postmortem.diagnostics.some((diagnostic) => ids.has(diagnostic.ruleId))) {
      postmortem.diagnostics = postmortem.diagnostics.filter((diagnostic) => !ids.has(diagnostic.ruleId));
    }
  }
  const now = options.now ?? (() => performance.now());
  const deadline = now() + budgetMs;
  const overBudget = () => now() > deadline;
  const running = rules.filter((rule) => ruleSeverity(rule.meta.id, settings, rule.meta.severity) !== 'off');
  for (const [index, rule] of running.entries()) {
    const severity = ruleSeverity(rule.meta.id, settings, rule.meta.severity) as Diagnostic['severity'];
    if (!overBudget()) {
      rule.check(postmortems, {
        report: (postmortem, problem) => postmortem.diagnostics.push(diagnosticAt(rule.meta.id, severity, problem.message, postmortem.path, problem)),
        overBudget,
      });
      // A rule that returned with the budget spent may have stopped early: it counts as not finished.
      if (!overBudget()) continue;
    }
    const first = postmortems[0];
    if (first === undefined) return;
    const skipped = running.slice(index).map((skippedRule) => skippedRule.meta.id);
    first.diagnostics.push(
      diagnosticAt(
        budgetId,
        'error',
        `Unexpected corpus checks over the run's time budget of ${budgetMs} ms, expected them within it; not run or not finished for the ${postmortems.length} postmortems: ${skipped.join(', ')} (raise the budget to run them)`,
        first.path,
        {},
      ),
    );
    return;
  }
}
