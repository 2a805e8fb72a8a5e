/**
 * Dates and zones of timeline entries: an entry's own date, the running date of the date
 * lines above it, midnight rollover and the zone notes; problems become diagnostics.
 */
import type { DiagnosticSink } from './diagnostics.js';
import type { TimelineEntry } from './schema.js';
import type { SectionNode } from './sections.js';
import { collapse } from './text.js';
import {
  addDays,
  formatDate,
  formatDateTime,
  formatTime,
  invalidDateMessage,
  invalidTimeMessage,
  isValidCalendarDate,
  parseIsoDate,
  zoneOffsetMinutes,
  type CalendarDate,
  type DateRead,
  type SlashDateOrder,
} from './time.js';
import type { TimelineItem } from './timeline-items.js';
import type { AmbiguousDate } from './timeline-lead.js';
import { positionIn, type TextLine } from './timeline-lines.js';

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

// A date without a year more than this many days from the incident date may be of the year before or after.
const yearlessReachDays = 92;

/**
 * A written date with its year, taken from the incident when not written; null when unknown or invalid.
 * Without a year, the month and day are placed in the incident's year unless that is more than three
 * months from the incident date and the year before or after is nearer (`Dec 5` in a report of
 * 26 March is the December before; `Jan 2` in one of 30 December, the January after).
 */
function completeDate(date: DateRead, fallbackYear: number | null, incidentDate: CalendarDate | null = null): CalendarDate | null {
  const year = date.year ?? fallbackYear;
  if (year === null || !isValidCalendarDate(year, date.month, date.day)) return null;
  const written = { year, month: date.month, day: date.day };
  if (date.year !== null || incidentDate === null || incidentDate.year !== year) return written;
  const distance = (candidate: CalendarDate) => Math.abs(dayNumber(candidate) - dayNumber(incidentDate));
  if (distance(written) <= yearlessReachDays) return written;
  const nearer = [year - 1, year + 1]
    .map((other) => ({ year: other, month: date.month, day: date.day }))
    .filter((candidate) => isValidCalendarDate(candidate.year, candidate.month, candidate.day) && distance(candidate) < distance(written));
  return nearer[0] ?? written;
}

function dayNumber(date: CalendarDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / 86_400_000;
}

// A numeric date that reads both ways is settled by the incident's date when only one reading
// falls between the day before it and two weeks after it.
const settleWindowDays = { before: 1, after: 14 };

function settleAmbiguousDate(date: AmbiguousDate, year: number | null, incidentDate: CalendarDate | null): CalendarDate | null {
  const fullYear = date.year ?? year;
  if (fullYear === null || incidentDate === null) return null;
  const incidentDay = dayNumber(incidentDate);
  const readings = [
    { year: fullYear, month: date.second, day: date.first },
    { year: fullYear, month: date.first, day: date.second },
  ].filter((reading) => {
    if (!isValidCalendarDate(reading.year, reading.month, reading.day)) return false;
    const offset = dayNumber(reading) - incidentDay;
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
export function resolveItems(
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
  // Whether the running date was set by a date heading or date line, not by the incident's date.
  let datedByLine = false;
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
      const date = completeDate(item.date, incidentYear ?? runningDate?.year ?? null, incidentDate);
      if (date) {
        setRunningDate(date);
        datedByLine = true;
      } else if (!item.date.valid) sink.report('timeline-invalid-date', invalidDateMessage(item.date.written), item);
      continue;
    }

    const { lead, source } = item;
    let at: string | null = null;
    let ownDate: CalendarDate | null = null;
    let dateProblem = false;
    if (lead.date) {
      ownDate = completeDate(lead.date, incidentYear ?? runningDate?.year ?? null, incidentDate);
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
    // An event without a time under a date heading (`### 2021-04-12`) happened that day.
    let entryDate = ownDate ?? (lead.time === null && !dateProblem && datedByLine ? runningDate : null);
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
