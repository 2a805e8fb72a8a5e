/**
 * Collects a timeline section's entries and date lines in document order: paragraphs, lists,
 * date sub-headings and blockquotes here, tables in timeline-table.ts.
 */
import type { Code, List, ListItem, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { listLabelKind } from './list-labels.js';
import type { SectionKind } from './schema.js';
import type { SectionNode } from './sections.js';
import { collapse } from './text.js';
import { findDate, type SlashDateOrder } from './time.js';
import { dateItem, entryItem, type EntryItem, type TimelineItem } from './timeline-items.js';
import { isDatedEventLine, isDateLine, readEntryLead, type EntryLead } from './timeline-lead.js';
import { codeLines, paragraphLines, type TextLine } from './timeline-lines.js';
import { collectTable } from './timeline-table.js';

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
 * item an undated event; a list where no item has a time is notes, not entries, unless it sits
 * right under a date sub-heading (`### 2021-04-12`): then its items are events of that day.
 */
function collectList(list: List, items: TimelineItem[], fallbackLine: number, order: SlashDateOrder | null, underDate = false): void {
  const timed = underDate || list.children.some((item) => firstLineHasTimeOrDate(item, order));
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

// Code blocks without a language, or marked as plain text, may hold the timeline; `json`, `sh`, `log` … are code.
const plainCodeLanguages = new Set(['text', 'txt', 'plain', 'plaintext', 'none']);
// After a line's time: a log level (`ERROR`, `[warn]`, `level=info`) or a JSON object makes it a log line.
const logLinePattern = /^(?:\[?(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|FATAL|CRIT|CRITICAL)\]?(?![\w-])|level=|\{)/i;

/**
 * Whether a code block in a timeline section is the timeline written as plain text: no language
 * (or a plain-text one), and more than half of its lines open with a time or a date, most of
 * them not log lines. A log excerpt, a config file or a command stays code.
 */
function isTimelineCode(code: Code, order: SlashDateOrder | null): boolean {
  if (code.lang && !plainCodeLanguages.has(code.lang.toLowerCase())) return false;
  let lines = 0;
  let led = 0;
  let logged = 0;
  for (const text of code.value.split('\n')) {
    if (text.trim() === '') continue;
    lines += 1;
    const lead = readEntryLead(text, order);
    if (!(lead.time || isDatedEventLine(text, lead) || isDateLine(text, lead))) continue;
    led += 1;
    if (logLinePattern.test(text.slice(lead.textStart))) logged += 1;
  }
  return led * 2 > lines && logged * 2 < led;
}

/** Whether a block holds an entry of its own: a line or item that starts with a time or a date. */
function holdsEntries(node: RootContent, order: SlashDateOrder | null): boolean {
  if (node.type === 'list') return node.children.some((item) => firstLineHasTimeOrDate(item, order));
  if (node.type !== 'paragraph') return false;
  return paragraphLines(node, 1).some((line) => {
    const lead = readEntryLead(line.text, order);
    return lead.time !== null || isDatedEventLine(line.text, lead);
  });
}

// A list labelled as causes (`**Root causes:**`) gives root causes or contributing factors (causes.ts), not events.
const causeKinds: ReadonlySet<SectionKind> = new Set(['rootCause', 'contributingFactors']);

export function collectBlocks(nodes: readonly RootContent[], items: TimelineItem[], section: SectionNode, order: SlashDateOrder | null): void {
  // Whether the last heading named a date: a list right below it lists that day's events.
  let underDate = false;
  // What the paragraph just above names the list below it (`**Timeline:**`, `**Impact:**`), if it is such a label.
  let listLabel: SectionKind | null = null;
  // The entry a heading that starts with a time opened (`### 5:02 PM`): the blocks below it are its text.
  let headingEntry: EntryItem | null = null;
  for (const node of nodes) {
    const line = node.position?.start.line ?? section.line;
    if (headingEntry && node.type !== 'heading' && node.type !== 'table' && node.type !== 'code' && !holdsEntries(node, order)) {
      const text =
        node.type === 'list'
          ? node.children.map((item) => collapse(toString(item, { includeHtml: false }))).join('; ')
          : collapse(toString(node, { includeHtml: false }));
      if (text !== '') {
        headingEntry.textParts.push(text);
        headingEntry.rawParts.push(text);
      }
      continue;
    }
    headingEntry = null;
    const label = listLabel;
    listLabel = null;
    switch (node.type) {
      case 'heading': {
        const text = collapse(toString(node));
        const source = { text, line, anchors: [{ offset: 0, line, column: (node.position?.start.column ?? 1) + node.depth + 1 }] };
        const lead = readEntryLead(text, order);
        if (lead.time) {
          headingEntry = entryItem(source, lead);
          items.push(headingEntry);
          underDate = false;
          break;
        }
        const date = findDate(text, order);
        if (date) items.push(dateItem(date, source));
        underDate = date !== null;
        break;
      }
      case 'paragraph':
        collectLines(paragraphLines(node, line), items, false, order);
        listLabel = listLabelKind(node);
        break;
      case 'list':
        // Under a date heading, a list labelled as something other than events (`**Impact:**`) is read as a list outside one.
        if (label === null || !causeKinds.has(label)) collectList(node, items, line, order, underDate && (label === null || label === 'timeline'));
        break;
      case 'table':
        collectTable(node, items, line, order);
        break;
      case 'blockquote':
        collectBlocks(node.children, items, section, order);
        break;
      case 'code':
        // A timeline kept in a code block for its alignment (```` ``` ```` or indented) is read like a paragraph's lines.
        if (isTimelineCode(node, order)) collectLines(codeLines(node, line), items, false, order);
        break;
      default:
        // HTML and the like are not read.
        break;
    }
  }
}
