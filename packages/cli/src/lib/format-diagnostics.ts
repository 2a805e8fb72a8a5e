/**
 * The three `postmortem lint --format` outputs:
 * - stylish: `path:line:column  severity  message  ruleId`, then `✖ N problems (E errors, W warnings)`;
 * - json: an array of diagnostics;
 * - github: workflow commands (`::error file=…,line=…,col=…,title=ruleId::message`) that
 *   GitHub Actions shows as annotations on the pull request.
 */
import type { Diagnostic } from '@postmortem-kb/parser';
import type { Colors } from './output.js';
import { escapeTerminalText, stringifyJson } from './terminal-text.js';

export const diagnosticFormats = ['stylish', 'json', 'github'] as const;
export type DiagnosticFormat = (typeof diagnosticFormats)[number];

export interface DiagnosticCounts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticCounts {
  const counts: DiagnosticCounts = { errors: 0, warnings: 0, infos: 0 };
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity === 'error') counts.errors++;
    else if (diagnostic.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

/** Diagnostics in reading order: by path, then line, then column (stable otherwise). */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => (a.path ?? '').localeCompare(b.path ?? '') || a.line - b.line || a.column - b.column);
}

/** The whole report for `diagnostics` in `format`, ending with a newline (or empty). */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], format: DiagnosticFormat, colors: Colors): string {
  switch (format) {
    case 'json':
      return `${stringifyJson(diagnostics, 2)}\n`;
    case 'github':
      return diagnostics.map((diagnostic) => `${formatGithubAnnotation(diagnostic)}\n`).join('');
    case 'stylish':
      return formatStylish(diagnostics, colors);
  }
}

function formatStylish(diagnostics: readonly Diagnostic[], colors: Colors): string {
  if (diagnostics.length === 0) return '';
  const lines = diagnostics.map((diagnostic) => formatStylishLine(diagnostic, colors));
  const counts = countDiagnostics(diagnostics);
  const problems = counts.errors + counts.warnings;
  if (problems === 0) return `${lines.join('\n')}\n`;
  const summary = `✖ ${plural(problems, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')})`;
  return `${lines.join('\n')}\n\n${counts.errors > 0 ? colors.bold(colors.red(summary)) : colors.bold(colors.yellow(summary))}\n`;
}

/**
 * `path:line:column  severity  message  ruleId` (the parser's `formatDiagnostic`, with colour).
 * Path and message are escaped: a newline in a file name or a quoted value cannot start a line.
 */
export function formatStylishLine(diagnostic: Diagnostic, colors: Colors): string {
  const where = `${escapeTerminalText(diagnostic.path ?? '<input>')}:${diagnostic.line}:${diagnostic.column}`;
  const paint = { error: colors.red, warning: colors.yellow, info: colors.blue }[diagnostic.severity];
  return `${colors.underline(where)}  ${paint(diagnostic.severity)}  ${escapeTerminalText(diagnostic.message)}  ${colors.dim(escapeTerminalText(diagnostic.ruleId))}`;
}

const githubCommand = { error: 'error', warning: 'warning', info: 'notice' } as const;

/**
 * One GitHub Actions workflow command; values escaped as the runner expects (`%0A` for a line
 * feed, so a value never starts a command of its own); other controls are escaped by `Output`.
 */
export function formatGithubAnnotation(diagnostic: Diagnostic): string {
  const properties = [
    ...(diagnostic.path !== null ? [`file=${escapeProperty(diagnostic.path)}`] : []),
    `line=${diagnostic.line}`,
    `col=${diagnostic.column}`,
    `title=${escapeProperty(diagnostic.ruleId)}`,
  ];
  return `::${githubCommand[diagnostic.severity]} ${properties.join(',')}::${escapeData(diagnostic.message)}`;
}

function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
