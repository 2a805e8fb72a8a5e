/**
 * The search index as it is stored and shipped: one object (`SearchIndex`, the whole index in
 * one JSON file) or split Pagefind-style (`SearchBundle`: a small manifest, term shards by
 * vocabulary range, document chunks), so that a query fetches only the shards its words fall in.
 * Types, constants and checks only; no imports: this module ships to the browser.
 */

export const searchIndexVersion = 3;

/** A field a hit can report as matched. */
export type SearchField = 'title' | 'organization' | 'services' | 'tags' | 'categories' | 'summary' | 'rootCauses';

/** Reported fields, then `details` (contributing factors, trigger, impact, detection, resolution, timeline: indexed, not reported). */
export const fieldNames: readonly SearchField[] = ['title', 'organization', 'services', 'tags', 'categories', 'summary', 'rootCauses'];
export const fieldCount = 8;
export const organizationField = 1;
export const detailsField = 7;

/** Per document, in rank order for ties (newest first, undated last, then by slug). */
export interface SearchDocs {
  slug: string[];
  title: string[];
  date: Array<string | null>;
  /** Position in `organizations`, or -1. */
  organization: number[];
  snippet: string[];
}

/**
 * The whole index in one object: plain arrays and strings, safe for `JSON.stringify`. Its layout
 * is private to the search modules; only `loadSearchIndex` reads it.
 */
export interface SearchIndex {
  version: typeof searchIndexVersion;
  docs: SearchDocs;
  /** Distinct organization names. */
  organizations: string[];
  /** The vocabulary, sorted by UTF-16 code unit: words, and pair keys (`load balanc`) for phrases. */
  terms: string[];
  /**
   * The posting list of each term (same order as `terms`): per (document, field) the varint
   * `documentDelta * 8 + field`, then the varint of its BM25F weight × 8 (boost, term frequency
   * and field-length normalisation computed at build time). Documents ascend; the delta of the
   * first entry is the document number.
   */
  postings: string[];
  /** Synonym groups (the default table and the team's), as written. */
  synonyms: string[][];
}

/** The entry file of a split index: where each term range and document chunk is. */
export interface SearchManifest {
  version: typeof searchIndexVersion;
  docCount: number;
  /** The first term of each term shard (`terms-<n>.json`). */
  shardFirst: string[];
  /** How many terms each shard holds (term numbers run on across shards). */
  shardSize: number[];
  /** Documents per chunk (`docs-<n>.json`). */
  docChunk: number;
  synonyms: string[][];
}

/** One range of the vocabulary with its posting lists. */
export interface SearchTermShard {
  terms: string[];
  postings: string[];
}

/** The result fields of `docChunk` consecutive documents. */
export interface SearchDocChunk {
  slug: string[];
  title: string[];
  date: Array<string | null>;
  organization: Array<string | null>;
  snippet: string[];
}

/** A split index: each part is one JSON file (see `searchBundleFiles`). */
export interface SearchBundle {
  manifest: SearchManifest;
  terms: SearchTermShard[];
  docs: SearchDocChunk[];
  /** Every one-word term (no pair keys), for typo tolerance: fetched only when a query word is unknown. */
  words: string[];
}

export function fail(message: string): never {
  throw new TypeError(`search index: ${message}`);
}

export function stringArray(value: unknown, name: string, length?: number): string[] {
  if (!Array.isArray(value) || (length !== undefined && value.length !== length)) fail(`${name} is not a list of the right length`);
  for (const item of value) if (typeof item !== 'string') fail(`${name} holds a non-string`);
  return value as string[];
}

export function checkSorted(terms: readonly string[], name: string): void {
  for (let i = 1; i < terms.length; i++) if (!(terms[i - 1]! < terms[i]!)) fail(`${name} are not sorted`);
}

/** Posting strings may hold only the codec's characters (codes 40–126 but `<`, `>`, `\`). */
const postingCharacters = /^[(-;=?-[\]-~]*$/;

export function checkPostings(postings: readonly string[]): void {
  for (const list of postings) if (!postingCharacters.test(list)) fail('bad character in a posting list');
}

export function checkSynonyms(value: unknown): string[][] {
  if (!Array.isArray(value)) fail('synonyms is not a list');
  return value.map((group, i) => stringArray(group, `synonyms[${i}]`));
}
