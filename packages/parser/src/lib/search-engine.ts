/**
 * The query engine: reads a query into words, expands each word (itself, its other forms,
 * synonyms, the last word's completions, a typo's nearest terms) and each adjacent pair of
 * words (the phrase, the compound `rollback` for `roll back`, synonyms of the phrase), then
 * scores documents with BM25F over those terms. Ranking, in order: how many query words a
 * document matches, how many of the query's phrases it holds, how many query words its
 * organization holds (a company facet: `github` puts GitHub's incidents before others that
 * mention GitHub), then the score. Imports only other `search-*` modules: it ships to the browser.
 */
import { detailsField, fieldNames, organizationField, type SearchField } from './search-format.js';
import type { Postings, TermSource } from './search-source.js';
import type { SynonymTable } from './search-synonyms.js';
import { isIndexable, pairKey, stem, words } from './search-text.js';

/** Queries are cut to this many characters. */
export const maxQueryLength = 200;

const k1 = 1.2;
/** Distinct query terms used; the rest of a long query is ignored. */
const maxQueryTerms = 10;
/** Expansions of a prefix (most frequent first) and of a misspelling. */
const maxPrefixExpansions = 24;
const maxFuzzyExpansions = 5;
export const minFuzzyLength = 4;
/** Terms scanned for a word's other forms or a prefix's completions. */
const maxScan = 4000;
/** Weight of a misspelling's expansion that fuse.js scores 0 (identical); its score lowers it. */
const fuzzyWeight = 0.65;
/** Weight of a term that only a stopword or single letter typed last contributes (search as you type). */
const softWeight = 0.3;
const formWeight = 0.9;
const synonymWeight = 0.8;

export interface QueryWord {
  word: string;
  prefix: boolean;
  soft: boolean;
}

/** A term a query word or pair stands for; `terms` holds several only for a multi-word synonym (all must match). */
export interface Alternative {
  terms: number[];
  weight: number;
  /**
   * The term whose rarity caps this one's. Unset: the word's first alternative, as a form, synonym
   * or completion stands for the word typed. A typo's corrections are rival readings of the word,
   * each scored as if it had been typed (its forms capped by it), so a rare name tied with a
   * common word (`stoom`: `stomo`, `storm`) is not scored as common.
   */
  reading?: number;
  /** A completion of the word being typed: it does not stand for the word's meaning, so its rarity does not cap the others'. */
  completion?: boolean;
}

/** One scored part of a query: a word, or a pair of adjacent words (a phrase). */
interface Unit {
  /** The query words it covers (one, or two for a pair). */
  covers: number[];
  soft: boolean;
  alternatives: Alternative[];
  /** The alternatives are typo corrections of a word the vocabulary does not know. */
  corrected?: boolean;
}

/** A query read into units; `strict` when a word matched nothing at all (see `expand`). */
export interface Expansion {
  words: QueryWord[];
  units: Unit[];
  strict: boolean;
}

/** A term a misspelled word may stand for, with fuse.js's score (0 is identical). */
export interface NearWord {
  word: string;
  score: number;
  edits: number;
  prefix: boolean;
}

export type Fuzzy = (word: string, prefix: boolean) => NearWord[];

export interface RankedDoc {
  doc: number;
  score: number;
  matches: Array<{ field: SearchField; terms: string[] }>;
}

export interface Ranking {
  total: number;
  hits: RankedDoc[];
}

/** Query words → distinct words; stopwords are dropped unless typed last (then a soft prefix). */
function parseQuery(query: string): QueryWord[] {
  const all = words(query.slice(0, maxQueryLength));
  const byWord = new Map<string, QueryWord>();
  const order: QueryWord[] = [];
  all.forEach((word, i) => {
    const last = i === all.length - 1;
    const indexable = isIndexable(word);
    if (!indexable && !last) return;
    const known = byWord.get(word);
    if (known) {
      known.prefix ||= last;
      known.soft &&= !indexable;
    } else if (byWord.size < maxQueryTerms || last) {
      const entry = { word, prefix: last, soft: !indexable };
      byWord.set(word, entry);
      order.push(entry);
    }
  });
  if (order.length > maxQueryTerms) order.splice(maxQueryTerms - 1, order.length - maxQueryTerms);
  if (order.every((term) => term.soft)) for (const term of order) term.soft = false;
  return order;
}

export class QueryEngine {
  constructor(private readonly synonyms: SynonymTable) {}

  /**
   * The alternatives of a query: read from `source`, typos corrected by `fuzzy`. `strict` when a
   * word of a query of several matches nothing, not even as a typo: the query is about something
   * the knowledge base does not hold, so a correction of another word (`mainframe cobol`: `cool`)
   * is a guess on top of a miss, and only documents matching a word as typed are hits.
   */
  expand(query: string, source: TermSource, fuzzy: Fuzzy): Expansion {
    const queryWords = parseQuery(query);
    const units: Unit[] = queryWords.map((entry, i) => ({ covers: [i], soft: entry.soft, alternatives: this.expandWord(entry, source) }));
    const pairs: Unit[] = [];
    for (let i = 0; i + 1 < queryWords.length; i++) {
      const first = queryWords[i]!;
      const second = queryWords[i + 1]!;
      if (first.soft || second.soft) continue;
      const alternatives = this.expandPair(first.word, second.word, second.prefix, source);
      if (alternatives.length > 0) pairs.push({ covers: [i, i + 1], soft: false, alternatives });
    }
    // Typos last: a word the vocabulary does not know is corrected towards the words around it,
    // unless a phrase it is part of is known (`split brain`: a synonym, `brain` is no typo of `drain`).
    queryWords.forEach((entry, i) => {
      const unit = units[i]!;
      if (unit.alternatives.length > 0 || !correctable(entry.word) || pairs.some((pair) => pair.covers.includes(i))) return;
      const others = units.filter((other) => other !== unit && !other.soft && other.alternatives.length > 0);
      unit.alternatives = this.correct(entry, source, fuzzy, others);
      unit.corrected = true;
    });
    const unmatched = queryWords.some((entry, i) => !entry.soft && units[i]!.alternatives.length === 0 && !pairs.some((pair) => pair.covers.includes(i)));
    const strict = unmatched && queryWords.filter((entry) => !entry.soft).length > 1;
    return { words: queryWords, units: [...units, ...pairs], strict };
  }

  /** Terms with the same stem as `word` (`certificate`, `certificates`). */
  private forms(key: string, source: TermSource): number[] {
    const scan = key.length > 1 ? key.slice(0, -1) : key;
    return source.startingWith(scan, maxScan).filter((term) => {
      const text = source.term(term);
      return !text.includes(' ') && stem(text) === key;
    });
  }

  /** The alternatives a synonym expression (one stem, or pair keys) stands for. */
  private synonymAlternatives(keys: readonly string[], source: TermSource, weight: number, add: (alternative: Alternative) => void): void {
    if (keys.length === 1 && !keys[0]!.includes(' ')) {
      for (const term of this.forms(keys[0]!, source)) add({ terms: [term], weight });
      return;
    }
    const terms = keys.map((key) => source.find(key));
    if (terms.every((term) => term >= 0)) add({ terms, weight });
  }

  /** A word's exact term, other forms, completions, synonyms and split compound; no typo correction. */
  private expandWord({ word, prefix }: QueryWord, source: TermSource): Alternative[] {
    const { add, found: weights } = alternativeSet();
    const exact = source.find(word);
    if (exact >= 0) add({ terms: [exact], weight: 1 });
    const key = stem(word);
    for (const term of this.forms(key, source)) add({ terms: [term], weight: formWeight });
    if (prefix) {
      // One or two letters stand for too many words to score them all; keep the commonest.
      const keep = word.length === 1 ? maxPrefixExpansions / 4 : word.length === 2 ? maxPrefixExpansions / 2 : maxPrefixExpansions;
      const completions = source
        .startingWith(word, maxScan)
        .filter((term) => term !== exact && !source.term(term).includes(' '))
        .sort((a, b) => source.size(b) - source.size(a) || a - b)
        .slice(0, keep);
      for (const term of completions) add({ terms: [term], weight: 0.6 + (0.3 * word.length) / source.term(term).length, completion: true });
    }
    for (const keys of this.synonyms.alternatives(key)) this.synonymAlternatives(keys, source, synonymWeight, add);
    // A compound typed as one word (`rollback`, `failover`) also matches it written as two.
    if (!prefix && word.length >= 6 && !/\d/.test(word)) {
      for (let cut = 3; cut <= word.length - 3; cut++) {
        const term = source.find(pairKey(word.slice(0, cut), word.slice(cut)));
        if (term >= 0) add({ terms: [term], weight: formWeight });
      }
    }
    return sortAlternatives(weights, source);
  }

  /**
   * The vocabulary terms a misspelled word stands for: only the closest (a one-letter typo should
   * not also pull in words two letters away), and of those, when more are tied than are kept, the
   * ones whose documents hold most of the other query words (`stoom certificate store` keeps the
   * organisation `stomo` that has a certificate store over commoner `storm` or `stood`), then the commonest.
   */
  private correct({ word, prefix }: QueryWord, source: TermSource, fuzzy: Fuzzy, others: readonly Unit[]): Alternative[] {
    const found = fuzzy(word, prefix);
    const closest = found[0];
    if (!closest) return [];
    const tied = found
      .filter((candidate) => candidate.edits === closest.edits && candidate.prefix === closest.prefix)
      .map((candidate) => ({ candidate, term: source.find(candidate.word), together: 0 }))
      .filter(({ term }) => term >= 0);
    if (tied.length > maxFuzzyExpansions && others.length > 0) {
      const context = wordsPerDocument(others, source);
      for (const entry of tied) entry.together = mostTogether(source.postings(entry.term), context);
    }
    const near = tied.sort((a, b) => b.together - a.together || source.size(b.term) - source.size(a.term) || a.term - b.term).slice(0, maxFuzzyExpansions);
    const { add, found: weights } = alternativeSet();
    for (const { candidate, term } of near) {
      const weight = fuzzyWeight * (1 - candidate.score) * (candidate.prefix ? 0.8 : 1);
      add({ terms: [term], weight, reading: term });
      for (const form of this.forms(stem(candidate.word), source)) add({ terms: [form], weight: weight * formWeight, reading: term });
    }
    return sortAlternatives(weights, source);
  }

  private expandPair(first: string, second: string, prefix: boolean, source: TermSource): Alternative[] {
    const { add, found } = alternativeSet();
    const key = pairKey(first, second);
    const exact = source.find(key);
    if (exact >= 0) add({ terms: [exact], weight: 1 });
    if (prefix) {
      const completions = source
        .startingWith(`${stem(first)} ${second}`, maxScan)
        .filter((term) => term !== exact)
        .sort((a, b) => source.size(b) - source.size(a) || a - b)
        .slice(0, maxPrefixExpansions);
      for (const term of completions) add({ terms: [term], weight: 0.8, completion: true });
    } else {
      // `roll back` also finds `rollback`, `fail over` finds `failover`.
      for (const joined of new Set([first + second, stem(first) + second])) {
        for (const term of this.forms(stem(joined), source)) add({ terms: [term], weight: formWeight });
      }
    }
    for (const keys of this.synonyms.alternatives(key)) this.synonymAlternatives(keys, source, synonymWeight, add);
    return [...found.values()].sort((a, b) => b.weight - a.weight || a.terms[0]! - b.terms[0]!);
  }

  /** Per-document work space, all zeros between queries (sized on first use). */
  private scratch?: {
    total: Float64Array;
    best: Float64Array;
    mask: Int32Array;
    /** Query words found in the document's organization, and (per unit) whether this unit's were. */
    organization: Int32Array;
    inOrganization: Uint8Array;
    /** Query words matched as typed (not only by a typo correction). */
    typed: Int32Array;
    phrases: Uint8Array;
    covered: Uint8Array;
    seen: Uint8Array;
    touched: Int32Array;
    bestTouched: Int32Array;
  };

  /** Scores and orders the documents `units` match; returns `limit` hits from `offset`. */
  rank(expanded: Expansion, source: TermSource, limit: number, offset: number): Ranking {
    const { words: queryWords, units, strict } = expanded;
    const docCount = source.docCount;
    const hardCount = queryWords.filter((word) => !word.soft).length;
    if (hardCount === 0 || docCount === 0 || limit <= 0) return { total: 0, hits: [] };
    if (this.scratch?.total.length !== docCount) {
      this.scratch = {
        total: new Float64Array(docCount),
        best: new Float64Array(docCount),
        mask: new Int32Array(docCount),
        organization: new Int32Array(docCount),
        inOrganization: new Uint8Array(docCount),
        typed: new Int32Array(docCount),
        phrases: new Uint8Array(docCount),
        covered: new Uint8Array(docCount),
        seen: new Uint8Array(docCount),
        touched: new Int32Array(docCount),
        bestTouched: new Int32Array(docCount),
      };
    }
    const { total, best, mask, organization, inOrganization, typed, phrases, covered, seen, touched, bestTouched } = this.scratch;
    const idf = (term: number) => {
      const df = source.postings(term).documentFrequency;
      return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
    };
    const hardMask = queryWords.reduce((bits, word, i) => (word.soft ? bits : bits | (1 << i)), 0);
    let touchedCount = 0;

    for (const unit of units) {
      if (unit.alternatives.length === 0) continue;
      const mainIdf = conceptIdf(unit.alternatives, idf);
      let bestCount = 0;
      const offer = (doc: number, score: number, organizationHolds: boolean) => {
        if (best[doc] === 0 && inOrganization[doc] === 0) bestTouched[bestCount++] = doc;
        if (organizationHolds) inOrganization[doc] = 1;
        if (score > best[doc]!) best[doc] = score;
      };
      for (const { terms, weight, reading } of unit.alternatives) {
        const factor = weight * (unit.soft ? softWeight : 1);
        const capIdf = reading === undefined ? mainIdf : idf(reading);
        /** A multi-word synonym: a document must hold every part; it scores as its weakest, and is in the organization if every part is. */
        let scores: Map<number, { score: number; organizationHolds: boolean }> | undefined;
        terms.forEach((term, at) => {
          const termFactor = factor * Math.min(idf(term), capIdf);
          const { docs, fields, weights } = source.postings(term);
          const these = terms.length > 1 ? new Map<number, { score: number; organizationHolds: boolean }>() : undefined;
          let j = 0;
          while (j < docs.length) {
            const doc = docs[j]!;
            let frequency = 0;
            let organizationHolds = false;
            do {
              organizationHolds ||= fields[j] === organizationField;
              frequency += weights[j++]!;
            } while (j < docs.length && docs[j] === doc);
            const score = (termFactor * frequency * (k1 + 1)) / (k1 + frequency);
            if (!these) offer(doc, score, organizationHolds);
            else if (at === 0) these.set(doc, { score, organizationHolds });
            else {
              const before = scores?.get(doc);
              if (before) these.set(doc, { score: Math.min(score, before.score), organizationHolds: organizationHolds && before.organizationHolds });
            }
          }
          scores = these;
        });
        if (terms.length > 1) for (const [doc, { score, organizationHolds }] of scores ?? []) offer(doc, score, organizationHolds);
      }
      let bits = 0;
      if (!unit.soft) for (const word of unit.covers) bits |= 1 << word;
      const pair = unit.covers.length > 1 ? 1 : 0;
      for (let i = 0; i < bestCount; i++) {
        const doc = bestTouched[i]!;
        if (seen[doc] === 0) {
          seen[doc] = 1;
          touched[touchedCount++] = doc;
        }
        total[doc]! += best[doc]!;
        mask[doc]! |= bits;
        if (inOrganization[doc] === 1) organization[doc]! |= bits;
        if (!unit.corrected) typed[doc]! |= bits;
        phrases[doc]! += pair;
        best[doc] = 0;
        inOrganization[doc] = 0;
      }
    }

    // Candidates, and per level the most phrases, the most organization words and the best score (for 0..1 scores).
    const candidates: number[] = [];
    const maxPhrases = new Map<number, number>();
    const maxOrganization = new Map<number, number>();
    const maxTotal = new Map<number, number>();
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i]!;
      const count = popcount(mask[doc]! & hardMask);
      covered[doc] = count;
      if (count === 0 || (strict && (typed[doc]! & hardMask) === 0)) continue;
      candidates.push(doc);
      // The organization's words are kept in `organization[doc]` as a count from here on.
      organization[doc] = popcount(organization[doc]! & hardMask);
      maxPhrases.set(count, Math.max(maxPhrases.get(count) ?? 0, phrases[doc]!));
      const level = count * 256 + phrases[doc]!;
      maxOrganization.set(level, Math.max(maxOrganization.get(level) ?? 0, organization[doc]));
      const organizationLevel = level * 64 + organization[doc];
      maxTotal.set(organizationLevel, Math.max(maxTotal.get(organizationLevel) ?? 0, total[doc]!));
    }
    const before = (a: number, b: number) =>
      covered[a] !== covered[b]
        ? covered[a]! > covered[b]!
        : phrases[a] !== phrases[b]
          ? phrases[a]! > phrases[b]!
          : organization[a] !== organization[b]
            ? organization[a]! > organization[b]!
            : total[a] !== total[b]
              ? total[a]! > total[b]!
              : a < b;
    const wanted = offset + limit;
    let ordered: number[];
    if (wanted > 64 || wanted * 4 >= candidates.length) {
      ordered = candidates.sort((a, b) => (a === b ? 0 : before(a, b) ? -1 : 1)).slice(offset, wanted);
    } else {
      // The best `wanted` by insertion: most candidates fall out at the first comparison.
      const top: number[] = [];
      for (const doc of candidates) {
        if (top.length === wanted && !before(doc, top[wanted - 1]!)) continue;
        let at = top.length === wanted ? wanted - 1 : top.length;
        while (at > 0 && before(doc, top[at - 1]!)) {
          top[at] = top[at - 1]!;
          at--;
        }
        top[at] = doc;
      }
      ordered = top.slice(offset);
    }
    const hits = ordered.map((doc): RankedDoc => {
      const count = covered[doc]!;
      const level = count * 256 + phrases[doc]!;
      const top = maxTotal.get(level * 64 + organization[doc]!) ?? 0;
      // Each level's share nests the next one's, so scores fall in the order documents are ranked.
      const withinOrganization = (organization[doc]! + (top > 0 ? total[doc]! / top : 1)) / ((maxOrganization.get(level) ?? 0) + 1);
      const relative = (phrases[doc]! + withinOrganization) / ((maxPhrases.get(count) ?? 0) + 1);
      return { doc, score: Math.min(1, Math.max(0, (count - 1 + relative) / hardCount)), matches: matchesOf(doc, units, source) };
    });
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i]!;
      total[doc] = 0;
      mask[doc] = 0;
      organization[doc] = 0;
      typed[doc] = 0;
      phrases[doc] = 0;
      covered[doc] = 0;
      seen[doc] = 0;
    }
    return { total: candidates.length, hits };
  }
}

/**
 * The rarity a unit's alternatives are capped at: that of the commonest term standing for the word
 * as meant (the word, its forms, its synonyms; not completions or corrections). A rare literal
 * (`db`) scores no higher than the common word it abbreviates (`database`), nor a rare form
 * (`deploys`) than the common one (`deploy`): the query means the concept, however it is written.
 */
function conceptIdf(alternatives: readonly Alternative[], idf: (term: number) => number): number {
  let lowest = Infinity;
  for (const { terms, reading, completion } of alternatives)
    if (reading === undefined && !completion) for (const term of terms) lowest = Math.min(lowest, idf(term));
  return Number.isFinite(lowest) ? lowest : Math.min(...alternatives[0]!.terms.map(idf));
}

/** Whether a word the vocabulary does not know is long enough, and not a number, to correct. */
function correctable(word: string): boolean {
  return word.length >= minFuzzyLength && !/\d/.test(word);
}

/** Alternatives keyed by their terms, each kept at its highest weight. */
function alternativeSet(): { add: (alternative: Alternative) => void; found: Map<string, Alternative> } {
  const found = new Map<string, Alternative>();
  const add = (alternative: Alternative) => {
    const id = alternative.terms.join(',');
    const known = found.get(id);
    if (!known || known.weight < alternative.weight) found.set(id, alternative);
  };
  return { add, found };
}

/** Heaviest first, then the commonest term. */
function sortAlternatives(found: Map<string, Alternative>, source: TermSource): Alternative[] {
  return [...found.values()].sort((a, b) => b.weight - a.weight || source.size(b.terms[0]!) - source.size(a.terms[0]!) || a.terms[0]! - b.terms[0]!);
}

/** Document → which of `units` it matches (bit i for units[i]); a multi-word synonym counts by its first word. */
function wordsPerDocument(units: readonly Unit[], source: TermSource): Map<number, number> {
  const byDoc = new Map<number, number>();
  units.forEach((unit, i) => {
    for (const { terms } of unit.alternatives) {
      for (const doc of source.postings(terms[0]!).docs) byDoc.set(doc, (byDoc.get(doc) ?? 0) | (1 << i));
    }
  });
  return byDoc;
}

/** The most of the other query words that one document holding the term also holds. */
function mostTogether({ docs }: Postings, context: Map<number, number>): number {
  let most = 0;
  for (const doc of docs) most = Math.max(most, popcount(context.get(doc) ?? 0));
  return most;
}

function popcount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}

function fieldsOf(source: TermSource, doc: number, term: number): number[] {
  const { docs, fields } = source.postings(term);
  let low = 0;
  let high = docs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (docs[middle]! < doc) low = middle + 1;
    else high = middle;
  }
  const out: number[] = [];
  for (let j = low; j < docs.length && docs[j] === doc; j++) out.push(fields[j]!);
  return out;
}

/** Which fields of `doc` matched which words (as the corpus writes them). */
function matchesOf(doc: number, units: readonly Unit[], source: TermSource): RankedDoc['matches'] {
  const fieldTerms: Array<string[] | undefined> = [];
  for (const unit of units) {
    for (const { terms } of unit.alternatives) {
      for (const term of terms) {
        // A phrase's words are reported by their own units.
        if (source.term(term).includes(' ')) continue;
        for (const field of fieldsOf(source, doc, term)) {
          if (field === detailsField) continue;
          const seen = (fieldTerms[field] ??= []);
          const label = source.term(term);
          if (!seen.includes(label)) seen.push(label);
        }
      }
    }
  }
  const matches: RankedDoc['matches'] = [];
  fieldNames.forEach((field, i) => {
    const list = fieldTerms[i];
    if (list) matches.push({ field, terms: list });
  });
  return matches;
}
