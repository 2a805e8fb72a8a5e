/**
 * The corpus as the pages see it: the collection's entries, in the library's order, and
 * the taxonomy. Computed once per build; everything derived comes from the library.
 */
import { join } from 'node:path';
import { getCollection } from 'astro:content';
import { loadTaxonomy, sortPostmortems, taxonomyFileName, type Postmortem, type Taxonomy } from '@postmortem-kb/parser';
import { postmortemsDirectory } from './postmortems-directory';

let postmortems: Promise<Postmortem[]> | undefined;
let taxonomy: Promise<Taxonomy> | undefined;

/** Every postmortem, oldest first (the library's order). */
export function allPostmortems(): Promise<Postmortem[]> {
  return (postmortems ??= getCollection('postmortems').then((entries) => sortPostmortems(entries.map((entry) => entry.data as Postmortem))));
}

/** Newest first, for lists and the feed. */
export async function newestFirst(): Promise<Postmortem[]> {
  return [...(await allPostmortems())].reverse();
}

export function siteTaxonomy(): Promise<Taxonomy> {
  return (taxonomy ??= loadTaxonomy(join(postmortemsDirectory, taxonomyFileName)).catch(() => ({ categories: [] })));
}

/** Today as `YYYY-MM-DD`: overdue means overdue on the day the site was built. */
export const buildDay = new Date().toISOString().slice(0, 10);
