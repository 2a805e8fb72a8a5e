/**
 * CSV (RFC 4180: comma-separated, CRLF line ends, fields with `"` or `,` quoted, quotes
 * doubled). Every column is a one-line value, so control characters, line breaks included,
 * are written as visible escapes (`\n`, `\x1b`): one row is one line, and no cell can drive
 * the terminal or CI log it is shown in. Text that a spreadsheet would run as a formula
 * (starting with `=`, `+`, `-` or `@`, after any spaces; tab and CR are escaped already) is
 * prefixed with `'`; in `;`-joined list cells each item is, since spreadsheets in some
 * locales split cells at `;`.
 */
import type { Postmortem } from '@postmortem-kb/parser';
import { escapeTerminalText } from './terminal-text.js';

export type CsvCell = string | number | null;

export const postmortemCsvColumns = [
  'id',
  'slug',
  'title',
  'date',
  'status',
  'severity',
  'organization',
  'services',
  'categories',
  'timeToResolveMinutes',
  'actionItemsOpen',
  'actionItemsDone',
  'path',
] as const;

/** One row per incident; list cells are `;`-joined; action items without `done` count as open. */
export function postmortemsToCsv(postmortems: readonly Postmortem[]): string {
  const rows: CsvCell[][] = [[...postmortemCsvColumns]];
  for (const postmortem of postmortems) {
    const done = postmortem.actionItems.filter((item) => item.status === 'done').length;
    rows.push([
      postmortem.id,
      postmortem.slug,
      postmortem.title,
      postmortem.date,
      postmortem.status,
      postmortem.severity,
      postmortem.organization,
      joinList(postmortem.services),
      joinList(postmortem.categories),
      postmortem.metrics.timeToResolveMinutes,
      postmortem.actionItems.length - done,
      done,
      postmortem.path,
    ]);
  }
  return formatCsv(rows);
}

export function formatCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => `${row.map(formatCsvCell).join(',')}\r\n`).join('');
}

export function formatCsvCell(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = neutraliseFormula(escapeTerminalText(cell));
  return /[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A `;`-joined list cell whose items are each neutralised (`formatCsvCell` does the whole cell). */
function joinList(items: readonly string[]): string {
  return items.map((item) => neutraliseFormula(escapeTerminalText(item))).join(';');
}

function neutraliseFormula(text: string): string {
  return /^ *[=+\-@]/.test(text) ? `'${text}` : text;
}
