import type { RuleId } from './rules.js';
import type { Diagnostic } from './schema.js';

/** Collects positioned diagnostics for one file. Content problems never throw. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly path: string | null) {}

  report(
    ruleId: RuleId,
    severity: Diagnostic['severity'],
    message: string,
    line = 1,
    column = 1,
  ): void {
    this.diagnostics.push({
      ruleId,
      severity,
      message,
      path: this.path,
      line: Math.max(1, line),
      column: Math.max(1, column),
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
