/**
 * The corpus as the pages see it: the postmortems the integration loaded, in the library's
 * order, and the taxonomy. Everything derived comes from the library, computed once per load
 * (once per build; again after a change in `astro dev`) and shared.
 */
import { join, relative, resolve, sep } from 'node:path';
import siteConfig from 'virtual:postmortem-kb/config';
import {
  followUps,
  groupBy,
  readTaxonomyFile,
  rootCauseIndex,
  taxonomyFileName,
  type FollowUp,
  type Group,
  type GroupKey,
  type Postmortem,
  type RootCauseEntry,
  type Taxonomy,
} from '@postmortem-kb/parser';
import { siteCorpus } from '../integration/corpus-holder';
import type { SiteCorpus } from '../integration/site-corpus';
import { postmortemsDirectory } from './postmortems-directory';

/** Values derived from one load of the corpus, by name; dropped when the corpus is loaded again. */
let derived: { corpus: Promise<SiteCorpus>; values: Map<string, Promise<unknown>> } | undefined;

/** `compute` of the current corpus, once per load. Callers must not mutate what it returns. */
function once<T>(name: string, compute: (corpus: SiteCorpus) => T | Promise<T>): Promise<T> {
  const corpus = siteCorpus();
  if (derived?.corpus !== corpus) derived = { corpus, values: new Map() };
  let value = derived.values.get(name) as Promise<T> | undefined;
  if (value === undefined) derived.values.set(name, (value = corpus.then(compute)));
  return value;
}

/** Every postmortem, oldest first (the library's order). */
export function allPostmortems(): Promise<Postmortem[]> {
  return once('postmortems', (corpus) => corpus.postmortems);
}

/** Newest first, for lists and the feed. */
export function newestFirst(): Promise<Postmortem[]> {
  return once('newest first', (corpus) => [...corpus.postmortems].reverse());
}

export function siteTaxonomy(): Promise<Taxonomy> {
  // The taxonomy the corpus was read with (its problems failed the build there), or none.
  const file = siteConfig.taxonomy ?? join(postmortemsDirectory, taxonomyFileName);
  return once('taxonomy', () =>
    readTaxonomyFile(file).then(
      (read) => read.taxonomy,
      () => ({ categories: [], triggers: [] }),
    ),
  );
}

/** Today as `YYYY-MM-DD`: overdue means overdue on the day the site was built. */
export const buildDay = new Date().toISOString().slice(0, 10);

// What several pages derive from the whole corpus is computed once per load and shared;
// at 10 000 postmortems each of these takes noticeable time.

/** The library's `rootCauseIndex` of the corpus and taxonomy. */
export function siteRootCauses(): Promise<RootCauseEntry[]> {
  return once('root causes', async (corpus) => rootCauseIndex(corpus.postmortems, await siteTaxonomy()));
}

/** The library's `followUps` of the corpus, overdue as of `buildDay`. */
export function siteFollowUps(): Promise<FollowUp[]> {
  return once('follow-ups', (corpus) => followUps(corpus.postmortems, { today: buildDay }));
}

/** The library's `groupBy` of the corpus by `key`. */
export function siteGroups(key: GroupKey): Promise<Group[]> {
  return once(`groups ${key}`, (corpus) => groupBy(corpus.postmortems, key));
}

/** The verbatim text of each file that could not be read as a postmortem, by slug. */
export function verbatimSources(): Promise<Map<string, string>> {
  return once('verbatim', (corpus) => corpus.verbatim);
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
