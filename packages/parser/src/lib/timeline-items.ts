/** What a timeline section is read into before dates are resolved: entries and the date lines between them. */
import type { EntryLead } from './timeline-lead.js';
import { positionIn, type TextLine } from './timeline-lines.js';
import type { DateRead } from './time.js';

export interface DateItem {
  kind: 'date';
  date: DateRead;
  line: number;
  column: number;
}

export interface EntryItem {
  kind: 'entry';
  lead: EntryLead;
  /** The line the lead was read from, for positions inside it. */
  source: TextLine;
  textParts: string[];
  rawParts: string[];
  /** Zone named in a table's time column header ("Time (UTC)"). */
  tableZone: string | null;
}

export type TimelineItem = DateItem | EntryItem;

export function entryItem(source: TextLine, lead: EntryLead, tableZone: string | null = null): EntryItem {
  return {
    kind: 'entry',
    lead,
    source,
    textParts: [source.text.slice(lead.textStart)],
    rawParts: [source.text],
    tableZone,
  };
}

export function dateItem(date: DateRead, source: TextLine): DateItem {
  return { kind: 'date', date, ...positionIn(source, date.start) };
}
