import type { List, ListItem, Nodes, RootContent, Table, TableCell } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { DiagnosticSink } from './diagnostics.js';
import type { ActionItem } from './schema.js';
import { classifyHeading, headingText, type SectionNode } from './sections.js';

/*
 * Action items come as task lists, plain bullets with inline annotations, or tables.
 * Every regex below is anchored on a literal or guarded by a lookbehind so that a failed
 * attempt cannot rescan a long run: inputs may be huge and must stay linear.
 */

type ItemStatus = 'open' | 'done';

/** Where an item starts, for diagnostics. */
interface Place {
  line: number;
  column: number;
}

/** Inline content flattened to text, with what plain text would lose. */
interface Rendered {
  /** Text as written (whitespace not collapsed), `**DONE**`-style markers replaced by a space. */
  text: string;
  /** URLs of links, at the offset in `text` where the link starts. */
  links: Array<{ offset: number; url: string }>;
  /** Status from a bold `**DONE**` / `**TODO**` marker. */
  marker: ItemStatus | null;
}

/** The fields one piece of item text carries. */
interface Annotated {
  text: string;
  owner: string | null;
  status: ItemStatus | null;
  priority: string | null;
  type: string | null;
  due: string | null;
  doneOn: string | null;
}

/** Action items of a remediation section, its sub-sections included. */
export function extractActionItems(section: SectionNode, sink: DiagnosticSink): ActionItem[] {
  const items: ActionItem[] = [];
  const fallback: Place = section;
  // A sub-section that names another kind ("### Lessons" under "## Follow-ups") is not ours.
  let foreignDepth: number | null = null;
  // The status a heading or label states for the plain items under it ("Completed", "Next steps").
  const headingStatus: Array<{ depth: number; status: Status }> = [{ depth: section.depth, status: statusOfLabel(section.heading) }];
  let labelStatus: Status | undefined;
  for (const node of section.scope) {
    if (node.type === 'heading') {
      if (foreignDepth !== null && node.depth <= foreignDepth) foreignDepth = null;
      const text = headingText(node);
      if (foreignDepth === null) {
        const kind = classifyHeading(text);
        if (kind !== null && kind !== 'remediation') foreignDepth = node.depth;
      }
      while (headingStatus.length > 1 && headingStatus[headingStatus.length - 1]!.depth >= node.depth) headingStatus.pop();
      headingStatus.push({ depth: node.depth, status: statusOfLabel(text) ?? headingStatus[headingStatus.length - 1]!.status });
      labelStatus = undefined;
      continue;
    }
    if (foreignDepth !== null) continue;
    if (node.type === 'paragraph') {
      // A short paragraph such as `**Completed:**` or `Follow-up:` labels the list after it.
      const text = collapse(toString(node));
      if (text.length <= 60) labelStatus = statusOfLabel(text) ?? labelStatus;
      continue;
    }
    collectBlock(node, items, sink, fallback, labelStatus ?? headingStatus[headingStatus.length - 1]!.status);
    if (node.type === 'list') labelStatus = undefined;
  }
  return items;
}

type Status = ActionItem['status'];

const doneLabel = /\b(?:completed?|done|resolved|finished|implemented|fixed|shipped)\b/i;
const openLabel = /\b(?:open|follow[- ]?ups?|next steps?|planned|(?:short|medium|long)[- ]term|to ?do|pending|in progress|upcoming|future|remaining)\b/i;

/** `done` for "Immediate actions (completed)", `open` for "Short-term improvements", else null. */
function statusOfLabel(text: string): Status {
  if (doneLabel.test(text)) return 'done';
  if (openLabel.test(text)) return 'open';
  return null;
}

function collectBlock(node: RootContent, items: ActionItem[], sink: DiagnosticSink, fallback: Place, context: Status = null): void {
  if (node.type === 'list') collectList(node, items, sink, fallback, context);
  else if (node.type === 'table') collectTable(node, items, sink, fallback);
  else if (node.type === 'blockquote') for (const child of node.children) collectBlock(child, items, sink, fallback, context);
  // Prose paragraphs are context, not items.
}

// ---------------------------------------------------------------------------------------
// Lists

function collectList(list: List, items: ActionItem[], sink: DiagnosticSink, fallback: Place, context: Status = null): void {
  for (const listItem of list.children) {
    const nested = listItem.children.filter((child): child is List => child.type === 'list');
    const own = listItem.children.filter((child) => child.type !== 'list');
    if (!isGroupLabel(listItem, own, nested)) {
      const place = placeOf(listItem, fallback);
      const rendered = renderBlocks(own);
      const annotated = annotate(rendered, place, sink);
      if (annotated.text !== '') {
        const checkbox = listItem.checked === true ? 'done' : listItem.checked === false ? 'open' : null;
        items.push({
          text: annotated.text,
          owner: annotated.owner,
          status: checkbox ?? annotated.status ?? (annotated.doneOn !== null ? 'done' : null) ?? context,
          priority: annotated.priority,
          type: annotated.type,
          ticket: firstTicket(rendered),
          due: annotated.due,
          doneOn: annotated.doneOn,
          line: place.line,
        });
      }
    }
    // "- Completed:" over a nested list states the status of its items.
    const groupStatus = isGroupLabel(listItem, own, nested) ? statusOfLabel(collapse(own.map((node) => toString(node)).join(' '))) : null;
    for (const child of nested) collectList(child, items, sink, fallback, groupStatus ?? context);
  }
}

/** "- Immediate:" or "- **Long-term**" heading a nested list groups items; it is not one. */
function isGroupLabel(listItem: ListItem, own: readonly Nodes[], nested: readonly List[]): boolean {
  if (nested.length === 0 || typeof listItem.checked === 'boolean') return false;
  const text = collapse(own.map((node) => toString(node)).join(' '));
  if (text.endsWith(':')) return true;
  const only = own.length === 1 ? own[0] : undefined;
  return only?.type === 'paragraph' && only.children.length === 1 && only.children[0]?.type === 'strong';
}

// ---------------------------------------------------------------------------------------
// Tables

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

function collectTable(table: Table, items: ActionItem[], sink: DiagnosticSink, fallback: Place): void {
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
      status: statusFromCell(cellText('status')) ?? rowMarker(row.children) ?? annotated.status ?? (doneOn !== null ? 'done' : null),
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

// ---------------------------------------------------------------------------------------
// Inline annotations

// Marker spelled in the text: "(done)", "[todo]", "✅".
const textMarkerPattern = /[([](done|todo)[)\]]|✅\uFE0F?/giu;
// A status in capitals opening or closing the item: "DONE: add alerting", "Add alerting — DONE".
const capitalMarkerPattern = /^(DONE|TODO|COMPLETED|FIXED)\b:?|\b(DONE|TODO|COMPLETED|FIXED)\.?$/gu;
// "due 2023-06-01", "due: 2023-06-01", "due date: …", "due by …", "by 2023-06-01".
const dueDatePattern = /\b(?:due(?: date)?:? ?(?:(?:on|by) )?|by )(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/gi;
// "due: end of Q3" — an explicit due annotation whose value is not a date.
const dueFreeFormPattern = /\bdue(?: date)?: ?([^,;()[\]|]+)/gi;
// "done 2023-06-01", "completed on 2023-06-01", "closed: 2023-06-01": when the item was done.
const doneOnPattern = /\b(?:done|completed|closed|fixed|shipped|finished)(?: on)?:? (\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/gi;
const priorityPhrasePattern = /\b(?:priority|prio|pri): ?([\w-]+)/gi;
const priorityTokenPattern = /\b[Pp][0-4]\b/g;
const typePhrasePattern = /\btype: ?([\w-]+)/gi;
const ownerPhrasePattern = /\b(?:owners?|assignee|assigned to|dri): ?([^,;()[\]|]+)/gi;
// "@jane.doe" but not "jane@example.com" or "https://host/@jane".
const mentionPattern = /(?<![\w.@/+-])@([A-Za-z0-9][\w.-]*)/g;
// "[prevent] …", "(mitigate) …" at the very start.
const leadingTagPattern = /^[([]([A-Za-z][A-Za-z-]{1,30})[)\]]/;
// Characters a handle may contain but not end with.
const handleTrailingChars = new Set(['.', '_', '-']);
const priorityWords = new Set(['critical', 'urgent', 'high', 'medium', 'low']);

/** Reads owner, status, priority, type and due from item text and returns the text without them. */
function annotate(rendered: Rendered, place: Place, sink: DiagnosticSink): Annotated {
  // Whitespace first: then every `\s` run is one space and the patterns stay simple.
  const text = collapse(rendered.text);
  const spans = new Spans(text);
  const result: Annotated = { text: '', owner: null, status: rendered.marker, priority: null, type: null, due: null, doneOn: null };

  // Before the status markers, so "DONE 2023-06-01" is read as a date, not only as a status.
  for (const match of text.matchAll(doneOnPattern)) {
    if (!spans.add(match.index, match[0].length)) continue;
    if (result.doneOn === null) {
      const written = match[0].slice(match[0].search(/\d/));
      result.doneOn = calendarDate(match.slice(1), written, place, sink, 'Done date');
    }
  }

  for (const match of text.matchAll(textMarkerPattern)) {
    if (!spans.add(match.index, match[0].length)) continue;
    result.status ??= match[1]?.toLowerCase() === 'todo' ? 'open' : 'done';
  }
  for (const match of text.matchAll(capitalMarkerPattern)) {
    if (!spans.add(match.index, match[0].length)) continue;
    result.status ??= (match[1] ?? match[2]) === 'TODO' ? 'open' : 'done';
  }

  for (const match of text.matchAll(dueDatePattern)) {
    if (!spans.add(match.index, match[0].length)) continue;
    if (result.due === null) {
      const written = match[0].slice(match[0].search(/\d/));
      result.due = calendarDate(match.slice(1), written, place, sink);
    }
  }
  if (result.due === null) {
    for (const match of text.matchAll(dueFreeFormPattern)) {
      const value = cutValue(match, spans);
      if (!spans.add(match.index, value.end - match.index)) continue;
      sink.report('action-item-unrecognised-due', `Due date "${value.text}" is not in YYYY-MM-DD form, so the action item keeps no due date.`, place);
      break;
    }
  }

  for (const match of text.matchAll(priorityPhrasePattern)) {
    if (spans.add(match.index, match[0].length)) result.priority ??= match[1] ?? null;
  }
  for (const match of text.matchAll(priorityTokenPattern)) {
    if (spans.add(match.index, match[0].length)) result.priority ??= match[0].toUpperCase();
  }

  for (const match of text.matchAll(typePhrasePattern)) {
    if (spans.add(match.index, match[0].length)) result.type ??= match[1] ?? null;
  }

  for (const match of text.matchAll(ownerPhrasePattern)) {
    const value = cutValue(match, spans);
    const owner = value.text.replace(/^@/, '').replace(/\.$/, '').trim();
    if (owner === '' || !spans.add(match.index, value.end - match.index)) continue;
    result.owner ??= owner;
  }
  if (result.owner === null) {
    for (const match of text.matchAll(mentionPattern)) {
      // A sentence may end right after the handle: "ask @jane."
      const handle = trimEnd(match[1] ?? '', handleTrailingChars);
      if (spans.add(match.index, handle.length + 1)) {
        result.owner = handle;
        break;
      }
    }
  }

  let remaining = tidy(spans.remaining());
  const tag = leadingTagPattern.exec(remaining);
  const tagWord = tag?.[1];
  if (tag && tagWord !== undefined && !/^(?:done|todo)$/i.test(tagWord)) {
    if (priorityWords.has(tagWord.toLowerCase())) result.priority ??= tagWord;
    else result.type ??= tagWord;
    remaining = tidy(remaining.slice(tag[0].length));
  }
  result.text = remaining;
  return result;
}

/**
 * The value of an `owner:` / `due:` phrase: up to a separator, a dash, a sentence end or the
 * next annotation ("owner: Jane Doe due 2023-06-01").
 */
function cutValue(match: RegExpMatchArray, spans: Spans): { text: string; end: number } {
  const value = match[1] ?? '';
  const start = (match.index ?? 0) + match[0].length - value.length;
  let length = spans.firstClaimed(start, start + value.length) - start;
  for (const stop of [' - ', ' – ', ' — ', '. ']) {
    const at = value.indexOf(stop);
    if (at !== -1 && at < length) length = at;
  }
  const kept = value.slice(0, length);
  const trimmed = kept.trimEnd();
  return { text: trimmed.trim(), end: start + trimmed.length };
}

/**
 * Characters of the text already read as annotations. A flag per character, not a list of
 * ranges: an item with thousands of annotations must not cost a scan of all ranges per match.
 */
class Spans {
  private readonly claimed: Uint8Array;

  constructor(private readonly text: string) {
    this.claimed = new Uint8Array(text.length);
  }

  /** Claims a range unless part of it is already claimed. */
  add(start: number | undefined, length: number): boolean {
    if (start === undefined || length <= 0) return false;
    const end = start + length;
    if (this.firstClaimed(start, end) !== end) return false;
    this.claimed.fill(1, start, end);
    return true;
  }

  /** The first claimed position in `[from, limit)`, or `limit`. */
  firstClaimed(from: number, limit: number): number {
    for (let at = from; at < limit; at++) if (this.claimed[at] === 1) return at;
    return limit;
  }

  /** The text with each claimed run replaced by one space. */
  remaining(): string {
    let out = '';
    let runStart = 0;
    for (let at = 0; at <= this.text.length; at++) {
      const isClaimed = at < this.text.length && this.claimed[at] === 1;
      if (isClaimed || at === this.text.length) {
        if (runStart < at) out += this.text.slice(runStart, at);
        if (isClaimed && (at === 0 || this.claimed[at - 1] !== 1)) out += ' ';
        runStart = at + 1;
      }
    }
    return out;
  }
}

const closingPunctuation = new Set(['.', '!']);
const separatorChars = new Set([' ', ',', ';', ':', '|', '-', '–', '—']);

/** Tidies text after annotations were cut out: empty brackets, stray separators, spaces. */
function tidy(text: string): string {
  const out = collapse(text.replace(/[([][\s,;:|/–—-]*[)\]]/g, ' '))
    .replace(/ ([,;:.!?)\]])/g, '$1')
    .replace(/([([]) /g, '$1')
    .replace(/([,;])[,;]+/g, '$1');
  let start = 0;
  while (start < out.length && separatorChars.has(out[start]!)) start++;
  return trimEnd(out.slice(start), separatorChars);
}

/**
 * Drops trailing characters of a set. A loop, not `/[…]+$/`: that pattern rescans a long run
 * from every position in it when the run is not at the end.
 */
function trimEnd(text: string, chars: ReadonlySet<string>): string {
  let end = text.length;
  while (end > 0 && chars.has(text[end - 1]!)) end--;
  return text.slice(0, end);
}

// ---------------------------------------------------------------------------------------
// Tickets

// "ABC-123" — the lookbehind stops a failed attempt from restarting inside a long word.
const ticketKeyPattern = /(?<![\w-])[A-Z][A-Z0-9_]+-\d+(?![\w-])/g;
const issueNumberPattern = /(?<![\w&#])#\d+(?!\w)/g;
const bareUrlPattern = /\bhttps?:\/\/[^\s<>()[\]"']+/g;
// Prefixes that look like keys but name standards or severities.
// A sentence may end right after a URL.
const urlTrailingPunctuation = new Set(['.', ',', ';', ':', '!', '?']);
const notTicketPrefixes = new Set(['UTF', 'SEV', 'ISO', 'SHA', 'CVE', 'RFC', 'TLS', 'HTTP', 'IPV', 'MD']);

/** The first ticket key, issue number or URL, in reading order; a link wins a tie with its own text. */
function firstTicket(rendered: Rendered): string | null {
  // Links go first so that, at equal offsets, the earlier candidate (the link) is kept.
  const candidates = rendered.links.map((link) => ({ offset: link.offset, value: link.url }));
  for (const match of rendered.text.matchAll(ticketKeyPattern)) {
    const prefix = match[0].slice(0, match[0].indexOf('-'));
    if (!notTicketPrefixes.has(prefix)) candidates.push({ offset: match.index, value: match[0] });
  }
  for (const match of rendered.text.matchAll(issueNumberPattern)) {
    candidates.push({ offset: match.index, value: match[0] });
  }
  for (const match of rendered.text.matchAll(bareUrlPattern)) {
    candidates.push({ offset: match.index, value: trimEnd(match[0], urlTrailingPunctuation) });
  }
  let first = candidates[0];
  for (const candidate of candidates) if (first && candidate.offset < first.offset) first = candidate;
  return first?.value ?? null;
}

// ---------------------------------------------------------------------------------------
// Rendering and small helpers

function emptyRendered(): Rendered {
  return { text: '', links: [], marker: null };
}

/** Flattens blocks (a list item's paragraphs, a table cell) to one line of text. */
function renderBlocks(nodes: readonly Nodes[]): Rendered {
  const out = emptyRendered();
  for (const node of nodes) {
    renderInto(node, out);
    out.text += ' ';
  }
  return out;
}

const boldMarkerPattern = /^(done|todo):?$/i;

function renderInto(node: Nodes, out: Rendered): void {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      out.text += node.value;
      return;
    case 'break':
    case 'html':
      out.text += ' ';
      return;
    case 'code':
    case 'image':
    case 'imageReference':
    case 'footnoteReference':
    case 'definition':
      return;
    case 'strong': {
      const marker = boldMarkerPattern.exec(toString(node).trim());
      if (marker) {
        out.marker ??= marker[1]?.toLowerCase() === 'todo' ? 'open' : 'done';
        out.text += ' ';
        return;
      }
      break;
    }
    case 'link':
      // A mail link or a profile link on "@jane" names a person, not a ticket.
      if (!node.url.startsWith('mailto:') && !toString(node).trim().startsWith('@')) {
        out.links.push({ offset: out.text.length, url: node.url });
      }
      break;
    default:
      break;
  }
  if ('children' in node) {
    for (const child of node.children) renderInto(child, out);
  }
}

function placeOf(node: Nodes, fallback: Place): Place {
  const start = node.position?.start;
  return start ? { line: start.line, column: start.column } : fallback;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `YYYY-MM-DD` of year, month and day as written, or null (with a warning) when no such day exists. */
function calendarDate(parts: readonly (string | undefined)[], written: string, place: Place, sink: DiagnosticSink, what = 'Due date'): string | null {
  const [yearText = '', monthText = '', dayText = ''] = parts;
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) {
    sink.report('action-item-invalid-due', `${what} "${written}" is not a valid calendar date; expected a real date as YYYY-MM-DD.`, place);
    return null;
  }
  return `${yearText}-${monthText.padStart(2, '0')}-${dayText.padStart(2, '0')}`;
}
