import type { Table } from 'mdast';
import { collapse } from './text.js';
import { findZoneMention, readZone, type SlashDateOrder } from './time.js';
import { entryItem, type EntryItem, type TimelineItem } from './timeline-items.js';
import { readEntryLead } from './timeline-lead.js';
import { inlineLines, startOf, type TextLine } from './timeline-lines.js';

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

/** A cell that holds only a zone (`PST`, `UTC+2`, `Europe/Berlin`): a time-zone column. */
function zoneCell(cell: TextLine | undefined): string | null {
  const text = cell?.text.trim() ?? '';
  if (text === '' || text.length > 40) return null;
  // readZone reads a zone after a time, so the cell is read as if a space preceded it.
  const read = readZone(' ' + text, 0);
  return read !== null && read.end === text.length + 1 ? read.name : null;
}

const weekdayCell = /^(?:|day|weekday|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?)$/i;

/**
 * A table whose first column holds the time (`| 14:05 UTC | event |`), the date and then
 * the time (`| 2021-10-30 | 14:05 | event |`), the time and then the date, or only the date
 * (`| 22/10/2022 | event |`: entries of that day, time unknown). The header row is skipped
 * unless it holds a time itself; a zone in the time column's header ("Time (UTC)") applies
 * to the table, and a cell holding only a zone right after the time is that row's zone. Rows without a time are kept (at null) when other rows have times, or when
 * at least half the rows are dated.
 */
export function collectTable(table: Table, items: TimelineItem[], fallbackLine: number, order: SlashDateOrder | null): void {
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
    // `| Time | TZ | Event |`, `| Date | Time | Timezone | Description |`: the zone sits in the cell after the time.
    const zone = lead.time && lead.zone === null ? zoneCell(eventCells[0]) : null;
    if (zone !== null) {
      lead = { ...lead, zone };
      eventCells = eventCells.slice(1);
    }
    if (rowIndex === 0 && !lead.time) return;
    const entry = entryItem(source, lead, headerZone);
    // An empty cell or one holding only a dash (`| ~15:23 | — | Pool halted |`) is a placeholder, not text.
    const parts = [source.text.slice(lead.textStart), ...eventCells.map((cell) => cell.text)].map(collapse).filter((part) => !/^[-–—]*$/.test(part));
    entry.textParts = [parts.join(' — ')];
    entry.rawParts = [allCells.map((cell) => collapse(cell.text)).join(' | ')];
    tableEntries.push(entry);
  });
  const datedRows = tableEntries.filter((entry) => entry.lead.date || entry.lead.ambiguousDate).length;
  if (tableEntries.some((entry) => entry.lead.time) || (datedRows > 0 && datedRows * 2 >= tableEntries.length)) items.push(...tableEntries);
}
