/**
 * Building the search index (at site build time): tokenises the searchable fields into an
 * inverted index of words and adjacent-word pairs (for phrases), computes each posting's BM25F
 * weight, and splits the result into shards (`splitSearchIndex`) so that a browser fetches only
 * what a query needs. Imports only other `search-*` modules and types: it is bundled with them.
 */
import type { Postmortem } from './schema.js';
import { codesToString, writeVarint } from './search-codec.js';
import { fieldCount, searchIndexVersion, type SearchBundle, type SearchDocChunk, type SearchIndex, type SearchTermShard } from './search-format.js';
import { defaultSynonyms, normaliseSynonyms } from './search-synonyms.js';
import { excerpt, pairKey, tokenize } from './search-text.js';
import { weightScale } from './search-weights.js';

/** The fields of a postmortem the index reads. */
export type SearchablePostmortem = Pick<
  Postmortem,
  'slug' | 'title' | 'date' | 'organization' | 'services' | 'tags' | 'categories' | 'summary' | 'rootCauses'
> &
  Partial<Pick<Postmortem, 'severity' | 'contributingFactors' | 'trigger' | 'impact' | 'detection' | 'resolution' | 'timeline'>>;

export interface BuildSearchIndexOptions {
  /** Synonym groups added to the default table (`[["pg", "postgres"], ["sev1", "major incident"]]`). */
  synonyms?: readonly (readonly string[])[];
  /** `false` leaves the default table out. Default `true`. */
  defaultSynonyms?: boolean;
}

/** Field boosts (BM25F weights). */
const boosts = [3, 1.5, 1.5, 1.5, 2, 1, 2, 0.5] as const;
/** BM25 length normalisation per field: short list fields barely normalise. */
const lengthNorm = [0.5, 0.3, 0.3, 0.3, 0.3, 0.75, 0.75, 0.75] as const;
/** Tokens indexed per field and document, so one huge text cannot bloat the index. */
const maxTokens = [64, 16, 64, 64, 64, 400, 400, 600] as const;
const snippetLength = 160;

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
    text(postmortem.detection),
    text(postmortem.resolution),
    ...(Array.isArray(postmortem.timeline) ? postmortem.timeline.map((entry) => text(entry?.text)) : []),
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

/** Newest first, undated last, then by slug: the order ties are broken in, so documents are stored in it. */
function rankOrder(postmortems: readonly SearchablePostmortem[]): SearchablePostmortem[] {
  const date = (postmortem: SearchablePostmortem) => (typeof postmortem.date === 'string' ? postmortem.date : null);
  return postmortems
    .map((postmortem, i) => ({ postmortem, i }))
    .sort((a, b) => {
      const dateA = date(a.postmortem);
      const dateB = date(b.postmortem);
      if (dateA !== dateB) return dateA === null ? 1 : dateB === null ? -1 : dateA > dateB ? -1 : 1;
      const slugA = String(a.postmortem.slug);
      const slugB = String(b.postmortem.slug);
      return slugA < slugB ? -1 : slugA > slugB ? 1 : a.i - b.i;
    })
    .map(({ postmortem }) => postmortem);
}

/** Builds the serialisable index of `postmortems`. */
export function buildSearchIndex(postmortems: readonly SearchablePostmortem[], options: BuildSearchIndexOptions = {}): SearchIndex {
  const synonyms = [...(options.defaultSynonyms === false ? [] : defaultSynonyms.map((group) => [...group])), ...normaliseSynonyms(options.synonyms ?? [])];
  /** term → flat (document, field, frequency) triples, ascending by document then field. */
  const postings = new Map<string, number[]>();
  const docs: SearchIndex['docs'] = { slug: [], title: [], date: [], organization: [], snippet: [] };
  const organizations: string[] = [];
  const organizationIds = new Map<string, number>();
  const ordered = rankOrder(postmortems);
  const fieldLength = Array.from({ length: fieldCount }, () => new Float64Array(ordered.length));
  // Each adjacent pair's key made once and reused: building a new key string for every occurrence was most of the build's garbage.
  const pairKeys = new Map<string, Map<string, string>>();
  const pairOf = (first: string, second: string): string => {
    let seconds = pairKeys.get(first);
    if (!seconds) pairKeys.set(first, (seconds = new Map<string, string>()));
    let key = seconds.get(second);
    if (key === undefined) seconds.set(second, (key = pairKey(first, second)));
    return key;
  };
  const counts = new Map<string, number>();

  ordered.forEach((postmortem, doc) => {
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
      counts.clear();
      let used = 0;
      for (const text of texts) {
        let previous: string | undefined;
        for (const term of tokenize(text)) {
          if (used++ >= budget) break;
          counts.set(term, (counts.get(term) ?? 0) + 1);
          if (previous !== undefined) {
            const key = pairOf(previous, term);
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
          previous = term;
        }
        if (used >= budget) break;
      }
      fieldLength[field]![doc] = Math.min(used, budget);
      for (const [term, frequency] of counts) {
        let list = postings.get(term);
        if (!list) postings.set(term, (list = []));
        list.push(doc, field, frequency);
      }
    });
  });

  const averageLength = fieldLength.map((lengths) => {
    let sum = 0;
    for (const length of lengths) sum += length;
    return Math.max(1, sum / Math.max(1, lengths.length));
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
      const b = lengthNorm[field] ?? 0.75;
      const weight = ((boosts[field] ?? 1) * frequency) / (1 - b + (b * fieldLength[field]![doc]!) / averageLength[field]!);
      writeVarint(codes, (doc - previous) * fieldCount + field);
      writeVarint(codes, Math.max(1, Math.round(weight * weightScale)));
      previous = doc;
    }
    return codesToString(codes);
  });
  return { version: searchIndexVersion, docs, organizations, terms, postings: encoded, synonyms };
}

export interface SplitSearchIndexOptions {
  /** Target size of a term shard in characters of JSON (default 48 000, about 15 KB gzip). */
  shardChars?: number;
  /** Documents per document chunk (default 100). */
  docChunk?: number;
}

/**
 * Splits an index into a manifest, term shards (contiguous vocabulary ranges of about
 * `shardChars`), document chunks and the word list, each to be served as one JSON file.
 */
export function splitSearchIndex(index: SearchIndex, options: SplitSearchIndexOptions = {}): SearchBundle {
  const shardChars = Math.max(1000, options.shardChars ?? 48_000);
  const docChunk = Math.max(1, Math.floor(options.docChunk ?? 100));
  const shards: SearchTermShard[] = [];
  let current: SearchTermShard = { terms: [], postings: [] };
  let size = 0;
  index.terms.forEach((term, i) => {
    const posting = index.postings[i] ?? '';
    const cost = term.length + posting.length + 6;
    if (size > 0 && size + cost > shardChars) {
      shards.push(current);
      current = { terms: [], postings: [] };
      size = 0;
    }
    current.terms.push(term);
    current.postings.push(posting);
    size += cost;
  });
  if (current.terms.length > 0 || shards.length === 0) shards.push(current);
  const docCount = index.docs.slug.length;
  const docs: SearchDocChunk[] = [];
  for (let start = 0; start < docCount || (start === 0 && docs.length === 0); start += docChunk) {
    const end = Math.min(docCount, start + docChunk);
    docs.push({
      slug: index.docs.slug.slice(start, end),
      title: index.docs.title.slice(start, end),
      date: index.docs.date.slice(start, end),
      organization: index.docs.organization.slice(start, end).map((id) => (id >= 0 ? (index.organizations[id] ?? null) : null)),
      snippet: index.docs.snippet.slice(start, end),
    });
    if (docCount === 0) break;
  }
  return {
    manifest: {
      version: searchIndexVersion,
      docCount,
      shardFirst: shards.map((shard) => shard.terms[0] ?? ''),
      shardSize: shards.map((shard) => shard.terms.length),
      docChunk,
      synonyms: index.synonyms,
    },
    terms: shards,
    docs,
    words: index.terms.filter((term) => !term.includes(' ')),
  };
}

/** The files of a split index: path (relative to the index's directory) → JSON value. */
export function searchBundleFiles(bundle: SearchBundle): Map<string, unknown> {
  const files = new Map<string, unknown>([['manifest.json', bundle.manifest]]);
  bundle.terms.forEach((shard, i) => files.set(`terms-${i}.json`, shard));
  bundle.docs.forEach((chunk, i) => files.set(`docs-${i}.json`, chunk));
  files.set('words.json', bundle.words);
  return files;
}
