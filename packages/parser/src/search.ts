/**
 * Full-text search over postmortems that runs in the browser.
 *
 * `buildSearchIndex` (at site build time) tokenises the searchable fields into an inverted
 * index of words and adjacent-word pairs with precomputed BM25F weights; `splitSearchIndex`
 * cuts it into a manifest, vocabulary-range shards and document chunks (Pagefind-style), so a
 * query fetches only the shards its words fall in (`openSearchIndex`). `loadSearchIndex` reads
 * the whole index at once. Both answer queries the same way: documents matching every query
 * word first, exact phrases above scattered words, then documents of an organization the query
 * names (a company facet), the last word read as a prefix (search as
 * you type), other forms of a word (`rolled back`, `rollback`), synonyms (`k8s` ↔ `kubernetes`,
 * a default ops table plus the team's), and typo tolerance: for a word the vocabulary does not
 * know, fuse.js picks the vocabulary terms it stands for (see `lib/search-fuzzy.ts`).
 *
 * This module runs in the browser: it must not import node built-ins, the markdown stack,
 * zod or runtime values from other parser modules — only `./lib/search-*`, fuse.js and types.
 */
import {
  buildSearchIndex,
  searchBundleFiles,
  splitSearchIndex,
  type BuildSearchIndexOptions,
  type SearchablePostmortem,
  type SplitSearchIndexOptions,
} from './lib/search-build.js';
import { QueryEngine } from './lib/search-engine.js';
import {
  checkPostings,
  checkSorted,
  checkSynonyms,
  fail,
  searchIndexVersion,
  stringArray,
  type SearchBundle,
  type SearchDocChunk,
  type SearchField,
  type SearchIndex,
  type SearchManifest,
  type SearchTermShard,
} from './lib/search-format.js';
import { TypoMatcher } from './lib/search-fuzzy.js';
import { maxQueryLength } from './lib/search-query.js';
import type { RankedDoc } from './lib/search-rank.js';
import { IndexSource, ShardSource, type TermSource } from './lib/search-source.js';
import { defaultSynonyms, SynonymTable } from './lib/search-synonyms.js';
import { minFuzzyLength, type Fuzzy, type NearWord } from './lib/search-typos.js';

export { buildSearchIndex, defaultSynonyms, maxQueryLength, searchBundleFiles, splitSearchIndex };
export type {
  BuildSearchIndexOptions,
  SearchablePostmortem,
  SearchBundle,
  SearchDocChunk,
  SearchField,
  SearchIndex,
  SearchManifest,
  SearchTermShard,
  SplitSearchIndexOptions,
};

export interface SearchHit {
  slug: string;
  title: string;
  date: string | null;
  organization: string | null;
  /** Relevance in 0..1, higher is better; hits are sorted by it. */
  score: number;
  /** Which fields matched which terms (as they appear in the corpus, after expansion; a phrase as typed). */
  matches: Array<{ field: SearchField; terms: string[] }>;
  /** The start of the summary, at most 160 characters. */
  snippet: string;
}

export interface SearchOptions {
  /** Most hits to return (default 10). */
  limit?: number;
  /** Hits to skip, for paging (default 0). */
  offset?: number;
}

export interface SearchResult {
  /** Every document the query matches. */
  total: number;
  hits: SearchHit[];
}

export interface Searcher {
  search(query: string, options?: SearchOptions): SearchHit[];
  query(query: string, options?: SearchOptions): SearchResult;
}

export interface AsyncSearcher {
  query(query: string, options?: SearchOptions): Promise<SearchResult>;
}

const defaultLimit = 10;

function window(options: SearchOptions | undefined, docCount: number): { limit: number; offset: number } {
  const requested = options?.limit;
  const limit = typeof requested === 'number' && !Number.isNaN(requested) ? Math.min(docCount, Math.floor(requested)) : defaultLimit;
  const offset = typeof options?.offset === 'number' && Number.isFinite(options.offset) ? Math.max(0, Math.floor(options.offset)) : 0;
  return { limit, offset };
}

function typoMatcher(words: readonly string[]): Fuzzy {
  const matcher = new TypoMatcher(words, (term) => term.length >= minFuzzyLength - 1 && !/\d/.test(term));
  return (word, prefix): NearWord[] =>
    matcher.near(word, prefix).map((near) => ({ word: words[near.term]!, score: near.score, edits: near.edits, prefix: near.prefix }));
}

function checkIndex(index: unknown): SearchIndex {
  if (typeof index !== 'object' || index === null) fail('not an object');
  const candidate = index as Partial<SearchIndex>;
  if (candidate.version !== searchIndexVersion) fail(`unsupported version ${JSON.stringify(candidate.version)}`);
  const docs = candidate.docs;
  if (typeof docs !== 'object' || docs === null) fail('no docs');
  const count = stringArray(docs.slug, 'docs.slug').length;
  stringArray(docs.title, 'docs.title', count);
  stringArray(docs.snippet, 'docs.snippet', count);
  if (!Array.isArray(docs.date) || docs.date.length !== count || docs.date.some((date) => date !== null && typeof date !== 'string')) fail('bad docs.date');
  const organizations = stringArray(candidate.organizations, 'organizations');
  if (
    !Array.isArray(docs.organization) ||
    docs.organization.length !== count ||
    docs.organization.some((id) => !Number.isInteger(id) || id < -1 || id >= organizations.length)
  ) {
    fail('bad docs.organization');
  }
  const terms = stringArray(candidate.terms, 'terms');
  checkPostings(stringArray(candidate.postings, 'postings', terms.length));
  checkSorted(terms, 'terms');
  checkSynonyms(candidate.synonyms);
  return candidate as SearchIndex;
}

/** Decodes an index made by `buildSearchIndex` (also after a JSON round trip) into a searcher. */
export function loadSearchIndex(index: SearchIndex): Searcher {
  const { docs, organizations, terms, postings, synonyms } = checkIndex(index);
  const source: TermSource = new IndexSource(docs.slug.length, terms, postings);
  const engine = new QueryEngine(new SynonymTable(synonyms));
  let fuzzy: Fuzzy | undefined;
  const lazyFuzzy: Fuzzy = (word, prefix) => (fuzzy ??= typoMatcher(terms.filter((term) => !term.includes(' '))))(word, prefix);
  const hit = ({ doc, score, matches }: RankedDoc): SearchHit => {
    const organization = docs.organization[doc]!;
    return {
      slug: docs.slug[doc]!,
      title: docs.title[doc]!,
      date: docs.date[doc] ?? null,
      organization: organization >= 0 ? (organizations[organization] ?? null) : null,
      score,
      matches,
      snippet: docs.snippet[doc]!,
    };
  };
  const query = (text: string, options?: SearchOptions): SearchResult => {
    if (typeof text !== 'string') return { total: 0, hits: [] };
    const { limit, offset } = window(options, source.docCount);
    const ranking = engine.rank(engine.expand(text, source, lazyFuzzy), source, limit, offset);
    return { total: ranking.total, hits: ranking.hits.map(hit) };
  };
  return { query, search: (text, options) => query(text, options).hits };
}

/** How many rounds of fetching a query may take: terms, typo corrections, their forms. */
const maxRounds = 4;
/** Shards fetched for one prefix: a one- or two-letter prefix completes within these only. */
const maxPrefixShards = 2;

/**
 * Opens a split index (`splitSearchIndex`, written with `searchBundleFiles`): `load(file)` fetches
 * one of its files (`manifest.json`, `terms-3.json`, …) and resolves to its parsed JSON. Each query
 * fetches only the term shards its words, forms, synonyms and completions fall in, the word list
 * when a word needs typo correction, and the document chunks of the hits it returns.
 */
export async function openSearchIndex(load: (file: string) => Promise<unknown>): Promise<AsyncSearcher> {
  const manifest = (await load('manifest.json')) as SearchManifest;
  if (typeof manifest !== 'object' || manifest === null || manifest.version !== searchIndexVersion) fail('unsupported manifest');
  stringArray(manifest.shardFirst, 'shardFirst');
  checkSorted(manifest.shardFirst.slice(1), 'shard ranges');
  if (!Array.isArray(manifest.shardSize) || manifest.shardSize.length !== manifest.shardFirst.length) fail('bad shardSize');
  if (!Number.isInteger(manifest.docCount) || !Number.isInteger(manifest.docChunk) || manifest.docChunk < 1) fail('bad document counts');
  const source = new ShardSource(manifest);
  const engine = new QueryEngine(new SynonymTable(checkSynonyms(manifest.synonyms)));
  const pending = new Map<string, Promise<void>>();
  const chunks = new Map<number, SearchDocChunk>();
  let fuzzy: Fuzzy | undefined;

  const fetchOnce = (file: string, use: (data: unknown) => void): Promise<void> => {
    let promise = pending.get(file);
    if (!promise) {
      promise = load(file).then(use);
      promise.catch(() => pending.delete(file));
      pending.set(file, promise);
    }
    return promise;
  };
  const loadShard = (shard: number) =>
    fetchOnce(`terms-${shard}.json`, (data) => {
      const shardData = data as SearchTermShard;
      const terms = stringArray(shardData?.terms, `terms-${shard}.terms`);
      checkPostings(stringArray(shardData?.postings, `terms-${shard}.postings`, terms.length));
      checkSorted(terms, `terms-${shard} terms`);
      source.add(shard, shardData);
    });
  const loadWords = () =>
    fetchOnce('words.json', (data) => {
      fuzzy = typoMatcher(stringArray(data, 'words'));
    });
  const loadChunk = (chunk: number) =>
    fetchOnce(`docs-${chunk}.json`, (data) => {
      const value = data as SearchDocChunk;
      const count = stringArray(value?.slug, `docs-${chunk}.slug`).length;
      stringArray(value.title, `docs-${chunk}.title`, count);
      stringArray(value.snippet, `docs-${chunk}.snippet`, count);
      chunks.set(chunk, value);
    });

  /** A view of the loaded shards that notes which shards each lookup would need. */
  const recording = (needed: Set<number>): TermSource => ({
    docCount: source.docCount,
    find: (key) => {
      needed.add(source.shardOf(key));
      return source.find(key);
    },
    startingWith: (prefix, max) => {
      for (const shard of source.shardsFor(prefix, maxPrefixShards)) needed.add(shard);
      return source.startingWith(prefix, max);
    },
    term: (id) => source.term(id),
    size: (id) => source.size(id),
    postings: (id) => source.postings(id),
  });

  const query = async (text: string, options?: SearchOptions): Promise<SearchResult> => {
    if (typeof text !== 'string') return { total: 0, hits: [] };
    const { limit, offset } = window(options, source.docCount);
    let expanded: ReturnType<QueryEngine['expand']> | undefined;
    for (let round = 0; round < maxRounds; round++) {
      const needed = new Set<number>();
      let wantsWords = false;
      expanded = engine.expand(text, recording(needed), (word, prefix) => {
        if (fuzzy) return fuzzy(word, prefix);
        wantsWords = true;
        return [];
      });
      const missing = [...needed].filter((shard) => !source.isLoaded(shard));
      if (missing.length === 0 && !wantsWords) break;
      await Promise.all([...missing.map(loadShard), ...(wantsWords ? [loadWords()] : [])]);
    }
    const ranking = engine.rank(expanded!, source, limit, offset);
    const chunkOf = (doc: number) => Math.floor(doc / manifest.docChunk);
    await Promise.all([...new Set(ranking.hits.map((hit) => chunkOf(hit.doc)))].map(loadChunk));
    const hits = ranking.hits.map(({ doc, score, matches }): SearchHit => {
      const chunk = chunks.get(chunkOf(doc));
      const at = doc % manifest.docChunk;
      return {
        slug: chunk?.slug[at] ?? '',
        title: chunk?.title[at] ?? '',
        date: chunk?.date[at] ?? null,
        organization: chunk?.organization[at] ?? null,
        score,
        matches,
        snippet: chunk?.snippet[at] ?? '',
      };
    });
    return { total: ranking.total, hits };
  };
  return { query };
}
