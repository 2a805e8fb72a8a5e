/** Action items written as a table: columns found by their header, one item per row. */
import type { Table, TableCell } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { annotate, calendarDate } from './action-item-annotations.js';
import { emptyRendered, placeOf, renderBlocks, type ItemStatus, type Place } from './action-item-render.js';
import { firstTicket } from './action-item-tickets.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { ActionItem } from './schema.js';
import { collapse, trimEnd } from './text.js';

type Field = 'text' | 'owner' | 'priority' | 'type' | 'status' | 'ticket' | 'due' | 'doneOn';

// Header synonyms, compared with the normalised header, then its last word, then its first.
const columnSynonyms: ReadonlyArray<readonly [Field, readonly string[]]> = [
  ['text', ['action', 'actions', 'action item', 'action items', 'item', 'items', 'task', 'tasks', 'description', 'what', 'remediation', 'title']],
  ['owner', ['owner', 'owners', 'assignee', 'assignees', 'assigned to', 'who', 'responsible', 'dri']],
  ['priority', ['priority', 'pri', 'prio']],
  ['type', ['type', 'kind', 'category']],
  ['status', ['status', 'state', 'done']],
  ['ticket', ['bug', 'ticket', 'issue', 'jira', 'link', 'tracking', 'tracker']],
  ['due', ['due', 'due date', 'deadline', 'eta', 'target date']],
  [
    'doneOn',
    [
      'done on',
      'completed on',
      'closed on',
      'fixed on',
      'resolved on',
      'completed at',
      'closed at',
      'completion date',
      'date completed',
      'date done',
      'done date',
      'date closed',
    ],
  ],
];

function fieldOfHeader(header: string): Field | null {
  const normalised = header
    .toLowerCase()
    .replace(/\(s\)/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  const words = normalised.split(' ');
  for (const candidate of [normalised, words[words.length - 1], words[0]]) {
    for (const [field, synonyms] of columnSynonyms) {
      if (candidate !== undefined && synonyms.includes(candidate)) return field;
    }
  }
  return null;
}

/** Column index of each field; the first column matching a field wins. */
function mapColumns(headers: readonly string[]): Map<Field, number> {
  const columns = new Map<Field, number>();
  headers.forEach((header, index) => {
    const field = fieldOfHeader(header);
    if (field !== null && !columns.has(field)) columns.set(field, index);
  });
  if (!columns.has('text')) {
    // No "Action" column: the first column not claimed by another field describes the item.
    const claimed = new Set(columns.values());
    const free = headers.findIndex((_, index) => !claimed.has(index));
    columns.set('text', free === -1 ? 0 : free);
  }
  return columns;
}

/** `context`: the status a heading or label above the table states ("### In progress"), for rows whose cells state none. */
export function collectTable(table: Table, items: ActionItem[], sink: DiagnosticSink, fallback: Place, context: ItemStatus | null = null): void {
  const [headerRow, ...rows] = table.children;
  if (!headerRow) return;
  const columns = mapColumns(headerRow.children.map((cell) => collapse(toString(cell))));
  for (const row of rows) {
    const place = placeOf(row, fallback);
    const cell = (field: Field): TableCell | undefined => {
      const index = columns.get(field);
      return index === undefined ? undefined : row.children[index];
    };
    const textCell = cell('text');
    const rendered = textCell ? renderBlocks([textCell]) : emptyRendered();
    const annotated = annotate(rendered, place, sink);
    if (annotated.text === '') continue;
    const cellText = (field: Field): string | null => {
      const found = cell(field);
      return found ? meaningful(collapse(renderBlocks([found]).text)) : null;
    };
    const ticketCell = cell('ticket');
    const dueCell = cell('due');
    const doneCell = cell('doneOn');
    const doneOn = doneCell ? (doneOnFromCell(cellText('doneOn'), placeOf(doneCell, place), sink) ?? annotated.doneOn) : annotated.doneOn;
    items.push({
      text: annotated.text,
      owner: ownerFromCell(cellText('owner')) ?? annotated.owner,
      status: statusFromCell(cellText('status')) ?? rowMarker(row.children) ?? annotated.status ?? (doneOn !== null ? 'done' : context),
      priority: cellText('priority') ?? annotated.priority,
      type: cellText('type') ?? annotated.type,
      ticket: (ticketCell ? firstTicket(renderBlocks([ticketCell])) : null) ?? firstTicket(rendered),
      due: dueCell ? dueFromCell(cellText('due'), placeOf(dueCell, place), sink) : annotated.due,
      doneOn,
      line: place.line,
    });
  }
}

// Cells meaning "nothing here".
const emptyCellValues = new Set(['', '-', '–', '—', 'n/a', 'na', 'none', 'tbd', 'tba', '?']);

function meaningful(text: string): string | null {
  return emptyCellValues.has(text.toLowerCase()) ? null : text;
}

function ownerFromCell(text: string | null): string | null {
  if (text === null) return null;
  return meaningful(text.replace(/(^|[\s,;/(])@/g, '$1').trim());
}

const doneCellValues = new Set(['done', 'complete', 'completed', 'closed', 'fixed', 'resolved', '✅', '✔', '✔️', '☑', '☑️', 'yes', 'y', 'x', '[x]', 'true']);
const openCellValues = new Set(['open', 'todo', 'to do', 'in progress', 'pending', 'planned', 'not started', 'no', 'n', '[ ]', 'wip', 'false']);

const closingPunctuation = new Set(['.', '!']);

function statusFromCell(text: string | null): ItemStatus | null {
  if (text === null) return null;
  const normalised = trimEnd(text.toLowerCase().replace(/[-_]/g, ' '), closingPunctuation).trim();
  if (doneCellValues.has(normalised)) return 'done';
  if (openCellValues.has(normalised)) return 'open';
  return null;
}

/** A `**DONE**` / `**TODO**` marker in any cell of the row. */
function rowMarker(cells: readonly TableCell[]): ItemStatus | null {
  for (const cell of cells) {
    const { marker } = renderBlocks([cell]);
    if (marker !== null) return marker;
  }
  return null;
}

const wholeDatePattern = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

function dueFromCell(text: string | null, place: Place, sink: DiagnosticSink): string | null {
  if (text === null) return null;
  const match = wholeDatePattern.exec(text);
  if (!match) {
    sink.report('action-item-unrecognised-due', `Due date "${text}" is not in YYYY-MM-DD form, so the action item keeps no due date.`, place);
    return null;
  }
  return calendarDate(match.slice(1), text, place, sink);
}

/** A "Done on" cell: a date, or nothing (a cell such as "yes" says no more than the status does). */
function doneOnFromCell(text: string | null, place: Place, sink: DiagnosticSink): string | null {
  const match = text === null ? null : wholeDatePattern.exec(text);
  return match ? calendarDate(match.slice(1), text!, place, sink, 'Done date') : null;
}
