/**
 * Corpus statistics for the site's dashboard and the CLI. Pure; the result is plain JSON.
 *
 * Count maps (`byCategory` …) list their keys most frequent first, then by name, so
 * `Object.entries` gives display order (keys that look like integers, such as years, are
 * always listed in ascending order by JavaScript itself). Missing values (no severity, no
 * organization, no date) are not counted. A postmortem counts once per distinct value.
 */
import type { Postmortem } from './schema.js';
import { compareStrings } from './text.js';

/** The distribution of one duration over the postmortems that give it. */
export interface DurationStats {
  /** Postmortems with a known figure. */
  count: number;
  /** Every known figure, ascending. */
  minutes: number[];
  /** Nearest-rank percentiles; null without data. */
  p50: number | null;
  p90: number | null;
  p95: number | null;
  max: number | null;
  /** One entry per bucket, in order (lower bound included). */
  histogram: Array<{ label: string; count: number }>;
}

/** Time to resolve: `histogram` always has the six buckets <1h, 1–4h, 4–12h, 12–24h, 1–3d, >3d. */
export type TimeToResolveStats = DurationStats;

export interface ActionItemStats {
  total: number;
  /** Status `open`. */
  open: number;
  /** Status `done`. */
  done: number;
  /** No status could be read. */
  unknown: number;
  /** Open with a due date before today. */
  overdue: number;
}

export interface CorpusStats {
  total: number;
  byCategory: Record<string, number>;
  /** Trigger category id → postmortems with that `trigger`. */
  byTrigger: Record<string, number>;
  /** Trigger → root-cause category → postmortems: what set incidents off against why they happened. */
  byTriggerAndCategory: Record<string, Record<string, number>>;
  byService: Record<string, number>;
  byOrganization: Record<string, number>;
  bySeverity: Record<string, number>;
  /** Year (`"2021"`) → postmortems dated that year. */
  byYear: Record<string, number>;
  /** Year → category → postmortems. */
  byYearAndCategory: Record<string, Record<string, number>>;
  timeToResolve: TimeToResolveStats;
  actionItems: ActionItemStats;
}

export interface StatsOptions {
  /** `YYYY-MM-DD` used for overdue items; today's UTC date by default. */
  today?: string;
}

/** Histogram buckets of time to resolve, in minutes: [from, to). */
export const resolveBuckets: ReadonlyArray<{ label: string; from: number; to: number }> = [
  { label: '<1h', from: 0, to: 60 },
  { label: '1–4h', from: 60, to: 240 },
  { label: '4–12h', from: 240, to: 720 },
  { label: '12–24h', from: 720, to: 1440 },
  { label: '1–3d', from: 1440, to: 4320 },
  { label: '>3d', from: 4320, to: Infinity },
];

export function corpusStats(postmortems: readonly Postmortem[], options: StatsOptions = {}): CorpusStats {
  const today = todayOf(options);
  const byYearAndCategory = new Map<string, string[]>();
  const byTriggerAndCategory = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string | null, postmortem: Postmortem) => {
    if (key === null) return;
    const categories = map.get(key) ?? [];
    categories.push(...distinct(postmortem.categories));
    map.set(key, categories);
  };
  for (const postmortem of postmortems) {
    add(byYearAndCategory, yearOf(postmortem), postmortem);
    add(byTriggerAndCategory, distinct([postmortem.triggerCategory])[0] ?? null, postmortem);
  }
  const triggerCounts = countMap(postmortems.flatMap((postmortem) => distinct([postmortem.triggerCategory])));
  const items = postmortems.flatMap((postmortem) => postmortem.actionItems);

  return {
    total: postmortems.length,
    byCategory: countMap(postmortems.flatMap((postmortem) => distinct(postmortem.categories))),
    byTrigger: triggerCounts,
    // In the order of byTrigger: most frequent trigger first.
    byTriggerAndCategory: Object.fromEntries(Object.keys(triggerCounts).map((trigger) => [trigger, countMap(byTriggerAndCategory.get(trigger) ?? [])])),
    byService: countMap(postmortems.flatMap((postmortem) => distinct(postmortem.services))),
    byOrganization: countMap(postmortems.flatMap((postmortem) => distinct([postmortem.organization]))),
    bySeverity: countMap(postmortems.flatMap((postmortem) => distinct([postmortem.severity]))),
    byYear: countMap(postmortems.flatMap((postmortem) => distinct([yearOf(postmortem)]))),
    byYearAndCategory: Object.fromEntries(
      [...byYearAndCategory].sort(([a], [b]) => compareStrings(a, b)).map(([year, categories]) => [year, countMap(categories)]),
    ),
    timeToResolve: durationStats(
      postmortems.map((postmortem) => postmortem.metrics.timeToResolveMinutes),
      resolveBuckets,
    ),
    actionItems: {
      total: items.length,
      open: items.filter((item) => item.status === 'open').length,
      done: items.filter((item) => item.status === 'done').length,
      unknown: items.filter((item) => item.status === null).length,
      overdue: items.filter((item) => isOverdue(item, today)).length,
    },
  };
}

/** The distribution of `values` (null, negative and non-finite ones left out) over `buckets` of minutes, [from, to). */
export function durationStats(values: ReadonlyArray<number | null>, buckets: ReadonlyArray<{ label: string; from: number; to: number }>): DurationStats {
  const minutes = values.filter((value): value is number => value !== null && Number.isFinite(value) && value >= 0).sort((a, b) => a - b);
  return {
    count: minutes.length,
    minutes,
    p50: percentile(minutes, 50),
    p90: percentile(minutes, 90),
    p95: percentile(minutes, 95),
    max: minutes.at(-1) ?? null,
    histogram: buckets.map(({ label, from, to }) => ({ label, count: minutes.filter((value) => value >= from && value < to).length })),
  };
}

/**
 * Nearest-rank percentile of ascending `sortedValues`: the smallest value such that at least
 * `p` percent of the values are less than or equal to it. `p` from 0 to 100; null when empty.
 */
export function percentile(sortedValues: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`Unexpected percentile ${p}, expected 0 to 100`);
  if (sortedValues.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p * sortedValues.length) / 100));
  return sortedValues[rank - 1]!;
}

/** An action item is overdue when it is open and due before `today` (both `YYYY-MM-DD`). */
export function isOverdue(item: { status: 'open' | 'done' | null; due: string | null }, today: string): boolean {
  return item.status === 'open' && item.due !== null && isDate(item.due) && item.due < today;
}

export function todayOf(options: StatsOptions): string {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  if (!isDate(today)) throw new RangeError(`Unexpected today "${today}", expected YYYY-MM-DD`);
  return today;
}

/**
 * Earliest year a postmortem's date counts in per-year series and year pages: the first
 * four-digit year, so that history (the Vasa, 1628) counts while a typo such as `0024` cannot
 * stretch every dense per-year series over two thousand years.
 */
export const firstYear = 1000;

/** Latest such year: the year after `today` (`YYYY-MM-DD`, default the current date): a postmortem dated tomorrow around New Year. */
export function lastYear(today?: string): number {
  return (today !== undefined && /^\d{4}-/.test(today) ? Number(today.slice(0, 4)) : new Date().getUTCFullYear()) + 1;
}

/**
 * The four-digit year of a postmortem's date, or null; null too outside `firstYear`..`lastYear()`,
 * so one `9999-12-31` cannot stretch every per-year series over eight thousand years.
 */
export function yearOf(postmortem: Pick<Postmortem, 'date'>): string | null {
  if (postmortem.date === null || !/^\d{4}-/.test(postmortem.date)) return null;
  const year = Number(postmortem.date.slice(0, 4));
  return year >= firstYear && year <= lastYear() ? postmortem.date.slice(0, 4) : null;
}

function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** Trimmed, non-empty, each once. */
function distinct(values: ReadonlyArray<string | null>): string[] {
  return [...new Set(values.map((value) => value?.trim() ?? '').filter((value) => value !== ''))];
}

function countMap(keys: readonly string[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a, x], [b, y]) => y - x || compareStrings(a, b)));
}
