/**
 * Reads the timeline section of a postmortem into dated, zoned entries.
 *
 * Three steps, each its own function: `collectItems` walks the section's markdown
 * (tables, lists, paragraphs, date sub-headings) into entries and date lines in document
 * order; `resolveItems` gives each entry its date and zone (running date, midnight rollover,
 * zone notes); `assignMarkers` tags the events the metrics need (start, detection, …).
 * Content problems become diagnostics; nothing here throws on content.
 */
import type { List, ListItem, Paragraph, PhrasingContent, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { DiagnosticSink } from './diagnostics.js';
import type { Marker, TimelineEntry } from './schema.js';
import type { SectionNode } from './sections.js';
import {
  addDays,
  findDate,
  findZoneMention,
  formatDate,
  formatDateTime,
  formatTime,
  invalidDateMessage,
  invalidTimeMessage,
  isValidCalendarDate,
  parseIsoDate,
  readAmbiguousSlashDate,
  readDate,
  readTimeOfDay,
  readZone,
  skipDateTimeSeparator,
  zoneOffsetMinutes,
  type CalendarDate,
  type DateRead,
  type SlashDateOrder,
  type TimeRead,
} from './time.js';

export interface TimelineContext {
  /** Incident date `YYYY-MM-DD`. */
  date: string | null;
  /** Zone for times written without one (abbreviation, offset or IANA name). */
  timezone: string | null;
  /** Incident year when only the year is known (e.g. from the file name). */
  year?: number | null;
  /** Whether the document writes numeric dates day first or month first (`slashDateOrder`), when it says. */
  slashOrder?: SlashDateOrder | null;
}

// Times without a date that go back by more than this have crossed midnight.
const midnightRolloverMinutes = 6 * 60;

// ---------------------------------------------------------------------------------------
// Plain text lines with their source positions

interface Anchor {
  offset: number;
  line: number;
  column: number;
}

/** One line of plain text (markdown stripped) and where its pieces sit in the source. */
interface TextLine {
  text: string;
  line: number;
  anchors: Anchor[];
}

/**
 * Splits inline content into plain-text lines at soft and hard breaks, remembering the
 * source position of every text piece so a column inside `**25:10**` points at the `2`.
 * Continuation lines inside one text node have lost their indentation in mdast: they are
 * placed at the block's start column, which is where they almost always are.
 */
function inlineLines(nodes: readonly PhrasingContent[], start: { line: number; column: number }): TextLine[] {
  const lines: TextLine[] = [];
  let current: TextLine = { text: '', line: start.line, anchors: [] };
  let lastLine = start.line;

  const newLine = (line: number) => {
    lines.push(current);
    current = { text: '', line, anchors: [] };
  };
  const append = (value: string, line: number, column: number) => {
    const parts = value.split('\n');
    parts.forEach((part, index) => {
      if (index > 0) newLine(line + index);
      if (part === '') return;
      current.anchors.push({ offset: current.text.length, line: line + index, column: index === 0 ? column : start.column });
      current.text += part;
    });
    lastLine = line + parts.length - 1;
  };
  const walk = (children: readonly PhrasingContent[]) => {
    for (const node of children) {
      const line = node.position?.start.line ?? lastLine;
      const column = node.position?.start.column ?? start.column;
      switch (node.type) {
        case 'text':
          append(node.value, line, column);
          break;
        case 'inlineCode':
          append(node.value, line, column + 1);
          break;
        case 'break':
          newLine(node.position?.end.line ?? lastLine + 1);
          break;
        case 'html':
          if (/^<br\s{0,3}\/?>$/i.test(node.value)) newLine(node.position?.end.line ?? lastLine + 1);
          break;
        case 'image':
        case 'imageReference':
          if (node.alt) append(node.alt, line, column);
          break;
        case 'footnoteReference':
          break;
        default:
          if ('children' in node) walk(node.children);
      }
    }
  };
  walk(nodes);
  lines.push(current);
  return lines;
}

function positionIn(line: TextLine, offset: number): { line: number; column: number } {
  let anchor: Anchor | undefined;
  for (const candidate of line.anchors) {
    if (candidate.offset > offset) break;
    anchor = candidate;
  }
  return anchor ? { line: anchor.line, column: anchor.column + (offset - anchor.offset) } : { line: line.line, column: 1 };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function startOf(node: { position?: { start: { line: number; column: number } } | undefined }, fallbackLine: number) {
  return { line: node.position?.start.line ?? fallbackLine, column: node.position?.start.column ?? 1 };
}

// ---------------------------------------------------------------------------------------
// The time (and date, zone) an entry starts with

/** What an entry line starts with: `[2021-10-30] 14:05 UTC — ` … */
interface EntryLead {
  date: DateRead | null;
  /** A numeric date that reads both ways (`02/10/2022`) in a document that does not say which. */
  ambiguousDate: AmbiguousDate | null;
  time: TimeRead | null;
  zone: string | null;
  /** Where the event text begins, after the time, zone and separator. */
  textStart: number;
}

const openingPattern = /\s{0,3}([[(])?~?\s{0,2}/y;
const rangeEndPattern = /\s{0,2}[-–—]\s{0,2}|\s{1,2}to\s{1,2}/y;
const dateAfterTimePattern = /,?\s{1,3}(?:on\s{1,3})?/iy;
const closingPattern = /\s{0,2}[\])]/y;
const separatorPattern = /\s{0,3}(?:->|[—–→:|,]|-{1,2})?\s{0,3}/y;

function matchAt(pattern: RegExp, text: string, from: number): RegExpExecArray | null {
  pattern.lastIndex = from;
  return pattern.exec(text);
}

/**
 * Reads the lead of an entry: an optional bracket, an optional date (`2024-09-20`,
 * `Oct 30, 2021`), the time (`14:51`, `12:45 PM`, a range `14:00–14:30` keeps its start),
 * a zone (`UTC`, `(CEST)`, `Z`), a date after the time (`Saturday Oct 30th`) and the
 * separator before the event (` — `, ` – `, ` - `, `: `, ` `).
 */
type AmbiguousDate = NonNullable<ReturnType<typeof readAmbiguousSlashDate>>;

function readEntryLead(text: string, order: SlashDateOrder | null = null): EntryLead {
  const opening = matchAt(openingPattern, text, 0);
  const bracketed = opening?.[1] !== undefined;
  let position = opening ? openingPattern.lastIndex : 0;

  let date = readDate(text, position, order);
  const ambiguousDate = date ? null : readAmbiguousSlashDate(text, position);
  let time: TimeRead | null = null;
  const dateEnd = date?.end ?? ambiguousDate?.end;
  if (dateEnd !== undefined) {
    time = readTimeOfDay(text, skipDateTimeSeparator(text, dateEnd));
    position = dateEnd;
  } else {
    time = readTimeOfDay(text, position);
  }
  let zone: string | null = null;
  if (time) {
    position = time.end;
    const rangeEnd = matchAt(rangeEndPattern, text, position) ? readTimeOfDay(text, rangeEndPattern.lastIndex) : null;
    if (rangeEnd) position = rangeEnd.end;
    const zoneRead = readZone(text, position);
    if (zoneRead) {
      zone = zoneRead.name;
      position = zoneRead.end;
    }
    if (!date && !ambiguousDate && matchAt(dateAfterTimePattern, text, position)) {
      const dateAfter = readDate(text, dateAfterTimePattern.lastIndex, order);
      if (dateAfter) {
        date = dateAfter;
        position = dateAfter.end;
        const zoneAfterDate = zone === null ? readZone(text, position) : null;
        if (zoneAfterDate) {
          zone = zoneAfterDate.name;
          position = zoneAfterDate.end;
        }
      }
    }
  }
  if (bracketed && matchAt(closingPattern, text, position)) position = closingPattern.lastIndex;
  const led = time || date || ambiguousDate;
  if (led) position = matchAt(separatorPattern, text, position) ? separatorPattern.lastIndex : position;
  return { date, ambiguousDate, time, zone, textStart: led ? position : 0 };
}

/**
 * A line that only names a date (`Oct 31:`, `Saturday, October 30`, `2021-10-30 (all times PDT)`):
 * it sets the date of the times below it. Date lines are short, so long text is not checked.
 */
function isDateLine(text: string, lead: EntryLead): boolean {
  if (!lead.date || lead.time) return false;
  const rest = text.slice(lead.textStart);
  return rest.length <= 80 && /^[\s:.,;—–-]{0,5}(?:\([^()]{0,60}\))?[\s:.,;—–-]{0,5}$/.test(rest);
}

// After a leading date, what makes the line an event of that day: ` - `, ` — `, `: `, `|`, `->`.
const datedEventSeparatorPattern = /\s{0,3}(?:->|[—–→|]|-{1,2}|:(?!\d))\s{0,3}\S/y;

/**
 * A line that opens with a date but no time and goes on with an event after a separator
 * (`10/22/2022 - Replay finished`, `2022-10-22: patch shipped`): an entry of that day,
 * time unknown. "October 22, 2022 was a long day" has no separator and stays prose.
 */
function isDatedEventLine(text: string, lead: EntryLead): boolean {
  const written = lead.date ?? lead.ambiguousDate;
  if (!written || lead.time || isDateLine(text, lead)) return false;
  return matchAt(datedEventSeparatorPattern, text, written.end) !== null;
}

// ---------------------------------------------------------------------------------------
// Collecting entries and date lines from the section's markdown

interface DateItem {
  kind: 'date';
  date: DateRead;
  line: number;
  column: number;
}

interface EntryItem {
  kind: 'entry';
  lead: EntryLead;
  /** The line the lead was read from, for positions inside it. */
  source: TextLine;
  textParts: string[];
  rawParts: string[];
  /** Zone named in a table's time column header ("Time (UTC)"). */
  tableZone: string | null;
}

type TimelineItem = DateItem | EntryItem;

function entryItem(source: TextLine, lead: EntryLead, tableZone: string | null = null): EntryItem {
  return {
    kind: 'entry',
    lead,
    source,
    textParts: [source.text.slice(lead.textStart)],
    rawParts: [source.text],
    tableZone,
  };
}

function dateItem(date: DateRead, source: TextLine): DateItem {
  return { kind: 'date', date, ...positionIn(source, date.start) };
}

/**
 * Lines of one paragraph: a line starting with a time is an entry, a date line sets the date,
 * and any other line continues the entry above it (hard-wrapped text) or, before the first
 * entry, is prose and not an entry. `keepFirstLine` keeps a first line without a time as an
 * entry (a list item among timed items).
 */
function collectLines(lines: readonly TextLine[], items: TimelineItem[], keepFirstLine: boolean, order: SlashDateOrder | null): EntryItem | null {
  let current: EntryItem | null = null;
  lines.forEach((source, index) => {
    if (source.text.trim() === '') return;
    const lead = readEntryLead(source.text, order);
    if (lead.time || isDatedEventLine(source.text, lead)) {
      current = entryItem(source, lead);
      items.push(current);
    } else if (isDateLine(source.text, lead) && lead.date) {
      items.push(dateItem(lead.date, source));
      current = null;
    } else if (current) {
      current.textParts.push(source.text);
      current.rawParts.push(source.text);
    } else if (index === 0 && keepFirstLine) {
      current = entryItem(source, lead);
      items.push(current);
    }
  });
  return current;
}

function paragraphLines(paragraph: Paragraph, fallbackLine: number): TextLine[] {
  return inlineLines(paragraph.children, startOf(paragraph, fallbackLine));
}

function firstLineHasTime(item: ListItem, order: SlashDateOrder | null): boolean {
  const lead = firstLineLead(item, order);
  return lead !== null && lead.time !== null;
}

/** A date-only entry (`- 2013-05-22 — update`) is still an event: keep it with its `date` and `at: null`. */
function firstLineHasTimeOrDate(item: ListItem, order: SlashDateOrder | null): boolean {
  const lead = firstLineLead(item, order);
  return lead !== null && (lead.time !== null || lead.date !== null || lead.ambiguousDate !== null);
}

function firstLineLead(item: ListItem, order: SlashDateOrder | null): EntryLead | null {
  const first = item.children[0];
  if (first?.type !== 'paragraph') return null;
  const line = paragraphLines(first, 1)[0];
  return line === undefined ? null : readEntryLead(line.text, order);
}

/** Whether a list, or a list nested in it, has an item starting with a time. */
function listHasTimes(list: List, order: SlashDateOrder | null): boolean {
  return list.children.some((item) => firstLineHasTime(item, order) || item.children.some((child) => child.type === 'list' && listHasTimes(child, order)));
}

/**
 * A list of entries. Nested lists with times are separate entries (`- Oct 31:` with its
 * times below); nested lists without any time are details of the entry above them and are
 * kept in its text rather than dropped. An item without a time is kept as an entry with
 * `at: null` only when a sibling item has a time: then the list is a timeline and the
 * item an undated event; a list where no item has a time is notes, not entries.
 */
function collectList(list: List, items: TimelineItem[], fallbackLine: number, order: SlashDateOrder | null): void {
  const timed = list.children.some((item) => firstLineHasTimeOrDate(item, order));
  for (const item of list.children) {
    const itemLine = item.position?.start.line ?? fallbackLine;
    let entry: EntryItem | null = null;
    item.children.forEach((child, index) => {
      if (child.type === 'list') {
        if (entry && !listHasTimes(child, order)) {
          entry.textParts.push(child.children.map((detail) => collapse(toString(detail))).join('; '));
          entry.rawParts.push(child.children.map((detail) => collapse(toString(detail))).join('; '));
        } else {
          collectList(child, items, itemLine, order);
          entry = null;
        }
      } else if (index === 0 && child.type === 'paragraph') {
        entry = collectLines(paragraphLines(child, itemLine), items, timed, order);
      } else if (entry) {
        const text = toString(child);
        entry.textParts.push(text);
        entry.rawParts.push(text);
      } else if (child.type === 'paragraph') {
        entry = collectLines(paragraphLines(child, itemLine), items, false, order);
      }
    });
  }
}

function cellLine(cell: Table['children'][number]['children'][number], fallbackLine: number): TextLine {
  const lines = inlineLines(cell.children, startOf(cell, fallbackLine));
  // A `<br>` in a cell is layout, not a new entry: keep the cell as one line.
  const first = lines[0] ?? { text: '', line: fallbackLine, anchors: [] };
  for (const more of lines.slice(1)) {
    const offset = first.text.length + 1;
    first.anchors.push(...more.anchors.map((anchor) => ({ ...anchor, offset: anchor.offset + offset })));
    first.text += ' ' + more.text;
  }
  return first;
}

/**
 * A table whose first column holds the time (`| 14:05 UTC | event |`), the date and then
 * the time (`| 2021-10-30 | 14:05 | event |`), the time and then the date, or only the date
 * (`| 22/10/2022 | event |`: entries of that day, time unknown). The header row is skipped
 * unless it holds a time itself; a zone in the time column's header ("Time (UTC)") applies
 * to the table. Rows without a time are kept (at null) when other rows have times, or when
 * at least half the rows are dated.
 */
const weekdayCell = /^(?:|day|weekday|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?)$/i;

function collectTable(table: Table, items: TimelineItem[], fallbackLine: number, order: SlashDateOrder | null): void {
  const rows = table.children.map((row) => row.children.map((cell) => cellLine(cell, row.position?.start.line ?? fallbackLine)));
  const header = rows[0] ?? [];
  // "Time (UTC)" in the time column's header, whichever column that is (`| Date | Time (UTC) | Event |`).
  const headerZone =
    header
      .slice(0, 3)
      .map((cell) => findZoneMention(cell.text))
      .find((zone) => zone !== null) ?? null;
  const tableEntries: EntryItem[] = [];
  rows.forEach((allCells, rowIndex) => {
    // `| Day | Date | Time | Event |`: a leading weekday (or empty) column says nothing the date does not.
    let skip = 0;
    while (skip < 2 && allCells.length - skip > 2 && weekdayCell.test(allCells[skip]!.text.trim())) skip++;
    const cells = skip > 0 ? allCells.slice(skip) : allCells;
    const first = cells[0];
    if (!first) return;
    let lead = readEntryLead(first.text, order);
    let source = first;
    let eventCells = cells.slice(1);
    const second = cells[1];
    const dated = lead.date !== null || lead.ambiguousDate !== null;
    if (dated && !lead.time && second) {
      const timeLead = readEntryLead(second.text, order);
      if (timeLead.time && !timeLead.date && !timeLead.ambiguousDate) {
        lead = { ...timeLead, date: lead.date, ambiguousDate: lead.ambiguousDate };
        source = second;
        eventCells = cells.slice(2);
      }
    } else if (!dated && lead.time && second) {
      // `| Time | Date | Event |`: a cell holding only a date after the time.
      const dateLead = readEntryLead(second.text, order);
      if ((dateLead.date || dateLead.ambiguousDate) && !dateLead.time && second.text.slice(dateLead.textStart).trim() === '') {
        lead = { ...lead, date: dateLead.date, ambiguousDate: dateLead.ambiguousDate };
        eventCells = cells.slice(2);
      }
    }
    if (rowIndex === 0 && !lead.time) return;
    const entry = entryItem(source, lead, headerZone);
    const parts = [source.text.slice(lead.textStart), ...eventCells.map((cell) => cell.text)].map(collapse).filter((part) => part !== '');
    entry.textParts = [parts.join(' — ')];
    entry.rawParts = [allCells.map((cell) => collapse(cell.text)).join(' | ')];
    tableEntries.push(entry);
  });
  const datedRows = tableEntries.filter((entry) => entry.lead.date || entry.lead.ambiguousDate).length;
  if (tableEntries.some((entry) => entry.lead.time) || (datedRows > 0 && datedRows * 2 >= tableEntries.length)) items.push(...tableEntries);
}

function collectBlocks(nodes: readonly RootContent[], items: TimelineItem[], section: SectionNode, order: SlashDateOrder | null): void {
  for (const node of nodes) {
    const line = node.position?.start.line ?? section.line;
    switch (node.type) {
      case 'heading': {
        const text = collapse(toString(node));
        const date = findDate(text, order);
        if (date) items.push(dateItem(date, { text, line, anchors: [{ offset: 0, line, column: (node.position?.start.column ?? 1) + node.depth + 1 }] }));
        break;
      }
      case 'paragraph':
        collectLines(paragraphLines(node, line), items, false, order);
        break;
      case 'list':
        collectList(node, items, line, order);
        break;
      case 'table':
        collectTable(node, items, line, order);
        break;
      case 'blockquote':
        collectBlocks(node.children, items, section, order);
        break;
      default:
        // Code blocks, HTML and the like are not read: a log excerpt is not the timeline.
        break;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Zone notes: "(all times UTC)", "All times are in PDT", "Timeline (times in CET)"

const zoneNoteWordPattern = /\btime(?:s|\s?zones?)?\b/gi;

/** A zone named shortly after "times"/"time zone", with no number in between ("times went up at 14:00 UTC" is not a note). */
function zoneNote(text: string): string | null {
  for (const match of text.matchAll(zoneNoteWordPattern)) {
    const after = match.index + match[0].length;
    const window = text.slice(after, after + 40);
    const zone = findZoneMention(window);
    if (zone !== null) {
      const between = window.slice(0, window.indexOf(zone));
      if (!/\d/.test(between)) return zone;
    }
  }
  return null;
}

/**
 * The zone the section says its times are in: its heading ("Timeline (UTC)"), the headings
 * of the sections around it, or a note in its prose or sub-headings.
 */
function findSectionZone(section: SectionNode, sections: readonly SectionNode[]): string | null {
  const own = findZoneMention(section.heading);
  if (own !== null) return own;
  for (let parent = sections[section.parent]; parent; parent = sections[parent.parent]) {
    const note = zoneNote(parent.heading);
    if (note !== null) return note;
  }
  const texts: string[] = [];
  const gather = (nodes: readonly RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'heading') texts.push(toString(node));
      else if (node.type === 'blockquote') gather(node.children);
      else if (node.type === 'paragraph') {
        for (const line of paragraphLines(node, 1)) {
          if (readEntryLead(line.text).time === null) texts.push(line.text);
        }
      }
    }
  };
  gather(section.scope);
  for (const text of texts) {
    const note = zoneNote(text);
    if (note !== null) return note;
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Dates and zones of entries

/** A written date with its year, taken from the incident when not written; null when unknown or invalid. */
function completeDate(date: DateRead, fallbackYear: number | null): CalendarDate | null {
  const year = date.year ?? fallbackYear;
  if (year === null || !isValidCalendarDate(year, date.month, date.day)) return null;
  return { year, month: date.month, day: date.day };
}

// A numeric date that reads both ways is settled by the incident's date when only one reading
// falls between the day before it and two weeks after it.
const settleWindowDays = { before: 1, after: 14 };

function settleAmbiguousDate(date: AmbiguousDate, year: number | null, incidentDate: CalendarDate | null): CalendarDate | null {
  const fullYear = date.year ?? year;
  if (fullYear === null || incidentDate === null) return null;
  const incidentDay = Date.UTC(incidentDate.year, incidentDate.month - 1, incidentDate.day) / 86_400_000;
  const readings = [
    { year: fullYear, month: date.second, day: date.first },
    { year: fullYear, month: date.first, day: date.second },
  ].filter((reading) => {
    if (!isValidCalendarDate(reading.year, reading.month, reading.day)) return false;
    const offset = Date.UTC(reading.year, reading.month - 1, reading.day) / 86_400_000 - incidentDay;
    return offset >= -settleWindowDays.before && offset <= settleWindowDays.after;
  });
  return readings.length === 1 ? readings[0]! : null;
}

function ambiguousDateMessage(date: AmbiguousDate): string {
  const year = date.year === null ? '' : ` ${date.year}`;
  const monthName = (month: number) => new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' });
  return `Unexpected date \`${date.written}\` that reads as ${date.first} ${monthName(date.second)}${year} or ${monthName(date.first)} ${date.second}${year}, expected an ISO date (\`2022-10-02\`) or a numeric date elsewhere in the document that settles the order (\`13/02/2023\` is day first); its entry is kept without a date`;
}

/**
 * Dates: an entry's own date wins; otherwise the last date line or date sub-heading above it;
 * otherwise the incident date. Times without their own date that go back by more than six
 * hours have crossed midnight and move to the next day. Zones: the entry's own, then the
 * table's, then the section's note, then the frontmatter's, then UTC (reported once).
 */
function resolveItems(
  items: readonly TimelineItem[],
  context: TimelineContext,
  sectionZone: string | null,
  section: SectionNode,
  sink: DiagnosticSink,
): TimelineEntry[] {
  const incidentDate = context.date === null ? null : parseIsoDate(context.date);
  const incidentYear = incidentDate?.year ?? context.year ?? null;
  let runningDate: CalendarDate | null = incidentDate;
  let dayOffset = 0;
  let previousMinutes: number | null = null;
  let assumedUtc = false;
  let missingDate = false;
  const entries: TimelineEntry[] = [];

  const setRunningDate = (date: CalendarDate) => {
    runningDate = date;
    dayOffset = 0;
    previousMinutes = null;
  };
  const reportInvalidDate = (date: DateRead, source: TextLine) => {
    const where = positionIn(source, date.start);
    sink.report('timeline-invalid-date', invalidDateMessage(date.written), where);
  };

  for (const item of items) {
    if (item.kind === 'date') {
      const date = completeDate(item.date, incidentYear ?? runningDate?.year ?? null);
      if (date) setRunningDate(date);
      else if (!item.date.valid) sink.report('timeline-invalid-date', invalidDateMessage(item.date.written), item);
      continue;
    }

    const { lead, source } = item;
    let at: string | null = null;
    let ownDate: CalendarDate | null = null;
    let dateProblem = false;
    if (lead.date) {
      ownDate = completeDate(lead.date, incidentYear ?? runningDate?.year ?? null);
      if (ownDate) setRunningDate(ownDate);
      else if (!lead.date.valid) {
        reportInvalidDate(lead.date, source);
        dateProblem = true;
      }
    } else if (lead.ambiguousDate) {
      ownDate = settleAmbiguousDate(lead.ambiguousDate, incidentYear ?? runningDate?.year ?? null, incidentDate);
      if (ownDate) setRunningDate(ownDate);
      else {
        const where = positionIn(source, lead.ambiguousDate.start);
        sink.report('timeline-ambiguous-date', ambiguousDateMessage(lead.ambiguousDate), where);
        dateProblem = true;
      }
    }
    let entryDate = ownDate;
    if (lead.time && !lead.time.valid) {
      const where = positionIn(source, lead.time.start);
      sink.report('timeline-invalid-time', invalidTimeMessage(lead.time.written), where);
    } else if (lead.time && !dateProblem) {
      const time = lead.time.time;
      if (lead.time.redundantMeridiem) {
        const where = positionIn(source, lead.time.start);
        sink.report(
          'timeline-redundant-meridiem',
          `Unexpected \`PM\` after the 24-hour time \`${lead.time.written}\`, read as ${formatTime(time).slice(0, 5)}; expected \`${formatTime(time).slice(0, 5)}\` or \`${time.hour - 12}:${String(time.minute).padStart(2, '0')} PM\``,
          where,
        );
      }
      const minutes = time.hour * 60 + time.minute;
      let date = ownDate;
      if (!date) {
        if (previousMinutes !== null && previousMinutes - minutes > midnightRolloverMinutes) dayOffset += 1;
        date = runningDate ? addDays(runningDate, dayOffset) : null;
      }
      previousMinutes = minutes;
      entryDate = date;
      if (date) {
        const wallClock = `${formatDate(date)}T${formatTime(time)}`;
        let offset: number | null = null;
        for (const zone of [lead.zone, item.tableZone, sectionZone, context.timezone]) {
          if (zone !== null) offset = zoneOffsetMinutes(zone, wallClock);
          if (offset !== null) break;
        }
        if (offset === null) assumedUtc = true;
        at = formatDateTime(date, time, offset ?? 0);
      } else {
        missingDate = true;
      }
    }
    entries.push({
      at,
      date: entryDate === null ? null : formatDate(entryDate),
      text: collapse(item.textParts.join(' ')),
      raw: collapse(item.rawParts.join(' ')),
      line: source.line,
      marker: null,
    });
  }

  if (assumedUtc) {
    sink.report(
      'timeline-no-zone',
      'Unexpected timeline times without a time zone, expected a zone on the times (`14:05 UTC`), a note such as "All times UTC" or `timezone` in the frontmatter; assuming UTC',
      section,
    );
  }
  if (missingDate) {
    sink.report(
      'timeline-no-date',
      'Unexpected timeline times without a date, expected a date heading (`### 2021-10-30`), a date on the entries or `date` in the frontmatter; their `at` is left empty',
      section,
    );
  }
  return entries;
}

// ---------------------------------------------------------------------------------------
// Markers

// The capitalised forms authors write on purpose ("OUTAGE BEGINS"): every one counts.
const explicitMarkers: ReadonlyArray<readonly [Marker, RegExp]> = [
  ['started', /\b(?:OUTAGE|INCIDENT|IMPACT) (?:BEGINS|BEGAN|STARTS|STARTED)\b/],
  ['detected', /\b(?:(?:OUTAGE|INCIDENT) )?DETECTED\b/],
  ['mitigated', /\b(?:(?:OUTAGE|INCIDENT|IMPACT) )?MITIGATED\b/],
  ['resolved', /\b(?:OUTAGE|INCIDENT|IMPACT) ENDS\b|\b(?:(?:OUTAGE|INCIDENT) )?RESOLVED\b/],
];

// Phrases in ordinary prose: only the first entry of each kind, and only when the
// timeline has no explicit form of that kind.
const heuristicMarkers: ReadonlyArray<readonly [Marker, RegExp]> = [
  ['started', /\b(?:incident|outage|impact) (?:begins|began|starts|started|start)\b/i],
  [
    'detected',
    /\b(?:alerts? (?:fired|triggered)|first alert|paged|pager (?:storm|alert)|receives? (?:a )?pages?|alerted|incident (?:was )?declared|customers? (?:report|reported|reports|complain|complained))\b/i,
  ],
  ['mitigated', /\b(?:impact|outage|incident) (?:was )?mitigated\b/i],
  ['resolved', /\b(?:incident (?:was )?resolved|fully recovered|all[ -]clear|(?:outage|incident|impact) ends)\b/i],
  // A bare word counts only as the entry's label: "Resolved.", "Detected: …".
  ['detected', /^detected(?=$|\s?[:.!—–-])/i],
  ['mitigated', /^mitigated(?=$|\s?[:.!—–-])/i],
  ['resolved', /^resolved(?=$|\s?[:.!—–-])/i],
];

function isNegated(text: string, index: number): boolean {
  return /(?:\bnot?|\bnever|\bwithout|n't)\s(?:\S{1,20}\s)?$/i.test(text.slice(Math.max(0, index - 30), index));
}

function earliestMarker(text: string, patterns: ReadonlyArray<readonly [Marker, RegExp]>, allowed: (marker: Marker) => boolean): Marker | null {
  let best: { marker: Marker; index: number } | null = null;
  for (const [marker, pattern] of patterns) {
    if (!allowed(marker)) continue;
    const match = pattern.exec(text);
    if (!match || isNegated(text, match.index)) continue;
    if (!best || match.index < best.index) best = { marker, index: match.index };
  }
  return best?.marker ?? null;
}

function assignMarkers(entries: TimelineEntry[]): void {
  const explicitKinds = new Set<Marker>();
  for (const entry of entries) {
    entry.marker = earliestMarker(entry.text, explicitMarkers, () => true);
    if (entry.marker) explicitKinds.add(entry.marker);
  }
  const heuristicKinds = new Set<Marker>();
  for (const entry of entries) {
    if (entry.marker) continue;
    entry.marker = earliestMarker(entry.text, heuristicMarkers, (marker) => !explicitKinds.has(marker) && !heuristicKinds.has(marker));
    if (entry.marker) heuristicKinds.add(entry.marker);
  }
}

// ---------------------------------------------------------------------------------------

/**
 * The entries of a timeline section (its `scope`, so date sub-headings are included), in
 * document order. Order is not checked here: out-of-order timelines are a lint rule's job.
 */
export function extractTimeline(section: SectionNode, sections: readonly SectionNode[], context: TimelineContext, sink: DiagnosticSink): TimelineEntry[] {
  const items: TimelineItem[] = [];
  collectBlocks(section.scope, items, section, context.slashOrder ?? null);
  const entries = resolveItems(items, context, findSectionZone(section, sections), section, sink);
  assignMarkers(entries);
  return entries;
}
