import type { Place } from '../lint/define-rule.js';
import type { RuleId } from '../lint/registry.js';
import { ruleSeverity, type RuleSettings } from '../lint/settings.js';
import type { Diagnostic } from './schema.js';

/**
 * Collects positioned diagnostics for one file. Content problems never throw. The severity
 * comes from the registry (or the project's `settings`); a rule set to `off` reports nothing.
 */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    readonly path: string | null,
    private readonly settings: RuleSettings = {},
  ) {}

  report(ruleId: RuleId, message: string, place: Place = {}): void {
    const severity = ruleSeverity(ruleId, this.settings);
    if (severity === 'off') return;
    this.diagnostics.push({
      ruleId,
      severity,
      message,
      path: this.path,
      line: Math.max(1, place.line ?? 1),
      column: Math.max(1, place.column ?? 1),
    });
  }
}

/** `path:line:column  severity  message  ruleId` — the one-line form used by `postmortem lint`. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = `${diagnostic.path ?? '<input>'}:${diagnostic.line}:${diagnostic.column}`;
  return `${where}  ${diagnostic.severity}  ${diagnostic.message}  ${diagnostic.ruleId}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}
