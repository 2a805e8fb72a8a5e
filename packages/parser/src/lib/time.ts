/**
 * Reading dates, times of day and time zones the way people write them in postmortems.
 *
 * Everything here is pure and never throws: a value we cannot read comes back as `null`
 * (or with `valid: false`) so callers can turn it into a positioned diagnostic.
 * Regexes are linear (bounded quantifiers, no nested repetition): timeline lines can be
 * tens of thousands of characters long.
 */

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
}

// ---------------------------------------------------------------------------------------
// Zones

/**
 * Fixed offsets (minutes east of UTC) of the abbreviations seen in public postmortems.
 * Ambiguous ones take their most common meaning there: `CST` is US Central (not China),
 * `IST` is India, `BST` is British Summer Time.
 */
const fixedOffsets: ReadonlyMap<string, number> = new Map([
  ['UTC', 0],
  ['UT', 0],
  ['GMT', 0],
  ['Z', 0],
  ['WET', 0],
  ['WEST', 60],
  ['CET', 60],
  ['BST', 60],
  ['CEST', 120],
  ['EET', 120],
  ['EEST', 180],
  ['MSK', 180],
  ['IST', 330],
  ['SGT', 480],
  ['HKT', 480],
  ['AWST', 480],
  ['JST', 540],
  ['KST', 540],
  ['AEST', 600],
  ['AEDT', 660],
  ['NZST', 720],
  ['NZDT', 780],
  ['HST', -600],
  ['AKST', -540],
  ['AKDT', -480],
  ['PST', -480],
  ['PDT', -420],
  ['MST', -420],
  ['MDT', -360],
  ['CST', -360],
  ['CDT', -300],
  ['EST', -300],
  ['EDT', -240],
]);

/**
 * Abbreviations naming a region rather than an offset ("PT" is PST in winter, PDT in summer):
 * resolved through the region's IANA zone at the date, or its standard offset without one.
 */
const regionalZones: ReadonlyMap<string, { iana: string; standardOffset: number }> = new Map([
  ['PT', { iana: 'America/Los_Angeles', standardOffset: -480 }],
  ['MT', { iana: 'America/Denver', standardOffset: -420 }],
  ['CT', { iana: 'America/Chicago', standardOffset: -360 }],
  ['ET', { iana: 'America/New_York', standardOffset: -300 }],
]);

/** Spelled-out zone names found in notes such as "All times are Pacific Time". */
const longZoneNames: ReadonlyMap<string, string> = new Map([
  ['coordinated universal time', 'UTC'],
  ['greenwich mean time', 'GMT'],
  ['pacific standard time', 'PST'],
  ['pacific daylight time', 'PDT'],
  ['pacific time', 'PT'],
  ['mountain standard time', 'MST'],
  ['mountain daylight time', 'MDT'],
  ['mountain time', 'MT'],
  ['central standard time', 'CST'],
  ['central daylight time', 'CDT'],
  ['central time', 'CT'],
  ['eastern standard time', 'EST'],
  ['eastern daylight time', 'EDT'],
  ['eastern time', 'ET'],
  ['central european summer time', 'CEST'],
  ['central european time', 'CET'],
  ['british summer time', 'BST'],
  ['india standard time', 'IST'],
  ['japan standard time', 'JST'],
]);

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function longestFirst(words: Iterable<string>): string[] {
  return [...words].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/** Zone abbreviations we recognise after a time, upper case as written (`Z` excluded: it only counts attached). */
const abbreviationSource = longestFirst(
  [...fixedOffsets.keys(), ...regionalZones.keys()].filter((name) => name !== 'Z' && name !== 'UT' && name !== 'UTC' && name !== 'GMT'),
)
  .map(escapeRegex)
  .join('|');

/** `UTC`, `utc`, `GMT+2`, `UTC-07:00`: the one zone family also written in lower case. */
const utcSource = '(?:UTC|utc|GMT|gmt)(?:[+\\-\u2212]\\d{1,2}(?::?\\d{2})?)?';
const numericOffsetSource = '[+\\-\u2212]\\d{2}:?\\d{2}';
const zoneTokenSource = `${utcSource}|${abbreviationSource}|${numericOffsetSource}`;

// Directly after a time: `12:45Z`, `12:45:00-08:00`.
const attachedZonePattern = /(?:Z|[+\-\u2212]\d{2}(?::?\d{2})?)(?![A-Za-z\d])/y;
const spacedZonePattern = new RegExp(`\\s{1,2}(?:\\(\\s?(${zoneTokenSource})\\s?\\)|(${zoneTokenSource}))(?![A-Za-z\\d])`, 'y');
// An IANA name (`Europe/Berlin`, `US/Pacific`, `America/Argentina/Buenos_Aires`): Area/Location with a capital
// first letter, taken only when the runtime knows the zone (`Mars/Olympus`, `CPU/Memory` are left as text).
const ianaNameSource = '[A-Z][A-Za-z]{1,13}(?:/[A-Za-z][\\w+\\-]{0,30}){1,2}';
const spacedIanaPattern = new RegExp(`\\s{1,2}(?:\\(\\s?(${ianaNameSource})\\s?\\)|(${ianaNameSource}))(?![\\w/])`, 'y');
const ianaMentionPattern = new RegExp(`(?<![\\w/])${ianaNameSource}(?![\\w/])`, 'g');
const zoneMentionPattern = new RegExp(
  `(?<![A-Za-z])(${longestFirst(longZoneNames.keys())
    .map((name) => name.replace(/ /g, '\\s{1,3}'))
    .join('|')}|${zoneTokenSource})(?![A-Za-z])`,
  'gi',
);

const formatterCache = new Map<string, Intl.DateTimeFormat | null>();

function offsetFormatter(timeZone: string): Intl.DateTimeFormat | null {
  const cached = formatterCache.get(timeZone);
  if (cached !== undefined) return cached;
  let formatter: Intl.DateTimeFormat | null;
  try {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  } catch {
    formatter = null; // RangeError: not a zone this runtime knows.
  }
  // Names come from untrusted text: keep the cache bounded.
  if (formatterCache.size < 512) formatterCache.set(timeZone, formatter);
  return formatter;
}

/** Whether an Area/Location name is a zone this runtime knows. */
function isKnownIanaZone(name: string): boolean {
  return offsetFormatter(name) !== null;
}

/** Offset of an IANA zone at an instant, from Intl's `GMT+02:00` / `GMT` rendering. */
function ianaOffsetAt(formatter: Intl.DateTimeFormat, epochMs: number): number | null {
  const name = formatter.formatToParts(new Date(epochMs)).find((part) => part.type === 'timeZoneName')?.value;
  if (name === undefined) return null;
  if (name === 'GMT' || name === 'UTC') return 0;
  const match = /^(?:GMT|UTC)([+\-\u2212])(\d{1,2})(?::(\d{2}))?/.exec(name);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '+' ? minutes : -minutes;
}

/**
 * Offset of an IANA zone for a wall-clock time in that zone. The instant is unknown until
 * the offset is, so guess with the wall time read as UTC and correct once (enough for DST edges).
 */
function ianaOffsetForWallTime(formatter: Intl.DateTimeFormat, wallMs: number): number | null {
  const guess = ianaOffsetAt(formatter, wallMs);
  if (guess === null) return null;
  return ianaOffsetAt(formatter, wallMs - guess * 60_000) ?? guess;
}

/** `2021-10-30` or `2021-10-30T12:45(:00)` read as a wall-clock time in milliseconds, or null. */
function wallClockMs(atDate: string | undefined): number | null {
  if (atDate === undefined) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(atDate.trim());
  if (!match) return null;
  // Noon when only a date is known: DST switches happen at night, so noon has the day's usual offset.
  const hour = match[4] === undefined ? 12 : Number(match[4]);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), hour, Number(match[5] ?? 0), Number(match[6] ?? 0));
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Minutes east of UTC for a zone as written (`UTC`, `PST`, `PT`, `+0200`, `UTC+2`,
 * `GMT-07:00`, `Europe/Berlin`), at `atDate` (`YYYY-MM-DD`, optionally `THH:MM`) for zones
 * with DST. Null when the zone is unknown.
 */
export function zoneOffsetMinutes(name: string, atDate?: string): number | null {
  let zone = name.trim();
  if (zone.startsWith('(') && zone.endsWith(')')) zone = zone.slice(1, -1).trim();
  if (zone === '' || zone.length > 64) return null;
  const upper = zone.toUpperCase();

  const fixed = fixedOffsets.get(upper);
  if (fixed !== undefined) return fixed;

  const regional = regionalZones.get(upper);
  if (regional) {
    const wall = wallClockMs(atDate);
    const formatter = wall === null ? null : offsetFormatter(regional.iana);
    return (formatter && wall !== null ? ianaOffsetForWallTime(formatter, wall) : null) ?? regional.standardOffset;
  }

  const long = longZoneNames.get(zone.toLowerCase().replace(/\s+/g, ' '));
  if (long !== undefined) return zoneOffsetMinutes(long, atDate);

  const numeric = /^(?:(?:UTC|GMT|UT)\s?)?([+\-\u2212])(\d{1,2})(?::?(\d{2}))?$/i.exec(zone);
  if (numeric) {
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3] ?? 0);
    if (hours > 14 || minutes > 59) return null;
    const total = hours * 60 + minutes;
    return numeric[1] === '+' ? total : -total;
  }

  if (!/^[A-Za-z][\w+-]*(?:\/[\w+-]+){0,2}$/.test(zone)) return null;
  const formatter = offsetFormatter(zone);
  if (!formatter) return null;
  return ianaOffsetForWallTime(formatter, wallClockMs(atDate) ?? Date.now());
}

/** `+00:00`, `-08:00`, `+05:30`. */
function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(absolute / 60))}:${pad2(absolute % 60)}`;
}

/**
 * The UTC offset (`+00:00`, `-08:00`, `+02:00`) of a zone written as an abbreviation, a numeric
 * offset or an IANA name, at `atDate` for zones with DST; null when the zone is unknown.
 */
export function resolveZone(name: string, atDate?: string): string | null {
  const minutes = zoneOffsetMinutes(name, atDate);
  return minutes === null ? null : formatOffset(minutes);
}

export interface ZoneRead {
  /** The zone as written, without parentheses (`UTC`, `PST`, `Z`, `-08:00`). */
  name: string;
  start: number;
  end: number;
}

/**
 * A zone right after a time at `from`: attached (`Z`, `-08:00`) or after a space
 * (`UTC`, `PST`, `(CEST)`, `UTC+2`, `+0200`, `Europe/Berlin`, `(America/Los_Angeles)`).
 * Abbreviations must be upper case so that words ("et", "est") are not taken for zones;
 * an IANA name only when the runtime knows it.
 */
export function readZone(text: string, from: number): ZoneRead | null {
  attachedZonePattern.lastIndex = from;
  const attached = attachedZonePattern.exec(text);
  if (attached) return { name: attached[0], start: from, end: from + attached[0].length };
  spacedZonePattern.lastIndex = from;
  const spaced = spacedZonePattern.exec(text) ?? spacedIana(text, from);
  const name = spaced?.[1] ?? spaced?.[2];
  if (!spaced || name === undefined) return null;
  return { name, start: from + spaced[0].indexOf(name), end: from + spaced[0].length };
}

function spacedIana(text: string, from: number): RegExpExecArray | null {
  spacedIanaPattern.lastIndex = from;
  const match = spacedIanaPattern.exec(text);
  const name = match?.[1] ?? match?.[2];
  return match && name !== undefined && isKnownIanaZone(name) ? match : null;
}

/** The first known IANA name in a text, with where it starts. */
function findIanaMention(text: string): { name: string; index: number } | null {
  for (const match of text.matchAll(ianaMentionPattern)) {
    if (isKnownIanaZone(match[0])) return { name: match[0], index: match.index };
  }
  return null;
}

/** The first zone named anywhere in a text ("All times are Pacific Time" → `Pacific Time`, "Times in Europe/Berlin"), or null. */
export function findZoneMention(text: string): string | null {
  // IANA names are searched apart (case-sensitive, and so that `UTC/GMT` still finds `UTC`); the earlier mention wins.
  const iana = text.includes('/') ? findIanaMention(text) : null;
  for (const match of text.matchAll(zoneMentionPattern)) {
    if (iana !== null && iana.index <= match.index) return iana.name;
    const name = match[1] ?? '';
    // Case-insensitive search for the long names, but abbreviations count only as written
    // in upper case ("est" or "ct" in prose are not zones); `utc`/`gmt` are fine either way.
    if (longZoneNames.has(name.toLowerCase().replace(/\s+/g, ' ')) || name === name.toUpperCase() || /^(?:utc|gmt)/i.test(name)) {
      return name;
    }
  }
  return iana?.name ?? null;
}

// ---------------------------------------------------------------------------------------
// Dates

const monthNames = [
  ['january', 'jan'],
  ['february', 'feb'],
  ['march', 'mar'],
  ['april', 'apr'],
  ['may'],
  ['june', 'jun'],
  ['july', 'jul'],
  ['august', 'aug'],
  ['september', 'sept', 'sep'],
  ['october', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
] as const;
const monthByName: ReadonlyMap<string, number> = new Map(monthNames.flatMap((names, index) => names.map((name) => [name, index + 1] as const)));
const monthSource = `(${longestFirst(monthByName.keys()).join('|')})\\.?(?![a-z])`;

/** The month an English month name or abbreviation names (`june`, `Sept`), or null. */
export function readMonthName(word: string): number | null {
  return monthByName.get(word.toLowerCase()) ?? null;
}
const weekdaySource = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|thurs|thur|mon|tue|wed|thu|fri|sat|sun)\\.?(?![a-z]),?\\s{1,3}';
// A day or year must not run into more digits or into a time ("Oct 12:45").
const numberEnd = '(?!\\d|:\\d)';
const yearSource = `(?:,?\\s{1,3}(\\d{4})${numberEnd})?`;

const weekdayPattern = new RegExp(weekdaySource, 'iy');
const isoDatePattern = /(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)/y;
// `10/30`, `30/10/2021`, `10/30/21`: read only when one number cannot be a month.
const slashDatePattern = /(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])/y;
// `07-21-2023`, `27.05.2025`, `5-26-21`: dashes and dots only with a year (`12-14` is a range, `3.5` a number),
// and a two-digit year only with dashes (`1.2.10` is a version).
const dashedDatePattern = /(\d{1,2})([-.])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[-.]\d)/y;
// `[12-05 16:21]`: month and day with a dash and no year, read only where the caller says (a bracketed timeline lead) and before a time.
const yearlessDashedPattern = /(\d{1,2})-(\d{1,2})(?=\s{1,3}\d{1,2}:\d{2})/y;

interface NumericDate {
  first: number;
  second: number;
  year: number | null;
  end: number;
  written: string;
}

/** A written year: two digits are this century's (`21` → 2021). */
function fullYear(written: string): number {
  return written.length === 2 ? 2000 + Number(written) : Number(written);
}

/**
 * A numeric date at `from` whose order is not yet known: `10/30`, `30/10/2021`, `07-21-2023`, `5-26-21`;
 * with `yearless`, also `12-05` before a time.
 */
function readNumericDate(text: string, from: number, yearless = false): NumericDate | null {
  slashDatePattern.lastIndex = from;
  const slash = slashDatePattern.exec(text);
  if (slash) {
    const year = slash[3] === undefined ? null : fullYear(slash[3]);
    return { first: Number(slash[1]), second: Number(slash[2]), year, end: slashDatePattern.lastIndex, written: slash[0] };
  }
  dashedDatePattern.lastIndex = from;
  const dashed = dashedDatePattern.exec(text);
  if (dashed && (dashed[2] === '-' || dashed[4]!.length === 4)) {
    return { first: Number(dashed[1]), second: Number(dashed[3]), year: fullYear(dashed[4]!), end: dashedDatePattern.lastIndex, written: dashed[0] };
  }
  if (!yearless) return null;
  yearlessDashedPattern.lastIndex = from;
  const monthDay = yearlessDashedPattern.exec(text);
  if (monthDay) return { first: Number(monthDay[1]), second: Number(monthDay[2]), year: null, end: yearlessDashedPattern.lastIndex, written: monthDay[0] };
  return null;
}
const monthDayPattern = new RegExp(`${monthSource}\\s{1,3}(\\d{1,2})(?:st|nd|rd|th)?${numberEnd}${yearSource}`, 'iy');
const dayMonthPattern = new RegExp(`(\\d{1,2})(?:st|nd|rd|th)?\\s{1,3}(?:of\\s{1,3})?${monthSource}${yearSource}`, 'iy');
const dateAnywherePattern = new RegExp(
  `\\d{4}[-/]\\d{1,2}[-/]\\d{1,2}|(?<![\\d/.-])\\d{1,2}([-/.])\\d{1,2}\\1\\d{4}|(?<![\\d/.-])\\d{1,2}([-/])\\d{1,2}\\2\\d{2}(?![\\d/.-])|(?<![a-z])${monthSource}\\s{1,3}\\d|\\d{1,2}(?:st|nd|rd|th)?\\s{1,3}(?:of\\s{1,3})?${monthSource}`,
  'i',
);

/** How a document writes numeric dates whose two numbers could each be the month (`02/10/2022`). */
export type SlashDateOrder = 'day-first' | 'month-first';

export interface DateRead {
  /** Null when the year was not written ("Oct 30th"). */
  year: number | null;
  month: number;
  day: number;
  /** False for dates not in the calendar (`2021-02-30`, `Oct 32`). */
  valid: boolean;
  start: number;
  end: number;
  written: string;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

function dateRead(text: string, start: number, end: number, year: number | null, month: number, day: number): DateRead {
  // Without a year, check against a leap year: "Feb 29" may be fine once the year is known.
  const valid = isValidCalendarDate(year ?? 2000, month, day);
  return { year, month, day, valid, start, end, written: text.slice(start, end) };
}

/**
 * A date at `from`: ISO (`2021-10-30`, `2021/10/30`), numeric with slashes (or with dashes or
 * dots and a year, `07-21-2023`, `5-26-21`) when only one reading is a date (`10/30`,
 * `30/10/2021`) or when `slashOrder` says which number is the day (`02/10/2022`), month first
 * (`Oct 30th`, `October 30, 2021`) or day first (`30 Oct 2021`), optionally after a weekday
 * (`Saturday, October 30`). `yearless` also reads a month and day with a dash before a time
 * (`12-05 16:21`, a bracketed timeline lead). `start` is where the date itself begins (after the weekday).
 */
export function readDate(text: string, from = 0, slashOrder: SlashDateOrder | null = null, yearless = false): DateRead | null {
  let position = from;
  weekdayPattern.lastIndex = from;
  const weekday = weekdayPattern.exec(text);
  if (weekday) position += weekday[0].length;

  isoDatePattern.lastIndex = position;
  const iso = isoDatePattern.exec(text);
  if (iso) {
    return dateRead(text, position, isoDatePattern.lastIndex, Number(iso[1]), Number(iso[2]), Number(iso[3]));
  }
  const numeric = readNumericDate(text, position, yearless);
  if (numeric) {
    const { first, second, year, end } = numeric;
    // Month first (US) or day first: only one reading may be a calendar date; `02/01` is ambiguous and not read.
    if (first <= 12 && second > 12) return dateRead(text, position, end, year, first, second);
    if (second <= 12 && first > 12) return dateRead(text, position, end, year, second, first);
    // `04/04/2023` reads the same both ways.
    if (first === second && first >= 1 && first <= 12) return dateRead(text, position, end, year, first, second);
    if (first <= 12 && second <= 12 && slashOrder !== null) {
      return slashOrder === 'day-first' ? dateRead(text, position, end, year, second, first) : dateRead(text, position, end, year, first, second);
    }
  }
  monthDayPattern.lastIndex = position;
  const monthDay = monthDayPattern.exec(text);
  if (monthDay) {
    const month = monthByName.get((monthDay[1] ?? '').toLowerCase()) ?? 0;
    const year = monthDay[3] === undefined ? null : Number(monthDay[3]);
    return dateRead(text, position, monthDayPattern.lastIndex, year, month, Number(monthDay[2]));
  }
  dayMonthPattern.lastIndex = position;
  const dayMonth = dayMonthPattern.exec(text);
  if (dayMonth) {
    const month = monthByName.get((dayMonth[2] ?? '').toLowerCase()) ?? 0;
    const year = dayMonth[3] === undefined ? null : Number(dayMonth[3]);
    return dateRead(text, position, dayMonthPattern.lastIndex, year, month, Number(dayMonth[1]));
  }
  return null;
}

/** A numeric date at `from` that reads both ways (`02/10/2022`: 2 October or February 10), or null; `yearless` as for `readDate`. */
export function readAmbiguousSlashDate(
  text: string,
  from = 0,
  yearless = false,
): { start: number; end: number; written: string; year: number | null; first: number; second: number } | null {
  weekdayPattern.lastIndex = from;
  const weekday = weekdayPattern.exec(text);
  const position = weekday ? from + weekday[0].length : from;
  const numeric = readNumericDate(text, position, yearless);
  if (!numeric) return null;
  const { first, second, year, end, written } = numeric;
  if (first < 1 || second < 1 || first > 12 || second > 12 || first === second) return null;
  return { start: position, end, written, year, first, second };
}

// Numeric dates with a year (`13/02/2023`, `10/22/22`, `27-05-2025`, `5-26-21`): without one, `3/4` may be a fraction
// or a ratio; but a bracketed month and day before a time (`[03-26 17:40]`) is a timeline lead.
const slashDateEvidencePattern =
  /(?<![\d/.-])(\d{1,2})(?:\/(\d{1,2})\/(?:\d{4}|\d{2})(?![\d/])|([-.])(\d{1,2})\3\d{4}(?!\d|[-.]\d)|-(\d{1,2})-\d{2}(?![\d-]|\.\d))|\[(\d{1,2})-(\d{1,2})(?=\s{1,3}\d{1,2}:\d{2})/g;

/**
 * Whether a document writes numeric dates day first or month first, from the dates only one
 * reading fits (`13/02/2023` is day first, `10/22/2022` month first); null when none settles
 * it or the document has both.
 */
export function slashDateOrder(text: string): SlashDateOrder | null {
  let dayFirst = false;
  let monthFirst = false;
  for (const match of text.matchAll(slashDateEvidencePattern)) {
    const first = Number(match[1] ?? match[6]);
    const second = Number(match[2] ?? match[4] ?? match[5] ?? match[7]);
    if (first > 12 && first <= 31 && second >= 1 && second <= 12) dayFirst = true;
    else if (second > 12 && second <= 31 && first >= 1 && first <= 12) monthFirst = true;
    if (dayFirst && monthFirst) return null;
  }
  return dayFirst ? 'day-first' : monthFirst ? 'month-first' : null;
}

/** The first date anywhere in a text ("Day 2 (Oct 31)" → Oct 31), or null. */
export function findDate(text: string, slashOrder: SlashDateOrder | null = null): DateRead | null {
  const atStart = readDate(text, 0, slashOrder);
  if (atStart) return atStart;
  const match = dateAnywherePattern.exec(text);
  return match ? readDate(text, match.index, slashOrder) : null;
}

/** `YYYY-MM-DD` read strictly (the form of frontmatter `date`), or null. */
export function parseIsoDate(value: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isValidCalendarDate(date.year, date.month, date.day) ? date : null;
}

export function formatDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${pad2(date.month)}-${pad2(date.day)}`;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const shifted = new Date(Date.UTC(2000, date.month - 1, date.day + days));
  // Set the year separately: Date.UTC maps years 0–99 to 1900–1999.
  shifted.setUTCFullYear(date.year + (shifted.getUTCFullYear() - 2000));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

// ---------------------------------------------------------------------------------------
// Times of day

const clockTimePattern = /(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,9})?(?!\d)(?:\s?([AaPp])\.?[Mm]\.?(?![A-Za-z]))?/y;
const hourOnlyPattern = /(\d{1,2})\s?([AaPp])\.?[Mm]\.?(?![A-Za-z])/y;

export type TimeRead =
  | { valid: true; time: TimeOfDay; start: number; end: number; written: string; redundantMeridiem?: true }
  | { valid: false; start: number; end: number; written: string };

/**
 * A time of day at `from`: `14:05`, `14:05:30`, `2:05 PM`, `2:05pm`, `2 p.m.`. A 24-hour time
 * followed by a redundant `PM` (`13:55 PM`) is that 24-hour time, marked `redundantMeridiem`.
 * Time-shaped text that is not a time (`25:10`, `12:61`, `13:55 AM`) comes back with
 * `valid: false` so it can be reported rather than read as prose.
 */
export function readTimeOfDay(text: string, from = 0): TimeRead | null {
  clockTimePattern.lastIndex = from;
  const clock = clockTimePattern.exec(text);
  if (clock) {
    return timeRead(text, from, clockTimePattern.lastIndex, Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0), clock[4]);
  }
  hourOnlyPattern.lastIndex = from;
  const hourOnly = hourOnlyPattern.exec(text);
  if (hourOnly) return timeRead(text, from, hourOnlyPattern.lastIndex, Number(hourOnly[1]), 0, 0, hourOnly[2]);
  return null;
}

function timeRead(text: string, start: number, end: number, hour: number, minute: number, second: number, meridiem: string | undefined): TimeRead {
  const written = text.slice(start, end);
  const invalid: TimeRead = { valid: false, start, end, written };
  if (minute > 59 || second > 59) return invalid;
  if (meridiem === undefined) {
    return hour > 23 ? invalid : { valid: true, time: { hour, minute, second }, start, end, written };
  }
  const pm = meridiem.toLowerCase() === 'p';
  // `13:55 PM` (a 24-hour clock with the habit of writing PM) can only mean 13:55.
  if (hour > 12 && hour < 24 && pm) return { valid: true, time: { hour, minute, second }, start, end, written, redundantMeridiem: true };
  // `0:30 AM` is odd but unambiguous, so accepted; `0:30 PM` and `13:55 AM` are not.
  if (hour > 12 || (hour === 0 && pm)) return invalid;
  const hour24 = (hour % 12) + (pm ? 12 : 0);
  return { valid: true, time: { hour: hour24, minute, second }, start, end, written };
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

export function formatTime(time: TimeOfDay): string {
  return `${pad2(time.hour)}:${pad2(time.minute)}:${pad2(time.second)}`;
}

/** `YYYY-MM-DDTHH:MM:SS±HH:MM`, with `Z` for a zero offset. */
export function formatDateTime(date: CalendarDate, time: TimeOfDay, offsetMinutes: number): string {
  return `${formatDate(date)}T${formatTime(time)}${offsetMinutes === 0 ? 'Z' : formatOffset(offsetMinutes)}`;
}

// ---------------------------------------------------------------------------------------
// Frontmatter date-times

export interface DateTimeContext {
  /** Incident date `YYYY-MM-DD`, used for a bare time. */
  date: string | null;
  /** Zone used for a time written without one; UTC when null. */
  timezone: string | null;
}

const expectedDateTime = 'expected a date-time such as `2021-10-30T12:45:00-08:00` or `2021-10-30 12:45 PST`';
const expectedZone = 'expected a zone abbreviation (`UTC`, `PST`), a UTC offset (`+02:00`) or an IANA name (`Europe/Berlin`)';

export function invalidTimeMessage(written: string): string {
  return `Unexpected time \`${written}\`, expected a valid time of day such as \`14:05\` or \`2:05 PM\``;
}

export function invalidDateMessage(written: string): string {
  return `Unexpected date \`${written}\`, expected a calendar date such as \`2021-10-30\` or \`Oct 30, 2021\``;
}

// Between a date and its time: `T`, a space, `, `, ` at `, `: `.
const dateTimeSeparatorPattern = /(?:T|,?\s{1,3}(?:at\s{1,3}|@\s{0,3})?|:\s{1,3})/iy;

/** Where a time would start after a date ending at `from` (`2021-10-30T…`, `Oct 30, 2021 at …`). */
export function skipDateTimeSeparator(text: string, from: number): number {
  dateTimeSeparatorPattern.lastIndex = from;
  return dateTimeSeparatorPattern.exec(text) ? dateTimeSeparatorPattern.lastIndex : from;
}

/**
 * Reads a frontmatter date-time (`2021-10-30T12:45:00-08:00`, `2021-10-30 12:45 PST`,
 * `2021-10-30T12:45Z`, `12:45` on `context.date`, `2021-10-30 12:45` in `context.timezone`
 * or UTC) to ISO `YYYY-MM-DDTHH:MM:SS±HH:MM` (`Z` for UTC). Problems come back as `error`.
 */
export function parseDateTime(value: string, context: DateTimeContext): { at: string | null; error: string | null } {
  const { at, error } = readDateTime(value, context);
  return { at, error };
}

export interface DateTimeRead {
  at: string | null;
  error: string | null;
  /** On success: the zone as written after the time, or null when the context's zone (or UTC) was used. */
  zone?: string | null;
  /** On success: whether the value has a date of its own, rather than the context's. */
  dated?: boolean;
}

/** `parseDateTime`, also saying whether the value wrote its own zone and date (a range's end lends them to its start). */
export function readDateTime(value: string, context: DateTimeContext): DateTimeRead {
  const text = value.trim();
  const fail = (error: string) => ({ at: null, error });

  let position = 0;
  const writtenDate = readDate(text, 0);
  if (writtenDate) {
    position = skipDateTimeSeparator(text, writtenDate.end);
  }
  const time = readTimeOfDay(text, position);
  if (!time) {
    if (writtenDate && text.slice(writtenDate.end).trim() === '') {
      return fail(`Unexpected \`${text}\` without a time of day, ${expectedDateTime}`);
    }
    return fail(`Unexpected \`${text}\`, ${expectedDateTime}`);
  }
  if (writtenDate && !writtenDate.valid) return fail(invalidDateMessage(writtenDate.written));
  if (!time.valid) return fail(invalidTimeMessage(time.written));

  const contextDate = context.date === null ? null : parseIsoDate(context.date);
  let date: CalendarDate | null;
  if (writtenDate) {
    const year = writtenDate.year ?? contextDate?.year ?? null;
    if (year === null) return fail(`Unexpected date \`${writtenDate.written}\` without a year, expected a date such as \`2021-10-30\``);
    if (!isValidCalendarDate(year, writtenDate.month, writtenDate.day)) return fail(invalidDateMessage(`${writtenDate.written} ${year}`));
    date = { year, month: writtenDate.month, day: writtenDate.day };
  } else {
    date = contextDate;
    if (!date) return fail(`Unexpected time \`${time.written}\` without a date, ${expectedDateTime} or a \`date\` in the frontmatter`);
  }

  const wallClock = `${formatDate(date)}T${formatTime(time.time)}`;
  const zoneText = text.slice(time.end).trim();
  let offset: number | null;
  let zone: string | null = null;
  if (zoneText !== '') {
    // `GMT+0000 (Coordinated Universal Time)`, as a JavaScript Date prints itself: the offset counts.
    const zoneAndName = /^([^()]{1,20}?)\s?\([^()]{1,60}\)$/.exec(zoneText);
    zone = zoneText;
    offset = zoneOffsetMinutes(zoneText, wallClock);
    if (offset === null && zoneAndName?.[1]) {
      zone = zoneAndName[1];
      offset = zoneOffsetMinutes(zone, wallClock);
    }
    if (offset === null) return fail(`Unexpected zone \`${zoneText}\`, ${expectedZone}`);
  } else {
    // The frontmatter `timezone` is checked where it is read; an unknown one falls back to UTC here.
    offset = (context.timezone === null ? null : zoneOffsetMinutes(context.timezone, wallClock)) ?? 0;
  }
  return { at: formatDateTime(date, time.time, offset), error: null, zone, dated: writtenDate !== null };
}
