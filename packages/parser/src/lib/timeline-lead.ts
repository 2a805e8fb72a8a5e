/**
 * The time (and date, zone) a timeline entry starts with, and the lines that only name a
 * date or open with one.
 */
import { readAmbiguousSlashDate, readDate, readTimeOfDay, readZone, skipDateTimeSeparator, type DateRead, type SlashDateOrder, type TimeRead } from './time.js';

/** What an entry line starts with: `[2021-10-30] 14:05 UTC — ` … */
export interface EntryLead {
  date: DateRead | null;
  /** A numeric date that reads both ways (`02/10/2022`) in a document that does not say which. */
  ambiguousDate: AmbiguousDate | null;
  time: TimeRead | null;
  zone: string | null;
  /** Where the event text begins, after the time, zone and separator. */
  textStart: number;
}

// `[`, `(`, `~`, and `From` / `Between` before a range of times (`From 14:05 to 16:40 UTC: …`).
const openingPattern = /\s{0,3}([[(])?~?\s{0,2}(?:(from|between)\s{1,2}(?=\d))?/iy;
const rangeEndPattern = /\s{0,2}[-–—]\s{0,2}|\s{1,2}to\s{1,2}/y;
const betweenEndPattern = /\s{1,2}and\s{1,2}/y;
// `Feb 2-5 - …`, `Oct 30–31: …`: a range of days keeps its first day.
const dayRangeEndPattern = /[-–]\d{1,2}(?:st|nd|rd|th)?(?!\d|[:/.]\d|[a-z])/iy;
const dateAfterTimePattern = /,?\s{1,3}(?:on\s{1,3})?/iy;
const closingPattern = /\s{0,2}[\])]/y;
const dateTimeDashPattern = /\s{1,3}[-–—]\s{1,3}/y;
const separatorPattern = /\s{0,3}(?:->|[—–→:|,]|-{1,2})?\s{0,3}/y;

function matchAt(pattern: RegExp, text: string, from: number): RegExpExecArray | null {
  pattern.lastIndex = from;
  return pattern.exec(text);
}

export type AmbiguousDate = NonNullable<ReturnType<typeof readAmbiguousSlashDate>>;

/**
 * Reads the lead of an entry: an optional bracket, an optional date (`2024-09-20`,
 * `Oct 30, 2021`), the time (`14:51`, `12:45 PM`, a range `14:00–14:30` or `from 14:00 to 14:30`
 * keeps its start), a zone (`UTC`, `(CEST)`, `Z`; after a range, it is the start's too), a date
 * after the time (`Saturday Oct 30th`) and the
 * separator before the event (` — `, ` – `, ` - `, `: `, ` `).
 */
export function readEntryLead(text: string, order: SlashDateOrder | null = null): EntryLead {
  const opening = matchAt(openingPattern, text, 0);
  const bracketed = opening?.[1] !== undefined;
  let position = opening ? openingPattern.lastIndex : 0;

  // A bracketed lead may write month and day with a dash and no year (`[12-05 16:21]`): a range elsewhere.
  let date = readDate(text, position, order, bracketed);
  const ambiguousDate = date ? null : readAmbiguousSlashDate(text, position, bracketed);
  let time: TimeRead | null = null;
  const dateEnd = date?.end ?? ambiguousDate?.end;
  if (dateEnd !== undefined) {
    // `2021-10-30 14:05`, `Oct 30, 2021 at 14:05`, and `Nov 24 – 06:12 UTC – …` with a dash between date and time.
    time =
      readTimeOfDay(text, skipDateTimeSeparator(text, dateEnd)) ??
      (matchAt(dateTimeDashPattern, text, dateEnd) ? readTimeOfDay(text, dateTimeDashPattern.lastIndex) : null);
    position = dateEnd;
    if (!time && date !== null && /[a-z]/i.test(date.written) && matchAt(dayRangeEndPattern, text, dateEnd)) position = dayRangeEndPattern.lastIndex;
  } else {
    time = readTimeOfDay(text, position);
  }
  let zone: string | null = null;
  if (time) {
    position = time.end;
    const joiner = opening?.[2]?.toLowerCase() === 'between' ? betweenEndPattern : rangeEndPattern;
    const rangeEnd = matchAt(joiner, text, position) ? readTimeOfDay(text, joiner.lastIndex) : null;
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
export function isDateLine(text: string, lead: EntryLead): boolean {
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
export function isDatedEventLine(text: string, lead: EntryLead): boolean {
  const written = lead.date ?? lead.ambiguousDate;
  if (!written || lead.time || isDateLine(text, lead)) return false;
  return matchAt(datedEventSeparatorPattern, text, written.end) !== null;
}
