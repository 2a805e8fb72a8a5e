/**
 * The year (and month) a report's folder names: collections file reports as `2026/23 June.md`,
 * `2022/03/outage.md`, `2023-04/04-25-…md` or `May2021/…`, writing day and month in the report and
 * the year only in the folder. Folders are those below the loaded root (`ParseOptions.folder`),
 * so a year in the path above it says nothing.
 */
import { isValidCalendarDate, readMonthName, type CalendarDate } from './time.js';

export interface FolderDate {
  year: number;
  month: number | null;
  /** The folder as written (`2026`, `2022/03`, `May2021`), for diagnostics. */
  written: string;
}

const yearPattern = /^(\d{4})$/;
const yearMonthPattern = /^(\d{4})[-_.](\d{1,2})$/;
const monthYearPattern = /^([a-z]{3,9})[-_ ]?(\d{4})$/i;
const monthPattern = /^(\d{1,2})$/;

function plausibleYear(year: number): boolean {
  return year >= 1900 && year <= 2199;
}

/** The deepest folder below the root naming a year: `2026`, `2022/03`, `2023-04`, `May2021`; null when none does. */
export function folderDate(folder: string | undefined): FolderDate | null {
  if (typeof folder !== 'string' || folder === '') return null;
  const parts = folder.split(/[\\/]/);
  for (let index = parts.length - 1; index >= 0; index--) {
    const part = parts[index]!;
    const next = parts[index + 1];
    const yearOnly = yearPattern.exec(part);
    if (yearOnly && plausibleYear(Number(yearOnly[1]))) {
      const month = next === undefined ? null : monthPattern.exec(next);
      const value = month && Number(month[1]) >= 1 && Number(month[1]) <= 12 ? Number(month[1]) : null;
      return { year: Number(yearOnly[1]), month: value, written: value === null ? part : `${part}/${next}` };
    }
    const yearMonth = yearMonthPattern.exec(part);
    if (yearMonth && plausibleYear(Number(yearMonth[1])) && Number(yearMonth[2]) >= 1 && Number(yearMonth[2]) <= 12) {
      return { year: Number(yearMonth[1]), month: Number(yearMonth[2]), written: part };
    }
    const monthYear = monthYearPattern.exec(part);
    const monthName = monthYear ? readMonthName(monthYear[1]!) : null;
    if (monthYear && monthName !== null && plausibleYear(Number(monthYear[2]))) return { year: Number(monthYear[2]), month: monthName, written: part };
  }
  return null;
}

// A file name opening with month and day (or day and month) and a dash: `04-25-account-compromise`.
const leadingPairPattern = /^(\d{1,2})[-_](\d{1,2})(?![\d])/;

/**
 * The day a file name opens with in a folder that names its year and month: `04-25-…` in
 * `2023-04/` is 25 April 2023 (one of the two numbers must be the folder's month).
 */
export function fileNameDayInFolder(baseName: string, folder: FolderDate): CalendarDate | null {
  if (folder.month === null) return null;
  const pair = leadingPairPattern.exec(baseName);
  if (!pair) return null;
  const first = Number(pair[1]);
  const second = Number(pair[2]);
  const day = first === folder.month ? second : second === folder.month ? first : null;
  if (day === null || !isValidCalendarDate(folder.year, folder.month, day)) return null;
  return { year: folder.year, month: folder.month, day };
}
