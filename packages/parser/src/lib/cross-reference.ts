/**
 * Cross-references for the site: root-cause pages, group pages (by service, organization,
 * severity, year), the follow-up list and the home page's filters. Pure; results are plain JSON.
 *
 * Incident lists are slugs ordered newest first (undated last), then by slug.
 */
import type { ActionItem, Postmortem } from './schema.js';
import { isOverdue, todayOf, yearOf, type StatsOptions } from './stats.js';
import type { Taxonomy } from './taxonomy.js';
import { uniqueUrlSlugs } from './url-slug.js';
import { compareStrings } from './text.js';

export interface RootCauseEntry {
  id: string;
  /** From the taxonomy; the id for a category it does not know. */
  label: string;
  /** From the taxonomy; '' for a category it does not know. */
  description: string;
  /** Postmortems with this category. */
  count: number;
  /** One entry per year from the corpus' first to its last dated year (the same years for every category). */
  perYear: Array<{ year: number; count: number }>;
  incidents: string[];
  /** Categories also given to these postmortems, most frequent first, then by id. */
  coCategories: Array<{ id: string; count: number }>;
  /** Services of these postmortems, most frequent first, then by name; at most 5. */
  topServices: Array<{ name: string; count: number }>;
}

export type GroupKey = 'services' | 'organization' | 'severity' | 'year' | 'trigger';

export interface Group {
  name: string;
  /** Lower-case kebab, unique among the groups returned (`-2`, `-3` … added on a clash). */
  slug: string;
  incidents: string[];
}

export type FollowUp = ActionItem & { incident: string; incidentTitle: string; overdue: boolean };

export interface FacetValue {
  value: string;
  count: number;
}

export interface Facets {
  /** Most frequent first, then by value. */
  categories: FacetValue[];
  /** Most frequent first, then by value. */
  services: FacetValue[];
  /** In natural order (`SEV1`, `SEV2`, … `SEV10`). */
  severities: FacetValue[];
  /** Newest first. */
  years: FacetValue[];
  /** Most frequent first, then by value. */
  organizations: FacetValue[];
}

const topServiceCount = 5;

/**
 * One entry per taxonomy category, in taxonomy order, used or not. Categories the taxonomy does
 * not know get no entry (nor a page): they are content, and an id from `taxonomy.yaml` is a
 * URL slug by its schema. Linear in the corpus: each postmortem counts once per known category.
 */
export function rootCauseIndex(postmortems: readonly Postmortem[], taxonomy: Taxonomy = { categories: [], triggers: [] }): RootCauseEntry[] {
  const entries = taxonomy.categories.filter((category, at) => taxonomy.categories.findIndex((other) => other.id === category.id) === at);
  const known = new Set(entries.map((category) => category.id));
  const byCategory = new Map<string, Postmortem[]>();
  // Known categories of each postmortem, each once: co-category pairs are bounded by the taxonomy, not by content.
  const knownOf = new Map<Postmortem, string[]>();
  for (const postmortem of postmortems) {
    const own = distinct(postmortem.categories).filter((category) => known.has(category));
    knownOf.set(postmortem, own);
    for (const category of own) push(byCategory, category, postmortem);
  }
  const { first, last } = yearRange(postmortems);

  return entries.map(({ id, label, description }) => {
    const incidents = sortIncidents(byCategory.get(id) ?? []);
    const perYear = new Map<number, number>();
    for (let year = first; year <= last; year++) perYear.set(year, 0);
    for (const postmortem of incidents) {
      const year = yearOf(postmortem);
      if (year !== null && perYear.has(Number(year))) perYear.set(Number(year), perYear.get(Number(year))! + 1);
    }
    return {
      id,
      label,
      description,
      count: incidents.length,
      perYear: [...perYear].map(([year, count]) => ({ year, count })),
      incidents: incidents.map((postmortem) => postmortem.slug),
      coCategories: counted(incidents.flatMap((postmortem) => knownOf.get(postmortem)!.filter((other) => other !== id))).map(([other, count]) => ({
        id: other,
        count,
      })),
      topServices: counted(incidents.flatMap((postmortem) => distinct(postmortem.services)))
        .slice(0, topServiceCount)
        .map(([name, count]) => ({ name, count })),
    };
  });
}

/** Postmortems grouped by each service, or by organization, severity or year; groups by name. Missing values form no group. */
export function groupBy(postmortems: readonly Postmortem[], key: GroupKey): Group[] {
  const groups = new Map<string, Postmortem[]>();
  for (const postmortem of postmortems) {
    for (const name of groupNames(postmortem, key)) push(groups, name, postmortem);
  }
  const sorted = [...groups].sort(([a], [b]) => compareNames(a, b));
  const slugs = uniqueUrlSlugs(sorted.map(([name]) => name));
  return sorted.map(([name, members]) => ({ name, slug: slugs.get(name)!, incidents: sortIncidents(members).map((postmortem) => postmortem.slug) }));
}

function groupNames(postmortem: Postmortem, key: GroupKey): string[] {
  switch (key) {
    case 'services':
      return distinct(postmortem.services);
    case 'organization':
      return distinct([postmortem.organization]);
    case 'severity':
      return distinct([postmortem.severity]);
    case 'year':
      return distinct([yearOf(postmortem)]);
    case 'trigger':
      return distinct([postmortem.triggerCategory]);
  }
}

/**
 * Every action item with its incident. Open items first, then those without a status, then
 * done ones; within each, by due date (undated last), then newest incident, then slug and line.
 * Only open items can be overdue (due before today).
 */
export function followUps(postmortems: readonly Postmortem[], options: StatsOptions = {}): FollowUp[] {
  const today = todayOf(options);
  const items = postmortems.flatMap((postmortem) => postmortem.actionItems.map((item) => ({ item, postmortem })));
  const statusRank = (status: ActionItem['status']) => (status === 'open' ? 0 : status === null ? 1 : 2);
  items.sort(
    (a, b) =>
      statusRank(a.item.status) - statusRank(b.item.status) ||
      compareNullable(a.item.due, b.item.due, 1) ||
      compareNullable(a.postmortem.date, b.postmortem.date, -1) ||
      compareStrings(a.postmortem.slug, b.postmortem.slug) ||
      a.item.line - b.item.line,
  );
  return items.map(({ item, postmortem }) => ({
    ...item,
    incident: postmortem.slug,
    incidentTitle: postmortem.title,
    overdue: isOverdue(item, today),
  }));
}

/** Values of the home page's filters with how many postmortems have each. */
export function facets(postmortems: readonly Postmortem[]): Facets {
  const values = (pick: (postmortem: Postmortem) => ReadonlyArray<string | null>) =>
    counted(postmortems.flatMap((postmortem) => distinct(pick(postmortem)))).map(([value, count]) => ({ value, count }));
  return {
    categories: values((postmortem) => postmortem.categories),
    services: values((postmortem) => postmortem.services),
    severities: values((postmortem) => [postmortem.severity]).sort((a, b) => compareNames(a.value, b.value)),
    years: values((postmortem) => [yearOf(postmortem)]).sort((a, b) => compareStrings(b.value, a.value)),
    organizations: values((postmortem) => [postmortem.organization]),
  };
}

/** First and last year with a dated postmortem (`Infinity`, `-Infinity` when none). */
export function yearRange(postmortems: readonly Pick<Postmortem, 'date'>[]): { first: number; last: number } {
  let first = Infinity;
  let last = -Infinity;
  for (const postmortem of postmortems) {
    const year = yearOf(postmortem);
    if (year === null) continue;
    first = Math.min(first, Number(year));
    last = Math.max(last, Number(year));
  }
  return { first, last };
}

function sortIncidents(postmortems: readonly Postmortem[]): Postmortem[] {
  return [...postmortems].sort((a, b) => compareNullable(a.date, b.date, -1) || compareStrings(a.slug, b.slug));
}

/** `direction` 1: ascending, -1: descending; null always last. */
function compareNullable(a: string | null, b: string | null, direction: 1 | -1): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return direction * compareStrings(a, b);
}

/** Counts, most frequent first, then by value. */
function counted(values: readonly string[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || compareStrings(a, b));
}

/** Trimmed, non-empty, each once. */
function distinct(values: ReadonlyArray<string | null>): string[] {
  return [...new Set(values.map((value) => value?.trim() ?? '').filter((value) => value !== ''))];
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Case-insensitive natural order (`SEV2` before `SEV10`), code units breaking ties. */
function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || compareStrings(a, b);
}
