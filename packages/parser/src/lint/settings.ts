/**
 * Rule settings: what a project may set a rule to (`off` or another severity), which settings
 * are refused (unknown ids, fatal problems), and the severity a rule reports with.
 */
import type { Severity } from './define-rule.js';
import { ruleDefaults, type RuleId } from './registry.js';
import type { Diagnostic } from '../lib/schema.js';

/** What a project may set a rule to: off, or another severity. */
export type RuleSetting = 'off' | Severity;
export const ruleSettings: readonly RuleSetting[] = ['off', 'info', 'warning', 'error'];

/** A project's settings: rule id (built-in or `team/…`) → setting. */
export type RuleSettings = Readonly<Partial<Record<string, RuleSetting>>>;

/** Whether a rule id names a fatal problem, which no configuration may turn off or re-grade. */
export function isFatalRule(ruleId: string): boolean {
  return Object.hasOwn(ruleDefaults, ruleId) && ruleDefaults[ruleId as RuleId].fatal === true;
}

/**
 * Why a rule setting is refused, or null when `setting` is allowed for `ruleId`: unknown ids,
 * unknown settings and fatal rules (one message for the CLI's configuration and the loader).
 * `teamRuleIds` are the ids of the project's own rules (`plugins`), which may be set too.
 */
export function ruleSettingProblem(ruleId: string, setting: unknown, teamRuleIds: ReadonlySet<string> = new Set()): string | null {
  if (!Object.hasOwn(ruleDefaults, ruleId) && !teamRuleIds.has(ruleId)) {
    return `unknown rule "${ruleId}"; valid rule ids: ${[...Object.keys(ruleDefaults), ...teamRuleIds].join(', ')}`;
  }
  if (isFatalRule(ruleId)) {
    return `rule "${ruleId}" cannot be configured: it reports a file that could not be read as a postmortem, which is always shown (fatal rules: ${Object.keys(ruleDefaults).filter(isFatalRule).join(', ')})`;
  }
  if (!ruleSettings.includes(setting as RuleSetting)) {
    return `rule "${ruleId}" is set to ${JSON.stringify(setting)}, expected one of ${ruleSettings.map((s) => `"${s}"`).join(', ')}`;
  }
  return null;
}

/**
 * The severity a rule reports with under `settings`, or `off` when it does not run: the
 * setting, else `fallback` (a team rule's own default), else the registry's default. Fatal
 * problems always keep their own.
 */
export function ruleSeverity(ruleId: string, settings: RuleSettings, fallback?: Severity): RuleSetting {
  const builtin = Object.hasOwn(ruleDefaults, ruleId) ? ruleDefaults[ruleId as RuleId] : undefined;
  if (builtin?.fatal) return builtin.severity;
  return settings[ruleId] ?? fallback ?? builtin?.severity ?? 'error';
}

/**
 * The diagnostics with each rule's configured severity (`{ "<ruleId>": "warning" }`); those of
 * rules turned `off` are left out. Fatal problems are kept as they are, whatever the settings.
 */
export function configureDiagnostics(diagnostics: readonly Diagnostic[], rules: RuleSettings): Diagnostic[] {
  return diagnostics.flatMap((diagnostic) => {
    const setting = rules[diagnostic.ruleId];
    if (setting === undefined || isFatalRule(diagnostic.ruleId)) return [diagnostic];
    return setting === 'off' ? [] : [{ ...diagnostic, severity: setting }];
  });
}
