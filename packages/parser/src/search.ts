/**
 * Full-text search over postmortems that runs in the browser.
 *
 * `buildSearchIndex` (at site build time) tokenises the searchable fields into an inverted
 * index — term → posting list of (document, field, term frequency) — encoded as compact
 * strings so the JSON payload stays small. `loadSearchIndex` (in the browser) decodes it
 * once, and answers queries with BM25F scoring (field boosts, length normalisation),
 * AND-ish ranking (documents matching every query term first), the last term read as a
 * prefix (search as you type) and typo tolerance: for a word the vocabulary does not know,
 * fuse.js picks the vocabulary terms — the distinct terms, not the documents — it stands for,
 * and its score weighs them (see `lib/search-fuzzy.ts`). fuse.js over whole records cannot do
 * this job alone: on the 10k-record bench it takes 1.5 s per query (median), 2.2 s p95.
 *
 * This module runs in the browser: it must not import node built-ins, the markdown stack,
 * zod or runtime values from other parser modules — only `./lib/search-*`, fuse.js and types.
 */
import type { Postmortem } from './lib/schema.js';
import { codesToString, readVarints, writeVarint } from './lib/search-codec.js';
import { TypoMatcher, type NearTerm } from './lib/search-fuzzy.js';
import { excerpt, isIndexable, stem, tokenize, words } from './lib/search-text.js';

/** Queries are cut to this many characters. */
export const maxQueryLength = 200;

/** The fields of a postmortem the index reads. */
export type SearchablePostmortem = Pick<
  Postmortem,
  'slug' | 'title' | 'date' | 'organization' | 'services' | 'tags' | 'categories' | 'summary' | 'rootCauses'
> &
  Partial<Pick<Postmortem, 'severity' | 'contributingFactors' | 'trigger' | 'impact'>>;

/** A field a hit can report as matched. */
export type SearchField = 'title' | 'organization' | 'services' | 'tags' | 'categories' | 'summary' | 'rootCauses';

export interface SearchHit {
  slug: string;
  title: string;
  date: string | null;
  organization: string | null;
  /** Relevance in 0..1, higher is better; hits are sorted by it. */
  score: number;
  /** Which fields matched which terms (as they appear in the corpus, after typo/prefix expansion). */
  matches: Array<{ field: SearchField; terms: string[] }>;
  /** The start of the summary, at most 160 characters. */
  snippet: string;
}

export interface SearchOptions {
  /** Most hits to return (default 10). */
  limit?: number;
}

export interface Searcher {
  search(query: string, options?: SearchOptions): SearchHit[];
}

/**
 * The serialised index: plain arrays, strings and numbers, safe for `JSON.stringify`.
 * Its layout is private to this module; only `loadSearchIndex` reads it.
 */
export interface SearchIndex {
  version: 1;
  /** Per document, in the order given to `buildSearchIndex`. */
  docs: {
    slug: string[];
    title: string[];
    date: Array<string | null>;
    /** Position in `organizations`, or -1. */
    organization: number[];
    snippet: string[];
  };
  /** Distinct organization names. */
  organizations: string[];
  /** The vocabulary, sorted by UTF-16 code unit. */
  terms: string[];
  /**
   * The posting list of each term (same order as `terms`): per (document, field) one varint
   * `((documentDelta * 8 + field) * 2 + hasFrequency)`, followed by `frequency - 2` when the
   * flag is set. Documents ascend; the delta of the first entry is the document number.
   */
  postings: string[];
}

// ---------------------------------------------------------------------------------------------
// Fields and scoring constants

/** Reported fields, then `details` (contributing factors, trigger, impact, severity: indexed, not reported). */
const fieldNames: readonly SearchField[] = ['title', 'organization', 'services', 'tags', 'categories', 'summary', 'rootCauses'];
const fieldCount = 8;
const detailsField = 7;
/** Field boosts (BM25F weights). */
const boosts = [3, 1.5, 1.5, 1.5, 2, 1, 2, 0.5] as const;
/** BM25 length normalisation per field: short list fields barely normalise. */
const lengthNorm = [0.5, 0.3, 0.3, 0.3, 0.3, 0.75, 0.75, 0.75] as const;
/** Tokens indexed per field and document, so one huge text cannot bloat the index. */
const maxTokens = [64, 16, 64, 64, 64, 400, 400, 300] as const;
const k1 = 1.2;
const snippetLength = 160;
const defaultLimit = 10;
/** Distinct query terms used; the rest of a long query is ignored. */
const maxQueryTerms = 10;
/** Expansions of a prefix (most frequent first) and of a misspelling. */
const maxPrefixExpansions = 24;
const maxFuzzyExpansions = 5;
const minFuzzyLength = 4;
/** Weight of a misspelling's expansion that fuse.js scores 0 (identical); its score lowers it. */
const fuzzyWeight = 0.65;
/** Weight of a term that only a stopword or single letter typed last contributes (search as you type). */
const softWeight = 0.3;

// ---------------------------------------------------------------------------------------------
// Building

function fieldTexts(postmortem: SearchablePostmortem): string[][] {
  const list = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : typeof value === 'string' ? [value] : [];
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const rootCauses = Array.isArray(postmortem.rootCauses) ? postmortem.rootCauses : [];
  const categories = new Set(list(postmortem.categories));
  for (const cause of rootCauses) if (typeof cause?.category === 'string') categories.add(cause.category);
  const details = [
    text(postmortem.severity),
    ...(Array.isArray(postmortem.contributingFactors) ? postmortem.contributingFactors.map((factor) => text(factor?.text)) : []),
    text(postmortem.trigger),
    text(postmortem.impact?.text),
  ];
  return [
    [text(postmortem.title)],
    [text(postmortem.organization)],
    list(postmortem.services),
    list(postmortem.tags),
    [...categories],
    [text(postmortem.summary)],
    rootCauses.map((cause) => text(cause?.text)),
    details,
  ];
}

/** Builds the serialisable index of `postmortems` (kept in the given order). */
export function buildSearchIndex(postmortems: readonly SearchablePostmortem[]): SearchIndex {
  /** term → flat (document, field, frequency) triples, ascending by document then field. */
  const postings = new Map<string, number[]>();
  const docs: SearchIndex['docs'] = { slug: [], title: [], date: [], organization: [], snippet: [] };
  const organizations: string[] = [];
  const organizationIds = new Map<string, number>();

  postmortems.forEach((postmortem, doc) => {
    const title = typeof postmortem.title === 'string' ? postmortem.title : '';
    const organization = typeof postmortem.organization === 'string' && postmortem.organization !== '' ? postmortem.organization : null;
    docs.slug.push(String(postmortem.slug));
    docs.title.push(title);
    docs.date.push(typeof postmortem.date === 'string' ? postmortem.date : null);
    if (organization === null) docs.organization.push(-1);
    else {
      let id = organizationIds.get(organization);
      if (id === undefined) {
        id = organizations.push(organization) - 1;
        organizationIds.set(organization, id);
      }
      docs.organization.push(id);
    }
    const summary = typeof postmortem.summary === 'string' ? postmortem.summary : '';
    const firstCause = Array.isArray(postmortem.rootCauses) ? postmortem.rootCauses[0]?.text : undefined;
    docs.snippet.push(excerpt(summary.trim() !== '' ? summary : typeof firstCause === 'string' ? firstCause : '', snippetLength));

    fieldTexts(postmortem).forEach((texts, field) => {
      const budget = maxTokens[field] ?? 0;
      const counts = new Map<string, number>();
      let used = 0;
      for (const text of texts) {
        for (const term of tokenize(text)) {
          if (used++ >= budget) break;
          counts.set(term, (counts.get(term) ?? 0) + 1);
        }
        if (used >= budget) break;
      }
      for (const [term, frequency] of counts) {
        let list = postings.get(term);
        if (!list) postings.set(term, (list = []));
        list.push(doc, field, Math.min(frequency, 255));
      }
    });
  });

  const terms = [...postings.keys()].sort();
  const encoded = terms.map((term) => {
    const triples = postings.get(term) ?? [];
    const codes: number[] = [];
    let previous = 0;
    for (let i = 0; i + 2 < triples.length; i += 3) {
      const doc = triples[i]!;
      const field = triples[i + 1]!;
      const frequency = triples[i + 2]!;
      writeVarint(codes, ((doc - previous) * fieldCount + field) * 2 + (frequency > 1 ? 1 : 0));
      if (frequency > 1) writeVarint(codes, frequency - 2);
      previous = doc;
    }
    return codesToString(codes);
  });
  return { version: 1, docs, organizations, terms, postings: encoded };
}

// ---------------------------------------------------------------------------------------------
// Loading

function fail(message: string): never {
  throw new TypeError(`search index: ${message}`);
}

function stringArray(value: unknown, name: string, length?: number): string[] {
  if (!Array.isArray(value) || (length !== undefined && value.length !== length)) fail(`${name} is not a list of the right length`);
  for (const item of value) if (typeof item !== 'string') fail(`${name} holds a non-string`);
  return value as string[];
}

function checkIndex(index: unknown): SearchIndex {
  if (typeof index !== 'object' || index === null) fail('not an object');
  const candidate = index as Partial<SearchIndex>;
  if (candidate.version !== 1) fail(`unsupported version ${JSON.stringify(candidate.version)}`);
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
  stringArray(candidate.postings, 'postings', terms.length);
  for (let i = 1; i < terms.length; i++) if (!(terms[i - 1]! < terms[i]!)) fail('terms are not sorted');
  return candidate as SearchIndex;
}

/** First position in the sorted `terms` whose term is ≥ `word`. */
function lowerBound(terms: readonly string[], word: string): number {
  let low = 0;
  let high = terms.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (terms[middle]! < word) low = middle + 1;
    else high = middle;
  }
  return low;
}

interface Expansion {
  term: number;
  weight: number;
}

interface QueryTerm {
  word: string;
  prefix: boolean;
  soft: boolean;
}

/** Decodes an index made by `buildSearchIndex` (also after a JSON round trip) into a searcher. */
export function loadSearchIndex(index: SearchIndex): Searcher {
  const { docs, organizations, terms, postings } = checkIndex(index);
  const docCount = docs.slug.length;
  const termCount = terms.length;

  // Decode every posting list into flat arrays: entry j is (entryDoc[j], entryField[j], entryWeight[j]).
  let capacity = 0;
  let longest = 0;
  for (const list of postings) {
    capacity += list.length;
    longest = Math.max(longest, list.length);
  }
  const scratch = new Float64Array(longest);
  const entryDoc = new Int32Array(capacity);
  const entryField = new Uint8Array(capacity);
  const entryFrequency = new Uint8Array(capacity);
  const termStart = new Uint32Array(termCount + 1);
  const documentFrequency = new Uint32Array(termCount);
  const fieldLength = new Float64Array(fieldCount * docCount);
  let entries = 0;
  for (let term = 0; term < termCount; term++) {
    termStart[term] = entries;
    const values = readVarints(postings[term]!, scratch);
    let doc = 0;
    let last = -1;
    for (let i = 0; i < values; i++) {
      let value = scratch[i]!;
      const hasFrequency = value % 2;
      value = (value - hasFrequency) / 2;
      const field = value % fieldCount;
      doc += (value - field) / fieldCount;
      let frequency = 1;
      if (hasFrequency === 1) {
        if (i + 1 >= values) fail('truncated posting list');
        frequency = Math.min(255, scratch[++i]! + 2);
      }
      if (doc >= docCount || doc < last) fail('posting points outside the documents');
      entryDoc[entries] = doc;
      entryField[entries] = field;
      entryFrequency[entries] = frequency;
      entries++;
      fieldLength[field * docCount + doc]! += frequency;
      if (doc !== last) documentFrequency[term]!++;
      last = doc;
    }
  }
  termStart[termCount] = entries;

  // BM25F: each entry's boosted, length-normalised frequency, and each term's idf.
  const averageLength = new Float64Array(fieldCount);
  for (let field = 0; field < fieldCount; field++) {
    let sum = 0;
    for (let doc = 0; doc < docCount; doc++) sum += fieldLength[field * docCount + doc]!;
    averageLength[field] = Math.max(1, sum / Math.max(1, docCount));
  }
  const entryWeight = new Float32Array(entries);
  for (let j = 0; j < entries; j++) {
    const field = entryField[j]!;
    const b = lengthNorm[field] ?? 0.75;
    const length = fieldLength[field * docCount + entryDoc[j]!]!;
    entryWeight[j] = ((boosts[field] ?? 1) * entryFrequency[j]!) / (1 - b + (b * length) / averageLength[field]!);
  }
  const idf = new Float64Array(termCount);
  for (let term = 0; term < termCount; term++) {
    const df = documentFrequency[term]!;
    idf[term] = Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
  }

  // Forms of one word (`certificate`, `certificates`) found through their stem.
  const stemGroups = new Map<string, number[]>();
  for (let term = 0; term < termCount; term++) {
    const key = stem(terms[term]!);
    const group = stemGroups.get(key);
    if (group) group.push(term);
    else stemGroups.set(key, [term]);
  }

  // Typo tolerance over the vocabulary, indexed on first use.
  let typos: TypoMatcher | undefined;
  const fuzzy = (word: string, prefix: boolean): NearTerm[] => {
    typos ??= new TypoMatcher(terms, (term) => term.length >= minFuzzyLength - 1 && !/\d/.test(term));
    const found = typos.near(word, prefix);
    // Only the closest: a one-letter typo should not also pull in words two letters away.
    const closest = found[0];
    if (!closest) return [];
    return found
      .filter((candidate) => candidate.edits === closest.edits && candidate.prefix === closest.prefix)
      .sort((a, b) => documentFrequency[b.term]! - documentFrequency[a.term]! || a.term - b.term)
      .slice(0, maxFuzzyExpansions);
  };

  /** The vocabulary terms a query word stands for, with weights (1 = the word itself). */
  const expand = (word: string, prefix: boolean): Expansion[] => {
    const weights = new Map<number, number>();
    const add = (term: number, weight: number) => {
      if (!((weights.get(term) ?? 0) >= weight)) weights.set(term, weight);
    };
    const at = lowerBound(terms, word);
    if (terms[at] === word) add(at, 1);
    for (const term of stemGroups.get(stem(word)) ?? []) add(term, 0.9);
    if (prefix) {
      const completions: number[] = [];
      for (let term = terms[at] === word ? at + 1 : at; term < termCount && terms[term]!.startsWith(word); term++) completions.push(term);
      completions.sort((a, b) => documentFrequency[b]! - documentFrequency[a]! || a - b);
      // One or two letters stand for too many words to score them all; keep the commonest.
      const keep = word.length === 1 ? maxPrefixExpansions / 4 : word.length === 2 ? maxPrefixExpansions / 2 : maxPrefixExpansions;
      for (const term of completions.slice(0, keep)) add(term, 0.6 + (0.3 * word.length) / terms[term]!.length);
    }
    if (weights.size === 0 && word.length >= minFuzzyLength && !/\d/.test(word)) {
      for (const near of fuzzy(word, prefix)) {
        const weight = fuzzyWeight * (1 - near.score) * (near.prefix ? 0.8 : 1);
        const term = near.term;
        add(term, weight);
        for (const form of stemGroups.get(stem(terms[term]!)) ?? []) add(form, weight * 0.9);
      }
    }
    return [...weights]
      .map(([term, weight]) => ({ term, weight }))
      .sort((a, b) => b.weight - a.weight || documentFrequency[b.term]! - documentFrequency[a.term]! || a.term - b.term);
  };

  /** Query words → distinct terms; stopwords are dropped unless typed last (then a soft prefix). */
  const parse = (query: string): QueryTerm[] => {
    const all = words(query.slice(0, maxQueryLength));
    const byWord = new Map<string, QueryTerm>();
    all.forEach((word, i) => {
      const last = i === all.length - 1;
      const indexable = isIndexable(word);
      if (!indexable && !last) return;
      const known = byWord.get(word);
      if (known) {
        known.prefix ||= last;
        known.soft &&= !indexable;
      } else if (byWord.size < maxQueryTerms || last) {
        byWord.set(word, { word, prefix: last, soft: !indexable });
      }
    });
    const list = [...byWord.values()];
    if (list.length > maxQueryTerms) list.splice(maxQueryTerms - 1, list.length - maxQueryTerms);
    if (list.every((term) => term.soft)) for (const term of list) term.soft = false;
    return list;
  };

  // Scratch space reused by every query.
  const total = new Float64Array(docCount);
  const covered = new Uint8Array(docCount);
  const best = new Float64Array(docCount);
  const touched = new Int32Array(docCount);
  const termTouched = new Int32Array(docCount);

  const better = (a: number, b: number): boolean => {
    if (covered[a] !== covered[b]) return covered[a]! > covered[b]!;
    if (total[a] !== total[b]) return total[a]! > total[b]!;
    const dateA = docs.date[a] ?? null;
    const dateB = docs.date[b] ?? null;
    if (dateA !== dateB) {
      if (dateA === null) return false;
      if (dateB === null) return true;
      return dateA > dateB;
    }
    const slugA = docs.slug[a]!;
    const slugB = docs.slug[b]!;
    if (slugA !== slugB) return slugA < slugB;
    return a < b;
  };

  const fieldsOf = (doc: number, term: number): number[] => {
    let low = termStart[term]!;
    let high = termStart[term + 1]!;
    const end = high;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (entryDoc[middle]! < doc) low = middle + 1;
      else high = middle;
    }
    const fields: number[] = [];
    for (let j = low; j < end && entryDoc[j] === doc; j++) fields.push(entryField[j]!);
    return fields;
  };

  const search = (query: string, options?: SearchOptions): SearchHit[] => {
    if (typeof query !== 'string') return [];
    const requested = options?.limit;
    const limit = typeof requested === 'number' && !Number.isNaN(requested) ? Math.min(docCount, Math.floor(requested)) : defaultLimit;
    if (limit <= 0 || docCount === 0) return [];
    const queryTerms = parse(query);
    const hardCount = queryTerms.filter((term) => !term.soft).length;
    if (hardCount === 0) return [];

    const expansions = queryTerms.map((term) => expand(term.word, term.prefix));
    let touchedCount = 0;
    for (let q = 0; q < queryTerms.length; q++) {
      const soft = queryTerms[q]!.soft;
      const list = expansions[q]!;
      // All expansions stand for one query word: none may count as rarer than the main one,
      // or a rare variant (`services`) would outrank the word itself (`service`) in a title.
      const mainIdf = list[0] === undefined ? 0 : idf[list[0].term]!;
      let termTouchedCount = 0;
      for (const { term, weight } of list) {
        const factor = weight * Math.min(idf[term]!, mainIdf) * (soft ? softWeight : 1);
        const end = termStart[term + 1]!;
        let j = termStart[term]!;
        while (j < end) {
          const doc = entryDoc[j]!;
          let frequency = 0;
          do frequency += entryWeight[j++]!;
          while (j < end && entryDoc[j] === doc);
          const score = (factor * frequency * (k1 + 1)) / (k1 + frequency);
          if (score > best[doc]!) {
            if (best[doc] === 0) termTouched[termTouchedCount++] = doc;
            best[doc] = score;
          }
        }
      }
      for (let i = 0; i < termTouchedCount; i++) {
        const doc = termTouched[i]!;
        if (total[doc] === 0 && covered[doc] === 0) touched[touchedCount++] = doc;
        total[doc]! += best[doc]!;
        if (!soft) covered[doc]!++;
        best[doc] = 0;
      }
    }

    // The best `limit` documents that match at least one (non-soft) term.
    let top: number[] = [];
    let maxTotal = 0;
    const candidates: number[] = [];
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i]!;
      if (covered[doc]! > 0) {
        candidates.push(doc);
        if (total[doc]! > maxTotal) maxTotal = total[doc]!;
      }
    }
    if (limit > 64 || limit * 4 >= candidates.length) {
      top = candidates.sort((a, b) => (a === b ? 0 : better(a, b) ? -1 : 1)).slice(0, limit);
    } else {
      for (const doc of candidates) {
        if (top.length === limit && !better(doc, top[limit - 1]!)) continue;
        let at = top.length === limit ? limit - 1 : top.length;
        while (at > 0 && better(doc, top[at - 1]!)) {
          top[at] = top[at - 1]!;
          at--;
        }
        top[at] = doc;
      }
    }

    const hits = top.map((doc): SearchHit => {
      const fieldTerms: Array<string[] | undefined> = [];
      for (const list of expansions) {
        for (const { term } of list) {
          for (const field of fieldsOf(doc, term)) {
            if (field === detailsField) continue;
            const seen = (fieldTerms[field] ??= []);
            if (!seen.includes(terms[term]!)) seen.push(terms[term]!);
          }
        }
      }
      const matches: SearchHit['matches'] = [];
      fieldNames.forEach((field, i) => {
        const list = fieldTerms[i];
        if (list) matches.push({ field, terms: list });
      });
      const organization = docs.organization[doc]!;
      const relative = maxTotal > 0 ? total[doc]! / maxTotal : 1;
      return {
        slug: docs.slug[doc]!,
        title: docs.title[doc]!,
        date: docs.date[doc] ?? null,
        organization: organization >= 0 ? (organizations[organization] ?? null) : null,
        score: Math.min(1, Math.max(0, (covered[doc]! - 1 + relative) / hardCount)),
        matches,
        snippet: docs.snippet[doc]!,
      };
    });

    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i]!;
      total[doc] = 0;
      covered[doc] = 0;
    }
    return hits;
  };

  return { search };
}
