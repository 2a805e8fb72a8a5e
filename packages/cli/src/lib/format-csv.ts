/**
 * CSV (RFC 4180: comma-separated, CRLF line ends, fields with `"`, `,` or line breaks quoted,
 * quotes doubled). Text cells that a spreadsheet would run as a formula (starting with
 * `=`, `+`, `-`, `@`, tab or carriage return) are prefixed with `'`.
 */
import type { Postmortem } from '@postmortem-kb/parser';

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
      postmortem.services.join(';'),
      postmortem.categories.join(';'),
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
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
