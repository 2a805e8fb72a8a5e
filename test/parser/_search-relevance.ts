/**
 * Shared by the relevance tests: the repository's postmortems, our searcher over them and plain
 * fuse.js over the same records (the baseline), and the share of labelled queries whose top 5
 * holds one of the labelled incidents.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, expect } from 'vitest';
import { loadPostmortems, type Postmortem } from '../../packages/parser/src/index.js';
import { buildSearchIndex, loadSearchIndex } from '../../packages/parser/src/search.js';

export interface LabelledQuery {
  query: string;
  expected: string[];
}

/** fuse.js is the parser's dependency, resolved from there (pnpm is strict). */
type FuseClass = new (
  list: readonly Postmortem[],
  options: { keys: string[] },
) => { search(query: string, options: { limit: number }): Array<{ item: Postmortem }> };
const fromParser = createRequire(join(import.meta.dirname, '../../packages/parser/package.json'));

export interface RelevanceCorpus {
  postmortems: Postmortem[];
  /** Slugs of our top 5 for a query. */
  ours: (query: string) => string[];
  /** Slugs of plain fuse.js's top 5 over whole records, on the fields the site's search covers. */
  fuse: (query: string) => string[];
}

/** Loads postmortems/ before the file's tests; the fields are filled in then. */
export function relevanceCorpus(): RelevanceCorpus {
  const corpus = {} as RelevanceCorpus;
  beforeAll(async () => {
    corpus.postmortems = await loadPostmortems(join(import.meta.dirname, '../../postmortems'), { workers: false });
    const searcher = loadSearchIndex(buildSearchIndex(corpus.postmortems));
    corpus.ours = (query) => searcher.search(query, { limit: 5 }).map((hit) => hit.slug);
    const Fuse = ((await import(pathToFileURL(fromParser.resolve('fuse.js')).href)) as { default: FuseClass }).default;
    const fuse = new Fuse(corpus.postmortems, { keys: ['title', 'organization', 'services', 'tags', 'categories', 'summary', 'rootCauses.text'] });
    corpus.fuse = (query) => fuse.search(query, { limit: 5 }).map((result) => result.item.slug);
  }, 120_000);
  return corpus;
}

/** Labelled slugs that name no postmortem, per query (none when every label exists). */
export function unknownLabels(labelled: readonly LabelledQuery[], postmortems: readonly Postmortem[]): Array<{ query: string; missing: string[] }> {
  const slugs = new Set(postmortems.map((postmortem) => postmortem.slug));
  return labelled.map(({ query, expected }) => ({ query, missing: expected.filter((slug) => !slugs.has(slug)) })).filter(({ missing }) => missing.length > 0);
}

/** At least 90 % of the queries find a labelled incident in our top 5 (the misses are listed otherwise), a larger share than fuse.js. */
export function expectTop5AboveFuse(labelled: readonly LabelledQuery[], corpus: RelevanceCorpus): void {
  const ours = shareInTop5(labelled, corpus.ours);
  expect({ ours: ours >= 0.9, misses: ours >= 0.9 ? [] : missedInTop5(labelled, corpus.ours) }).toEqual({ ours: true, misses: [] });
  expect(ours).toBeGreaterThan(shareInTop5(labelled, corpus.fuse));
}

/** The queries whose top 5 (by `results`) holds none of their labelled incidents. */
function missedInTop5(labelled: readonly LabelledQuery[], results: (query: string) => string[]): string[] {
  return labelled.filter(({ query, expected }) => !results(query).some((slug) => expected.includes(slug))).map((entry) => entry.query);
}

function shareInTop5(labelled: readonly LabelledQuery[], results: (query: string) => string[]): number {
  return 1 - missedInTop5(labelled, results).length / labelled.length;
}
