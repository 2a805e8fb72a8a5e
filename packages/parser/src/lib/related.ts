/**
 * Related incidents: for one postmortem (`relatedIncidents`) or for a whole corpus at once
 * (`relatedIndex`). Pure and deterministic; the result is plain JSON.
 *
 * Score of a candidate for a target (the sum of):
 * - an explicit link, either way (`related` or `duplicate_of` naming the other's id or slug): 100,
 *   so linked incidents come before everything else;
 * - each shared category: 1 (in every postmortem) … 3 (in just these two), by rarity (IDF);
 * - each shared service (case-insensitive): 0.75 … 2, by rarity;
 * - the same organization (case-insensitive): 0.5;
 * - text similarity: 4 × the TF-IDF cosine of root causes + summary (stop words, months, weekdays,
 *   common verbs and time units removed), when the cosine is at least 0.05.
 * Scores are rounded to 3 decimals. Best first; ties by date (newest first, undated last), then slug.
 *
 * Candidates are found through inverted indexes, so no postmortem is compared with every other
 * one. Terms in more than `max(50, 5% of the corpus)` postmortems say little about relatedness and
 * are left out of the text model (like stop words), and an organization with more postmortems than
 * that only adds its 0.5 to incidents that are related for another reason.
 */
import type { Postmortem } from './schema.js';
import type { Taxonomy } from './taxonomy.js';
import { compareStrings } from './text.js';

export type RelatedReasonKind = 'category' | 'service' | 'organization' | 'text' | 'link';

export interface RelatedReason {
  kind: RelatedReasonKind;
  /**
   * For people: "Linked as related", "Shared root cause: DNS" (the taxonomy's label when given),
   * "Same service: api", "Similar root cause: \"port exhaustion\", \"connection pool\"" (shared
   * phrases first, then words; "Similar text" unless both incidents have root-cause text) …
   */
  label: string;
}

export interface RelatedIncident {
  slug: string;
  title: string;
  date: string | null;
  score: number;
  /** Links first, then categories, services, organization, text; within a kind, strongest first. */
  reasons: RelatedReason[];
}

export interface RelatedOptions {
  /** Most incidents returned per postmortem; 5 by default. */
  limit?: number;
  /** Names categories in reasons by their label. */
  taxonomy?: Taxonomy;
}

export const relatedWeights = {
  link: 100,
  categoryMin: 1,
  categoryMax: 3,
  serviceMin: 0.75,
  serviceMax: 2,
  organization: 0.5,
  text: 4,
  /** Cosine under which text similarity is ignored. */
  minCosine: 0.05,
} as const;

const defaultLimit = 5;
/** How many shared terms a text reason names. */
const reasonTerms = 3;

/** Related incidents of `target` in `corpus` (the target itself excluded), best first. */
export function relatedIncidents(target: Postmortem, corpus: readonly Postmortem[], options: RelatedOptions = {}): RelatedIncident[] {
  let index = corpus.findIndex((postmortem) => postmortem === target);
  if (index === -1) index = corpus.findIndex((postmortem) => postmortem.slug === target.slug);
  const documents = index === -1 ? [...corpus, target] : corpus.map((postmortem, at) => (at === index ? target : postmortem));
  const model = buildModel(documents, options.taxonomy);
  return query(model, index === -1 ? documents.length - 1 : index, limitOf(options));
}

/** Related incidents of every postmortem of `corpus`, by slug (a later postmortem wins a duplicate slug). */
export function relatedIndex(corpus: readonly Postmortem[], options: RelatedOptions = {}): Record<string, RelatedIncident[]> {
  const model = buildModel(corpus, options.taxonomy);
  const limit = limitOf(options);
  return Object.fromEntries(corpus.map((postmortem, at) => [postmortem.slug, query(model, at, limit)]));
}

function limitOf(options: RelatedOptions): number {
  const limit = options.limit ?? defaultLimit;
  if (!Number.isFinite(limit) && limit !== Infinity) throw new RangeError(`Unexpected limit ${limit}, expected a number >= 0`);
  return Math.max(0, Math.floor(limit));
}

// ---------------------------------------------------------------------------------------------
// Model

interface Term {
  id: number;
  weight: number;
}

interface Model {
  documents: readonly Postmortem[];
  /** Per document: lower-cased id and slug. */
  names: Array<Set<string>>;
  /** Per document: lower-cased ids and slugs it links to, with the kind of link. */
  links: Array<Map<string, 'related' | 'duplicate'>>;
  /** Name (id or slug, lower-cased) → documents called that. */
  byName: Map<string, number[]>;
  /** Name (lower-cased) → documents whose links name it. */
  linkedFrom: Map<string, number[]>;
  categories: Array<string[]>;
  services: Array<Map<string, string>>;
  organizations: Array<string | null>;
  categoryPostings: Map<string, number[]>;
  servicePostings: Map<string, number[]>;
  organizationPostings: Map<string, number[]>;
  /** Per document: unit TF-IDF vector, sorted by term id. */
  vectors: Array<Term[]>;
  termPostings: Array<{ documents: Int32Array; weights: Float64Array }>;
  terms: string[];
  /** Documents holding each word (all words, also those left out of the vocabulary). */
  documentFrequency: Map<string, number>;
  /** Per document: whether it has root-cause text. */
  hasRootCause: Uint8Array;
  /** Category id → label, from the taxonomy. */
  categoryLabels: Map<string, string>;
  /** Postings longer than this do not nominate candidates. */
  cap: number;
  /** Per document: its place when scores tie (newest first, undated last, then slug, then position). */
  order: Int32Array;
  /** Per document: a number per distinct slug. */
  slugIds: Int32Array;
  /** Per-query work space, all zeros between queries. */
  scratch: { base: Float64Array; dot: Float64Array; touched: Uint8Array };
  /** Per document: its two-word phrases, read the first time a reason needs them (each document takes part in many pairs). */
  phrases: Array<Set<string> | undefined>;
}

function buildModel(documents: readonly Postmortem[], taxonomy?: Taxonomy): Model {
  const n = documents.length;
  const cap = Math.max(50, Math.ceil(n * 0.05));
  const names: Array<Set<string>> = [];
  const links: Array<Map<string, 'related' | 'duplicate'>> = [];
  const byName = new Map<string, number[]>();
  const linkedFrom = new Map<string, number[]>();
  const categories: Array<string[]> = [];
  const services: Array<Map<string, string>> = [];
  const organizations: Array<string | null> = [];
  const categoryPostings = new Map<string, number[]>();
  const servicePostings = new Map<string, number[]>();
  const organizationPostings = new Map<string, number[]>();
  const tokenLists: Array<Map<string, number>> = [];
  const documentFrequency = new Map<string, number>();

  documents.forEach((postmortem, at) => {
    const own = new Set([postmortem.id.toLowerCase(), postmortem.slug.toLowerCase()]);
    names.push(own);
    for (const name of own) push(byName, name, at);

    const linked = new Map<string, 'related' | 'duplicate'>();
    for (const name of postmortem.related) linked.set(name.trim().toLowerCase(), 'related');
    if (postmortem.duplicateOf !== null) linked.set(postmortem.duplicateOf.trim().toLowerCase(), 'duplicate');
    links.push(linked);
    for (const name of linked.keys()) push(linkedFrom, name, at);

    const ownCategories = [...new Set(postmortem.categories.map((category) => category.trim()).filter((category) => category !== ''))];
    categories.push(ownCategories);
    for (const category of ownCategories) push(categoryPostings, category, at);

    const ownServices = new Map<string, string>();
    for (const service of postmortem.services) {
      const name = service.trim();
      if (name !== '' && !ownServices.has(name.toLowerCase())) ownServices.set(name.toLowerCase(), name);
    }
    services.push(ownServices);
    for (const key of ownServices.keys()) push(servicePostings, key, at);

    const organization = postmortem.organization?.trim().toLowerCase() || null;
    organizations.push(organization);
    if (organization !== null) push(organizationPostings, organization, at);

    const counts = new Map<string, number>();
    for (const token of tokenize(documentText(postmortem))) counts.set(token, (counts.get(token) ?? 0) + 1);
    tokenLists.push(counts);
    for (const token of counts.keys()) documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
  });

  // Terms in more than `cap` documents are dropped like stop words. Of the others, those in at
  // least two documents form the vocabulary (numbered alphabetically, for determinism); terms of
  // one document cannot be shared but still count in its vector's length.
  const terms = [...documentFrequency]
    .filter(([, df]) => df >= 2 && df <= cap)
    .map(([term]) => term)
    .sort(compareStrings);
  const termIds = new Map(terms.map((term, id) => [term, id]));
  const postingLists: Array<Array<{ document: number; weight: number }>> = terms.map(() => []);
  const vectors: Array<Term[]> = tokenLists.map((counts, at) => {
    const vector: Term[] = [];
    let squares = 0;
    for (const [token, count] of counts) {
      const df = documentFrequency.get(token)!;
      if (df > cap) continue;
      const weight = (1 + Math.log(count)) * (Math.log((1 + n) / (1 + df)) + 1);
      squares += weight * weight;
      const id = termIds.get(token);
      if (id !== undefined) vector.push({ id, weight });
    }
    vector.sort((a, b) => a.id - b.id);
    const norm = Math.sqrt(squares);
    for (const term of vector) {
      term.weight /= norm;
      postingLists[term.id]!.push({ document: at, weight: term.weight });
    }
    return vector;
  });

  const termPostings = postingLists.map((list) => ({
    documents: Int32Array.from(list, (posting) => posting.document),
    weights: Float64Array.from(list, (posting) => posting.weight),
  }));
  const order = new Int32Array(n);
  [...documents.keys()]
    .sort((a, b) => compareDates(documents[a]!.date, documents[b]!.date) || compareStrings(documents[a]!.slug, documents[b]!.slug) || a - b)
    .forEach((document, rank) => (order[document] = rank));
  const slugNumbers = new Map<string, number>();
  const slugIds = Int32Array.from(documents, (postmortem) => {
    if (!slugNumbers.has(postmortem.slug)) slugNumbers.set(postmortem.slug, slugNumbers.size);
    return slugNumbers.get(postmortem.slug)!;
  });
  const scratch = { base: new Float64Array(n), dot: new Float64Array(n), touched: new Uint8Array(n) };
  const hasRootCause = Uint8Array.from(documents, (postmortem) => (postmortem.rootCauses.some((cause) => cause.text.trim() !== '') ? 1 : 0));
  const categoryLabels = new Map((taxonomy?.categories ?? []).map((category) => [category.id, category.label]));
  return {
    documents,
    names,
    links,
    byName,
    linkedFrom,
    categories,
    services,
    organizations,
    categoryPostings,
    servicePostings,
    organizationPostings,
    vectors,
    termPostings,
    terms,
    documentFrequency,
    hasRootCause,
    categoryLabels,
    cap,
    order,
    slugIds,
    scratch,
    phrases: new Array<Set<string> | undefined>(n),
  };
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Weight of sharing a feature held by `df` of `n` documents: `max` when only the two share it, `min` when all do. */
function rarityWeight(df: number, n: number, min: number, max: number): number {
  if (n <= 2 || df <= 2) return max;
  return min + (max - min) * (Math.log(n / df) / Math.log(n / 2));
}

// ---------------------------------------------------------------------------------------------
// Query

function query(model: Model, target: number, limit: number): RelatedIncident[] {
  if (limit === 0) return [];
  const n = model.documents.length;
  // Accumulators indexed by document, with the list of documents touched (reset at the end).
  const { base, dot, touched: mark } = model.scratch;
  const touched: number[] = [];
  const touch = (document: number) => {
    if (mark[document] === 0) {
      mark[document] = 1;
      touched.push(document);
    }
  };

  for (const other of linkedDocuments(model, target).keys()) {
    touch(other);
    base[other] = base[other]! + relatedWeights.link;
  }
  for (const category of model.categories[target]!) {
    const postings = model.categoryPostings.get(category)!;
    const weight = rarityWeight(postings.length, n, relatedWeights.categoryMin, relatedWeights.categoryMax);
    for (const other of postings) {
      touch(other);
      base[other] = base[other]! + weight;
    }
  }
  for (const key of model.services[target]!.keys()) {
    const postings = model.servicePostings.get(key)!;
    const weight = rarityWeight(postings.length, n, relatedWeights.serviceMin, relatedWeights.serviceMax);
    for (const other of postings) {
      touch(other);
      base[other] = base[other]! + weight;
    }
  }
  for (const term of model.vectors[target]!) {
    const { documents, weights } = model.termPostings[term.id]!;
    for (let at = 0; at < documents.length; at++) {
      const other = documents[at]!;
      touch(other);
      dot[other] = dot[other]! + term.weight * weights[at]!;
    }
  }
  const organization = model.organizations[target]!;
  const organizationPostings = organization === null ? [] : model.organizationPostings.get(organization)!;
  if (organizationPostings.length <= model.cap) {
    for (const other of organizationPostings) {
      touch(other);
      base[other] = base[other]! + relatedWeights.organization;
    }
  } else {
    for (const other of touched) if (model.organizations[other] === organization) base[other] = base[other]! + relatedWeights.organization;
  }

  // Rank candidates without allocating: a score, then the precomputed tie order.
  const { order, slugIds } = model;
  const better = (a: number, aScore: number, b: number, bScore: number) => aScore > bScore || (aScore === bScore && order[a]! < order[b]!);
  const bounded = limit <= 64;
  const bestDocuments: number[] = [];
  const bestScores: number[] = [];
  const targetSlug = slugIds[target]!;
  for (const document of touched) {
    const cosine = dot[document]!;
    const raw = base[document]! + (cosine >= relatedWeights.minCosine ? relatedWeights.text * cosine : 0);
    base[document] = 0;
    dot[document] = 0;
    mark[document] = 0;
    if (slugIds[document] === targetSlug) continue;
    const score = round(raw);
    if (score <= 0) continue;
    if (!bounded) {
      bestDocuments.push(document);
      bestScores.push(score);
      continue;
    }
    const last = bestDocuments.length - 1;
    if (bestDocuments.length >= limit && !better(document, score, bestDocuments[last]!, bestScores[last]!)) continue;
    let at = bestDocuments.length;
    while (at > 0 && better(document, score, bestDocuments[at - 1]!, bestScores[at - 1]!)) at--;
    bestDocuments.splice(at, 0, document);
    bestScores.splice(at, 0, score);
    if (bestDocuments.length > limit) {
      bestDocuments.pop();
      bestScores.pop();
    }
  }
  let ranked = bestDocuments.map((document, at) => ({ document, score: bestScores[at]! }));
  if (!bounded) ranked = ranked.sort((a, b) => (better(a.document, a.score, b.document, b.score) ? -1 : 1)).slice(0, limit);
  return ranked.map(({ document, score }) => describe(model, target, document, score));
}

function linkedDocuments(model: Model, target: number): Map<number, 'related' | 'duplicate'> {
  const found = new Map<number, 'related' | 'duplicate'>();
  for (const [name, kind] of model.links[target]!) {
    for (const other of model.byName.get(name) ?? []) if (found.get(other) !== 'duplicate') found.set(other, kind);
  }
  for (const name of model.names[target]!) {
    // Documents linking to the target: found by scanning only those whose links name it.
    for (const other of model.linkedFrom.get(name) ?? []) {
      const kind = model.links[other]!.get(name)!;
      if (found.get(other) !== 'duplicate') found.set(other, kind);
    }
  }
  found.delete(target);
  return found;
}

function describe(model: Model, target: number, other: number, score: number): RelatedIncident {
  const n = model.documents.length;
  const postmortem = model.documents[other]!;
  const reasons: RelatedReason[] = [];

  const link = linkedDocuments(model, target).get(other);
  if (link !== undefined) reasons.push({ kind: 'link', label: link === 'duplicate' ? 'Linked as duplicate' : 'Linked as related' });

  const theirCategories = new Set(model.categories[other]);
  const sharedCategories = model.categories[target]!.filter((category) => theirCategories.has(category))
    .map((category) => ({ category, weight: rarityWeight(model.categoryPostings.get(category)!.length, n, 0, 1) }))
    .sort((a, b) => b.weight - a.weight || compareStrings(a.category, b.category));
  for (const { category } of sharedCategories)
    reasons.push({ kind: 'category', label: `Shared root cause: ${model.categoryLabels.get(category) ?? category}` });

  const theirServices = model.services[other]!;
  const sharedServices = [...model.services[target]!]
    .filter(([key]) => theirServices.has(key))
    .map(([key, name]) => ({ name, weight: rarityWeight(model.servicePostings.get(key)!.length, n, 0, 1) }))
    .sort((a, b) => b.weight - a.weight || compareStrings(a.name, b.name));
  for (const { name } of sharedServices) reasons.push({ kind: 'service', label: `Same service: ${name}` });

  const organization = model.organizations[target];
  if (organization !== null && organization === model.organizations[other]) {
    reasons.push({ kind: 'organization', label: `Same organization: ${model.documents[target]!.organization!.trim()}` });
  }

  const theirs = new Map(model.vectors[other]!.map((term) => [term.id, term.weight]));
  const shared = model.vectors[target]!.filter((term) => theirs.has(term.id)).map((term) => ({
    term: model.terms[term.id]!,
    contribution: term.weight * theirs.get(term.id)!,
  }));
  // Summed in the order `query` accumulated it (term by term of the target), so the threshold agrees.
  const cosine = shared.reduce((sum, term) => sum + term.contribution, 0);
  if (cosine >= relatedWeights.minCosine) {
    const words = shared.sort((a, b) => b.contribution - a.contribution || compareStrings(a.term, b.term));
    const named = sharedPhrases(model, target, other).slice(0, reasonTerms);
    const inPhrases = new Set(named.flatMap((phrase) => phrase.split(' ')));
    for (const { term } of words) {
      if (named.length >= reasonTerms) break;
      if (!inPhrases.has(term)) named.push(term);
    }
    const what = model.hasRootCause[target] === 1 && model.hasRootCause[other] === 1 ? 'Similar root cause' : 'Similar text';
    reasons.push({ kind: 'text', label: `${what}: ${named.map((term) => `"${term}"`).join(', ')}` });
  }

  return { slug: postmortem.slug, title: postmortem.title, date: postmortem.date, score, reasons };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Newest first, null last. */
function compareDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? 1 : -1;
}

// ---------------------------------------------------------------------------------------------
// Text

function documentText(postmortem: Postmortem): string {
  return [...postmortem.rootCauses.map((cause) => cause.text), postmortem.summary].join('\n');
}

/**
 * Two-word phrases both texts hold ("port exhaustion", "connection pool"), each word meaningful
 * (not a stop word, filler, number) and shared by few enough documents; rarest first.
 */
function sharedPhrases(model: Model, target: number, other: number): string[] {
  const theirs = phrasesOf(model, other);
  const rarity = (word: string) => Math.log((1 + model.documents.length) / (1 + (model.documentFrequency.get(word) ?? 0)));
  return [...phrasesOf(model, target)]
    .filter((phrase) => theirs.has(phrase))
    .map((phrase) => ({ phrase, weight: phrase.split(' ').reduce((sum, word) => sum + rarity(word), 0) }))
    .sort((a, b) => b.weight - a.weight || compareStrings(a.phrase, b.phrase))
    .map(({ phrase }) => phrase);
}

/** A document's two-word phrases of meaningful words, read once per model. */
function phrasesOf(model: Model, document: number): Set<string> {
  let found = model.phrases[document];
  if (found === undefined) {
    found = new Set<string>();
    for (const line of documentText(model.documents[document]!).split(/[.;:!?\n()]+/)) {
      const words = line
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((word) => word !== '');
      for (let at = 0; at + 1 < words.length; at++) {
        const first = words[at]!;
        const second = words[at + 1]!;
        if (meaningful(model, first) && meaningful(model, second) && first !== second) found.add(`${first} ${second}`);
      }
    }
    model.phrases[document] = found;
  }
  return found;
}

function meaningful(model: Model, word: string): boolean {
  const df = model.documentFrequency.get(word);
  return df !== undefined && df <= model.cap && tokenize(word).length === 1;
}

/** Lower-cased words of `text` without diacritics, numbers, one-letter words and stop words. */
export function tokenize(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 2 && !/^\p{N}+$/u.test(word) && !stopWords.has(word) && !fillerWords.has(word));
}

/**
 * Words that are not stop words but say nothing about what broke: months, weekdays, time units
 * and common verbs ("made", "sent", "took"). Left out of the text model, so never a reason.
 */
export const fillerWords: ReadonlySet<string> = new Set(
  (
    'january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow morning afternoon evening night ' +
    'minute minutes hour hours day days week weeks month months year years ' +
    'make makes made making take takes took taken taking send sends sent sending get getting go goes went gone going come comes came coming ' +
    'use uses used using find finds found see saw seen say said says begin began begun start started starting led lead leads become became ' +
    'happen happened happens occur occurred occurs result resulted results cause caused causes causing include included including ' +
    'keep kept put call called give gave given know knew known seem seemed need needed want wanted also later around ' +
    'several many new first last next took back well still already'
  ).split(' '),
);

/** English function words that say nothing about an incident (also what breaks a theme's phrase). */
export const stopWords: ReadonlySet<string> = new Set(
  (
    'a about above after again against all almost also am an and any are aren as at be because been before being below between both but by ' +
    'can cannot could couldn did didn do does doesn doing don down during each either else etc even ever every few for from further ' +
    'get gets got had hadn has hasn have haven having he her here hers herself him himself his how however i if in into is isn it its itself ' +
    'just let ll may me might more most much must mustn my myself neither no nor not now of off on once one only or other ought our ours ' +
    'ourselves out over own per re same shall shan she should shouldn since so some such than that the their theirs them themselves then ' +
    'there these they this those through thus to too under until up upon us ve very via was wasn we were weren what when where whether which ' +
    'while who whom why will with within without won would wouldn yet you your yours yourself yourselves'
  ).split(' '),
);
