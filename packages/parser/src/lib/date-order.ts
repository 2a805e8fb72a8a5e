/**
 * Day first or month first, for a document whose numeric dates all read both ways (`04-03-2026`
 * everywhere) so that no date in it settles the order (`slashDateOrder`). Other evidence may:
 * the incident date given elsewhere, the year and month of the report's folder, a day written
 * with its month name ("expired on 8 January 2026"), or the spread of the dates (a timeline of
 * `11-03-2026`, `12-03-2026`, `01-04-2026` spans three weeks day first, ten months month first).
 * Each kind of evidence votes for the order only it fits; the order is settled when every vote agrees.
 */
import { isValidCalendarDate, readMonthName, type CalendarDate, type SlashDateOrder } from './time.js';

export interface DateOrderEvidence {
  /** The incident date, when the document or its file name gives it without a numeric date that reads both ways. */
  date: CalendarDate | null;
  /** The year and month the report's folder names (`2026/03`). */
  folder: { year: number; month: number | null } | null;
}

interface NumericPair {
  first: number;
  second: number;
  year: number | null;
}

// Numeric dates with a year (`04-03-2026`, `5/6/21`, `04.03.2026`), and bracketed month-day leads before a time (`[03-05 16:21]`).
const numericDatePattern = /(?<![\d/.-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|[-.]\d)|\[(\d{1,2})-(\d{1,2})(?=\s{1,3}\d{1,2}:\d{2})/g;
// A day written with its month name: `8 January`, `6th of May`, `March 5`.
const wordedDatePattern = /\b(\d{1,2})(?:st|nd|rd|th)?\s{1,3}(?:of\s{1,3})?([a-z]{3,9})\b|\b([a-z]{3,9})\.?\s{1,3}(\d{1,2})(?:st|nd|rd|th)?\b(?!:\d)/gi;
// Dates one order keeps within this many days and the other does not: the order of a timeline.
const spanDays = 31;
// A reading this close to the incident date (the day before to two weeks after) fits it, as in timeline-dates.ts.
const settleWindow = { before: 1, after: 14 };

function numericPairs(text: string): NumericPair[] {
  const pairs: NumericPair[] = [];
  for (const match of text.matchAll(numericDatePattern)) {
    if (match[5] !== undefined) {
      pairs.push({ first: Number(match[5]), second: Number(match[6]), year: null });
      continue;
    }
    // Dots with a two-digit year are version numbers (`1.2.10`).
    if (match[2] === '.' && match[4]!.length === 2) continue;
    const year = match[4]!.length === 2 ? 2000 + Number(match[4]) : Number(match[4]);
    pairs.push({ first: Number(match[1]), second: Number(match[3]), year });
  }
  return pairs;
}

function reading(pair: NumericPair, order: SlashDateOrder, year: number): CalendarDate | null {
  const date = order === 'day-first' ? { year, month: pair.second, day: pair.first } : { year, month: pair.first, day: pair.second };
  return isValidCalendarDate(date.year, date.month, date.day) ? date : null;
}

function dayNumber(date: CalendarDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / 86_400_000;
}

const orders = ['day-first', 'month-first'] as const;

/** The order only one reading fits, by a test of each date's reading; null when both or neither do. */
function vote(fits: (order: SlashDateOrder) => boolean): SlashDateOrder | null {
  const [dayFirst, monthFirst] = orders.map(fits);
  return dayFirst === monthFirst ? null : dayFirst ? 'day-first' : 'month-first';
}

/**
 * The order the evidence settles for a document whose numeric dates read both ways, or null
 * (no such date, no evidence, or evidence both ways). Call it only when `slashDateOrder` found none.
 */
export function inferDateOrder(text: string, evidence: DateOrderEvidence): SlashDateOrder | null {
  const pairs = numericPairs(text).filter((pair) => pair.first <= 12 && pair.second <= 12 && pair.first !== pair.second);
  if (pairs.length === 0) return null;
  const fallbackYear = evidence.date?.year ?? evidence.folder?.year ?? null;
  const readings = (order: SlashDateOrder) =>
    pairs.flatMap((pair) => {
      const year = pair.year ?? fallbackYear;
      const date = year === null ? null : reading(pair, order, year);
      return date ? [date] : [];
    });
  const votes: Array<SlashDateOrder | null> = [];

  const incident = evidence.date;
  if (incident !== null) {
    votes.push(
      vote((order) =>
        readings(order).some((date) => {
          const offset = dayNumber(date) - dayNumber(incident);
          return offset >= -settleWindow.before && offset <= settleWindow.after;
        }),
      ),
    );
  }
  const folder = evidence.folder;
  if (folder !== null && folder.month !== null) {
    votes.push(vote((order) => readings(order).some((date) => date.year === folder.year && date.month === folder.month)));
  }
  const worded = wordedDays(text);
  if (worded.size > 0) votes.push(vote((order) => readings(order).some((date) => worded.has(date.month * 100 + date.day))));
  votes.push(vote((order) => spread(readings(order)) <= spanDays && spread(readings(orders.find((other) => other !== order)!)) > spanDays));

  const cast = votes.filter((order) => order !== null);
  return cast.length > 0 && cast.every((order) => order === cast[0]) ? cast[0]! : null;
}

/** Days between the earliest and latest date; infinite with fewer than two distinct dates (no spread to judge). */
function spread(dates: readonly CalendarDate[]): number {
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (const date of dates) {
    const day = dayNumber(date);
    earliest = Math.min(earliest, day);
    latest = Math.max(latest, day);
  }
  return latest > earliest ? latest - earliest : Number.POSITIVE_INFINITY;
}

/** Month and day (`month * 100 + day`) of every day written with its month name. */
function wordedDays(text: string): Set<number> {
  const days = new Set<number>();
  for (const match of text.matchAll(wordedDatePattern)) {
    const word = match[2] ?? match[3] ?? '';
    // Month names are capitalised: "step 2 may fail" names no day.
    if (!/^[A-Z]/.test(word)) continue;
    const month = readMonthName(word);
    const day = Number(match[1] ?? match[4]);
    if (month !== null && isValidCalendarDate(2000, month, day)) days.add(month * 100 + day);
  }
  return days;
}
