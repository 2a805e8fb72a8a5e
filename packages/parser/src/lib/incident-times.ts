/**
 * When the incident happened: its date (frontmatter, a `Date:` line, the file name, the title, the start
 * of impact, the introduction, else the earliest timeline entry), the zone for times written
 * without one, and the frontmatter's start, detection, mitigation and resolution times.
 */
import type { Root } from 'mdast';
import { inferDateOrder } from './date-order.js';
import type { DiagnosticSink } from './diagnostics.js';
import { fileNameDayInFolder, type FolderDate } from './folder-dates.js';
import { defineOwn, keyPosition, keysGiven, type FrontmatterResult } from './frontmatter.js';
import { dateFromFileName, parseCalendarDate, type BodyMetadata } from './metadata.js';
import type { Frontmatter, Postmortem } from './schema.js';
import { introNodes, nodesToText } from './sections.js';
import { truncate } from './text.js';
import { findDate, formatDate, isValidCalendarDate, parseDateTime, parseIsoDate, slashDateOrder, zoneOffsetMinutes, type SlashDateOrder } from './time.js';
import type { TimelineContext } from './timeline.js';

type TimeKey = 'started_at' | 'detected_at' | 'mitigated_at' | 'resolved_at';

export interface IncidentTimes extends Pick<Postmortem, 'timezone' | 'startedAt' | 'detectedAt' | 'mitigatedAt' | 'resolvedAt'> {
  /** The incident's date as far as it is known before the timeline is read. */
  date: string | null;
  /**
   * Where `date` came from: stated (frontmatter, a `Date:` line, the file name), the start of impact,
   * the introduction, or a day and month in the report with the year of its folder.
   */
  dateFrom: 'stated' | 'started' | 'introduction' | 'folder' | null;
  /** The folder naming the year, when it gave the year of `date` or of the timeline's entries. */
  folderYear: FolderDate | null;
  /** What the timeline's entries are read against. */
  timelineContext: TimelineContext;
}

export function readIncidentTimes(
  frontmatter: FrontmatterResult,
  body: BodyMetadata,
  tree: Root,
  names: { baseName: string; folder: FolderDate | null },
  fallbackZone: string | null,
  sink: DiagnosticSink,
): IncidentTimes {
  const fm = frontmatter.data;
  const { baseName, folder } = names;
  const slashOrder = readDateOrder(frontmatter.body, fm, body, baseName, folder);
  const stated = readStatedDate(fm, body, baseName, slashOrder, sink, keyPosition(frontmatter, 'date'));
  let statedDate = stated.date;
  const introDate = statedDate === null ? dateInText(nodesToText(introNodes(tree.children))) : null;
  const timezone = readTimezone(fm.timezone, fallbackZone, sink, keyPosition(frontmatter, 'timezone'), frontmatter.extra);
  const context = { date: statedDate ?? introDate, timezone };
  const startedAt = readTime(frontmatter, 'started_at', context, sink) ?? readBodyTime(body, 'started_at', context);
  const detectedAt = readTime(frontmatter, 'detected_at', context, sink) ?? readBodyTime(body, 'detected_at', context);
  const mitigatedAt = readTime(frontmatter, 'mitigated_at', context, sink) ?? readBodyTime(body, 'mitigated_at', context);
  const resolvedAt = readTime(frontmatter, 'resolved_at', context, sink) ?? readBodyTime(body, 'resolved_at', context);
  // A start time written with its own day outranks a day read from the words of the title or
  // file name ("Outage on 22nd & 23rd April 2020" over `start_time: 2020-04-21T22:00:00Z`).
  if (stated.fromWords && startedAt !== null && startedAt.slice(0, 10) !== statedDate) statedDate = null;
  // The start of impact, as written in its own offset, is the incident's day.
  const startDate = statedDate === null && startedAt !== null ? startedAt.slice(0, 10) : null;
  const folderDay =
    statedDate === null && startDate === null && introDate === null && folder !== null ? dayWithFolderYear(fm, body, baseName, folder, slashOrder) : null;
  const date = statedDate ?? startDate ?? introDate ?? folderDay;
  const dateFrom = statedDate !== null ? 'stated' : startDate !== null ? 'started' : introDate !== null ? 'introduction' : folderDay !== null ? 'folder' : null;
  // A month-precision date (`2013-05`) still gives timeline entries such as "May 22" their year; so does a folder (`2026/`).
  const year = date === null ? (folder?.year ?? null) : Number(date.slice(0, 4));
  const folderYear = folder !== null && (dateFrom === 'folder' || date === null) ? folder : null;
  const timelineContext = { date, timezone, year, slashOrder };
  return { date, dateFrom, folderYear, timezone, startedAt, detectedAt, mitigatedAt, resolvedAt, timelineContext };
}

/**
 * Day first or month first for numeric dates: as the document's own unambiguous dates say, else
 * as other evidence settles (`date-order.ts`): a date the frontmatter, a `Date:` line or the file
 * name gives, the folder's year and month, days written with their month name, the dates' spread.
 */
function readDateOrder(text: string, fm: Frontmatter, body: BodyMetadata, baseName: string, folder: FolderDate | null): SlashDateOrder | null {
  const stated = slashDateOrder(text);
  if (stated !== null) return stated;
  const known = (fm.date === undefined ? null : parseCalendarDate(String(fm.date).trim())) ?? body.date ?? dateFromFileName(baseName);
  return inferDateOrder(text, { date: known === null ? null : parseIsoDate(known), folder });
}

/**
 * A day and month the report gives without a year (a `Date:` line, the title, the file name:
 * `2026/23 June.md`, `2023-04/04-25-…md`), in the year its folder names; null when none does.
 */
function dayWithFolderYear(fm: Frontmatter, body: BodyMetadata, baseName: string, folder: FolderDate, order: SlashDateOrder | null): string | null {
  const written = [body.fields.get('date')?.value, fm.title, body.title, baseName.replace(/[-_]+/g, ' ')];
  for (const text of written) {
    if (text === undefined || text === null) continue;
    const read = findDate(text, order);
    if (read?.valid && read.year === null && isValidCalendarDate(folder.year, read.month, read.day)) {
      return formatDate({ year: folder.year, month: read.month, day: read.day });
    }
  }
  const leading = fileNameDayInFolder(baseName, folder);
  return leading === null ? null : formatDate(leading);
}

/**
 * The incident's date once the timeline is read: its earliest entry's date when nothing else
 * gave one. A postmortem that states no date is reported, saying where the date was read.
 */
export function settleDate(times: IncidentTimes, timeline: Postmortem['timeline'], fm: Frontmatter, sink: DiagnosticSink): string | null {
  const timelineDate = times.date === null ? earliestDate(timeline) : null;
  if (times.dateFrom !== 'stated' && times.dateFrom !== 'started' && fm.date === undefined) {
    const folder = times.folderYear;
    const read =
      times.dateFrom === 'introduction'
        ? `; read ${times.date} from the introduction`
        : times.dateFrom === 'folder' && folder !== null
          ? `; read ${times.date} from the day and month it gives, in the year of its folder \`${folder.written}\``
          : timelineDate !== null
            ? `; read ${timelineDate} from the earliest timeline entry${folder !== null && timelineDate.startsWith(String(folder.year)) ? ` (a day written without a year is in the year of its folder \`${folder.written}\`)` : ''}`
            : '';
    sink.report(
      'missing-date',
      `Unexpected postmortem without a date, expected \`date: YYYY-MM-DD\` in frontmatter, a \`Date:\` line or a \`YYYY-MM-DD-\` file-name prefix${read}`,
    );
  }
  return times.date ?? timelineDate;
}

function readStatedDate(
  fm: Frontmatter,
  body: BodyMetadata,
  baseName: string,
  order: SlashDateOrder | null,
  sink: DiagnosticSink,
  position: { line: number; column: number },
): { date: string | null; fromWords: boolean } {
  if (fm.date !== undefined) {
    const written = String(fm.date).trim();
    // Month precision: the public record gives only the month ("late January 2015").
    if (/^\d{4}-(?:0[1-9]|1[0-2])$/.test(written)) return { date: written, fromWords: false };
    const parsed = parseCalendarDate(written);
    if (parsed) return { date: parsed, fromWords: false };
    sink.report('frontmatter-date', `Unexpected \`date: ${fm.date}\`, expected a calendar date \`YYYY-MM-DD\` or a month \`YYYY-MM\``, position);
  }
  // A title or file name that names its day ("Oct 31 2021 Dust Storm", `May-9-2021.md`) states it.
  // A numeric date there (`# 27-05-2025 - …`) reads in the order the document's other dates settle.
  const date = body.date ?? dateFromFileName(baseName);
  if (date !== null) return { date, fromWords: false };
  const words = parseCalendarDate(fm.title ?? body.title ?? '', order) ?? parseCalendarDate(baseName.replace(/[-_]+/g, ' '), order);
  return { date: words, fromWords: words !== null };
}

/**
 * The zone for times written without one: the frontmatter's `timezone` when it is a zone we
 * know, else `fallback` (the caller's option). An unknown zone is reported at its key, kept in
 * `extra` under `invalid:timezone`, and not used: it is never silently read as UTC.
 */
function readTimezone(
  written: string | undefined,
  fallback: string | null,
  sink: DiagnosticSink,
  position: { line: number; column: number },
  extra: Record<string, unknown>,
): string | null {
  if (written === undefined) return fallback;
  if (zoneOffsetMinutes(written, '2000-01-01T00:00') !== null) return written;
  sink.report(
    'frontmatter-schema',
    `Unexpected \`timezone\` value \`${truncate(written, 60)}\`, expected a zone: an IANA name (\`Europe/Berlin\`), an abbreviation (\`UTC\`, \`PST\`) or an offset (\`+02:00\`); it is not used, so times written without a zone are read as ${fallback ?? 'UTC'}`,
    position,
  );
  defineOwn(extra, 'invalid:timezone', written);
  return fallback;
}

/** A frontmatter time as an ISO instant, read against the incident's date and zone; null when not given or not readable (reported). */
function readTime(
  frontmatter: FrontmatterResult,
  key: TimeKey,
  context: { date: string | null; timezone: string | null },
  sink: DiagnosticSink,
): string | null {
  const fm = frontmatter.data;
  // Diagnostics name the key as the author wrote it (`start_time`, `ended` …).
  const written = key === 'started_at' || key === 'resolved_at' ? keysGiven(fm, key)[0] : fm[key] !== undefined ? key : undefined;
  if (written === undefined) return null;
  const value = String(fm[written]);
  const parsed = parseDateTime(value, context);
  if (parsed.error) sink.report('frontmatter-time', `Unexpected \`${written}: ${value}\`: ${parsed.error}`, keyPosition(frontmatter, String(written)));
  return parsed.at;
}

const bodyTimeLabels: Record<TimeKey, readonly string[]> = {
  started_at: ['started', 'started at', 'start time'],
  detected_at: ['detected', 'detected at'],
  mitigated_at: ['mitigated', 'mitigated at'],
  resolved_at: ['resolved', 'resolved at', 'ended', 'end time'],
};

/**
 * A time written as a labelled line or table row above the first section (`**Detected:**
 * 2022-04-28 10:34`), read when the frontmatter gives none. One that does not read as a date
 * and time (a template's `YYYY-MM-DD HH:MM`, "unknown") gives nothing: it stays as text.
 */
function readBodyTime(body: BodyMetadata, key: TimeKey, context: { date: string | null; timezone: string | null }): string | null {
  for (const label of bodyTimeLabels[key]) {
    const field = body.fields.get(label);
    if (field !== undefined) return parseDateTime(field.value, context).at;
  }
  return null;
}

/** The date (as written, in its own offset) of the earliest timeline entry with a time, or null. */
function earliestDate(timeline: Postmortem['timeline']): string | null {
  let earliest: { at: string; ms: number } | null = null;
  // An event of a known day but no time (`03-14-2024 - ticket opened`) may come first.
  let untimed: string | null = null;
  for (const { at, date } of timeline) {
    if (at === null) {
      if (date !== null && (untimed === null || date < untimed)) untimed = date;
      continue;
    }
    const ms = Date.parse(at);
    if (!Number.isNaN(ms) && (earliest === null || ms < earliest.ms)) earliest = { at, ms };
  }
  const timed = earliest?.at.slice(0, 10) ?? null;
  return timed === null || (untimed !== null && untimed < timed) ? untimed : timed;
}

/**
 * The first full calendar date written in a text ("On January 31st 2017 …", "on 2017-01-31"), as
 * `YYYY-MM-DD`, or null. A date without a year ("On June 13, …") is passed over for a later full one.
 */
function dateInText(text: string): string | null {
  const searched = text.slice(0, 2_000);
  // A date without a year just before one with it opens a range ("Between March 4 and March 8,
  // 2024", "From 4 March to 8 March 2024"): the range's first day is the incident's.
  let open: { month: number; day: number; end: number } | null = null;
  for (let from = 0; from < searched.length;) {
    const rest = searched.slice(from);
    const found = findDate(rest);
    if (found === null) return null;
    if (found.valid && found.year !== null) {
      if (open !== null && from + found.start - open.end <= rangeGap) {
        const year = open.month * 100 + open.day > found.month * 100 + found.day ? found.year - 1 : found.year;
        if (isValidCalendarDate(year, open.month, open.day)) return formatDate({ year, month: open.month, day: open.day });
      }
      // "4-8 March 2024", "4 to 8 March 2024": the day before the dash.
      const firstDay = /\b(\d{1,2})(?:st|nd|rd|th)?\s*(?:[-\u2013\u2014]|to|until|and|through)\s*$/i.exec(
        rest.slice(Math.max(0, found.start - 16), found.start),
      );
      const day = firstDay === null ? found.day : Number(firstDay[1]);
      if (day < found.day && day >= 1) return formatDate({ year: found.year, month: found.month, day });
      return formatDate({ year: found.year, month: found.month, day: found.day });
    }
    if (found.valid) {
      // "March 4-8, 2024": a day range whose year follows the second day.
      const closing = /^\s*[-\u2013\u2014]\s*\d{1,2}(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(rest.slice(found.end));
      if (closing !== null && isValidCalendarDate(Number(closing[1]), found.month, found.day)) {
        return formatDate({ year: Number(closing[1]), month: found.month, day: found.day });
      }
      open = { month: found.month, day: found.day, end: from + found.end };
    }
    from += Math.max(found.end, 1);
  }
  return null;
}

/** At most this many characters between the two ends of a range of dates ("… and …", "… to …"). */
const rangeGap = 24;
