/**
 * The corpus as the pages see it: the collection's entries, in the library's order, and
 * the taxonomy. Computed once per build; everything derived comes from the library.
 */
import { join, relative, resolve, sep } from 'node:path';
import siteConfig from 'virtual:postmortem-kb/config';
import { getCollection } from 'astro:content';
import {
  followUps,
  groupBy,
  readTaxonomyFile,
  rootCauseIndex,
  sortPostmortems,
  taxonomyFileName,
  type FollowUp,
  type Group,
  type GroupKey,
  type Postmortem,
  type RootCauseEntry,
  type Taxonomy,
} from '@postmortem-kb/parser';
import { postmortemsDirectory } from './postmortems-directory';

let entries: ReturnType<typeof getCollection<'postmortems'>> | undefined;
let postmortems: Promise<Postmortem[]> | undefined;
let taxonomy: Promise<Taxonomy> | undefined;

/** The collection's entries, read once: each `getCollection` call copies every entry's data (10 000 postmortems at 10k). */
function siteEntries(): ReturnType<typeof getCollection<'postmortems'>> {
  return (entries ??= getCollection('postmortems'));
}

/** Every postmortem, oldest first (the library's order). */
export function allPostmortems(): Promise<Postmortem[]> {
  return (postmortems ??= siteEntries().then((found) => sortPostmortems(found.map((entry) => entry.data))));
}

/** Newest first, for lists and the feed. */
export async function newestFirst(): Promise<Postmortem[]> {
  return [...(await allPostmortems())].reverse();
}

export function siteTaxonomy(): Promise<Taxonomy> {
  // The taxonomy the loader read (its problems failed the build there), or none.
  const file = siteConfig.taxonomy ?? join(postmortemsDirectory, taxonomyFileName);
  return (taxonomy ??= readTaxonomyFile(file).then(
    (read) => read.taxonomy,
    () => ({ categories: [], triggers: [] }),
  ));
}

/** Today as `YYYY-MM-DD`: overdue means overdue on the day the site was built. */
export const buildDay = new Date().toISOString().slice(0, 10);

// What several pages derive from the whole corpus is computed once per build and shared;
// at 10 000 postmortems each of these takes noticeable time. Callers must not mutate them.
let rootCauses: Promise<RootCauseEntry[]> | undefined;
let items: Promise<FollowUp[]> | undefined;
const groups = new Map<GroupKey, Promise<Group[]>>();

/** The library's `rootCauseIndex` of the corpus and taxonomy. */
export function siteRootCauses(): Promise<RootCauseEntry[]> {
  return (rootCauses ??= Promise.all([allPostmortems(), siteTaxonomy()]).then(([postmortems, taxonomy]) => rootCauseIndex(postmortems, taxonomy)));
}

/** The library's `followUps` of the corpus, overdue as of `buildDay`. */
export function siteFollowUps(): Promise<FollowUp[]> {
  return (items ??= allPostmortems().then((postmortems) => followUps(postmortems, { today: buildDay })));
}

/** The library's `groupBy` of the corpus by `key`. */
export function siteGroups(key: GroupKey): Promise<Group[]> {
  let found = groups.get(key);
  if (!found) groups.set(key, (found = allPostmortems().then((postmortems) => groupBy(postmortems, key))));
  return found;
}

let verbatim: Promise<Map<string, string>> | undefined;

/** The verbatim text of each file that could not be read as a postmortem, by slug (the loader keeps it as the entry's body). */
export function verbatimSources(): Promise<Map<string, string>> {
  return (verbatim ??= siteEntries().then((found) => new Map(found.flatMap((entry) => (entry.body === undefined ? [] : [[entry.id, entry.body] as const])))));
}

/** A postmortem's problems as the site lists them: errors and warnings, as `postmortem lint` shows by default. */
export function shownProblems(postmortem: Postmortem): Postmortem['diagnostics'] {
  return postmortem.diagnostics.filter((diagnostic) => diagnostic.severity !== 'info');
}

/** The `/problems/` fragment of an incident's group of problems. */
export function problemsAnchor(slug: string): string {
  return `problems-${slug.replace(/[^\w-]/g, '-')}`;
}

/** The `editUrl` link of a postmortem: its path below `dir` appended, each segment encoded; null without `editUrl`. */
export function editHref(postmortem: Postmortem): string | null {
  if (siteConfig.editUrl === null || postmortem.path === null) return null;
  const below = relative(siteConfig.dir, resolve(postmortem.path));
  if (below.startsWith('..')) return null;
  const base = siteConfig.editUrl.endsWith('/') ? siteConfig.editUrl : `${siteConfig.editUrl}/`;
  return `${base}${below.split(sep).map(encodeURIComponent).join('/')}`;
}
