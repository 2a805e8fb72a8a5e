/**
 * Notion's export writes property values as it shows them: dates as "September 20, 2024"
 * or "September 20, 2024 11:21 AM (UTC)", ranges as "start → end", relations and files as
 * "Name (Folder%20…%20<32-hex id>.md)". These turn them into what a postmortem holds.
 */
import type { ColumnField } from '../formats.js';

const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const pad = (value: number) => String(value).padStart(2, '0');

const fullDate = /^([A-Za-z]+) (\d{1,2}), (\d{4})(?: (\d{1,2}):(\d{2})(?: ?([AP]M))?)?(?: \(([^)]+)\))?$/;
const yearFirst = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?: (\d{1,2}):(\d{2})(?: ?([AP]M))?)?(?: \(([^)]+)\))?$/;
const timeFields = new Set<ColumnField>(['started_at', 'detected_at', 'mitigated_at', 'resolved_at']);

/** `UTC` → `Z`, `GMT+2` / `UTC-05:30` → `+02:00` / `-05:30`; other zones (IANA names) are not turned into an offset. */
function offsetOf(zone: string): string | null {
  if (/^(?:UTC|GMT|Z)$/i.test(zone)) return 'Z';
  const match = /^(?:UTC|GMT)([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(zone);
  return match ? `${match[1]}${pad(Number(match[2]))}:${match[3] ?? '00'}` : null;
}

/**
 * A Notion date as ISO 8601: `YYYY-MM-DD` for a date field, `YYYY-MM-DDTHH:MM:00` (with the
 * offset when the zone gives one) for a time field; the start of a range. Null when it is
 * not one of Notion's unambiguous forms (month-first and day-first numbers are left to the
 * parser, which reads them as the configuration says), or a time's zone has no fixed offset.
 */
export function notionDate(value: string, field: ColumnField): string | null {
  const start = value.split(' → ', 1)[0]!.trim();
  const trimmed = value.trimEnd();
  const open = trimmed.endsWith(')') ? trimmed.lastIndexOf('(') : -1;
  const zone = open === -1 ? undefined : trimmed.slice(open + 1, -1);
  let year: number,
    month: number,
    day: number,
    hour: number | null = null,
    minute = 0,
    meridiem: string | undefined;
  const named = fullDate.exec(start);
  const numeric = named ? null : yearFirst.exec(start);
  if (named) {
    month = months.indexOf(named[1]!.toLowerCase()) + 1;
    if (month === 0) return null;
    [day, year] = [Number(named[2]), Number(named[3])];
    if (named[4] !== undefined) [hour, minute, meridiem] = [Number(named[4]), Number(named[5]), named[6]];
  } else if (numeric) {
    [year, month, day] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
    if (numeric[4] !== undefined) [hour, minute, meridiem] = [Number(numeric[4]), Number(numeric[5]), numeric[6]];
  } else return null;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (!timeFields.has(field)) return date;
  if (hour === null) return null;
  if (meridiem !== undefined) hour = (hour % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0);
  const offset = zone === undefined ? '' : offsetOf(zone);
  if (offset === null) return null;
  return `${date}T${pad(hour)}:${pad(minute)}:00${offset}`;
}

/** "Name (Folder%20Name%20<id>/Page%20<id>.md), Other (…)" → "Name, Other": links to pages of the export lead nowhere once imported. */
export function withoutExportLinks(value: string): string {
  return value.replace(/ \([^()\s]*\.(?:md|csv)\)/g, '');
}

/** A file or folder name without its extension and the 32-hex page id (and `_all`) Notion appends. */
export function notionName(name: string): string {
  return name.replace(/\.(?:md|csv)$/i, '').replace(/ [0-9a-f]{32}(?:_all)?$/i, '');
}
