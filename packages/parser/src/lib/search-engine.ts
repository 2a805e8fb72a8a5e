/**
 * The query engine: reads a query into words, expands each word (itself, its other forms,
 * synonyms, the last word's completions, a typo's nearest terms) and each adjacent pair of
 * words (the phrase, the compound `rollback` for `roll back`, synonyms of the phrase), then
 * scores documents with BM25F over those terms. Ranking, in order: how many query words a
 * document matches, how many of the query's phrases it holds, then the score. Imports only
 * other `search-*` modules: it ships to the browser.
 */
import { detailsField, fieldNames, type SearchField } from './search-format.js';
import type { TermSource } from './search-source.js';
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
}

/** One scored part of a query: a word, or a pair of adjacent words (a phrase). */
interface Unit {
  /** The query words it covers (one, or two for a pair). */
  covers: number[];
  soft: boolean;
  alternatives: Alternative[];
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
export function parseQuery(query: string): QueryWord[] {
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
  constructor(
    private readonly synonyms: SynonymTable,
  ) {}

  /** The alternatives of a query: read from `source`, typos corrected by `fuzzy`. */
  expand(query: string, source: TermSource, fuzzy: Fuzzy): { words: QueryWord[]; units: Unit[] } {
    const queryWords = parseQuery(query);
    const units: Unit[] = [];
    queryWords.forEach((entry, i) => {
      units.push({ covers: [i], soft: entry.soft, alternatives: this.expandWord(entry, source, fuzzy) });
    });
    for (let i = 0; i + 1 < queryWords.length; i++) {
      const first = queryWords[i]!;
      const second = queryWords[i + 1]!;
      if (first.soft || second.soft) continue;
      const alternatives = this.expandPair(first.word, second.word, second.prefix, source);
      if (alternatives.length > 0) units.push({ covers: [i, i + 1], soft: false, alternatives });
    }
    return { words: queryWords, units };
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

  private expandWord({ word, prefix }: QueryWord, source: TermSource, fuzzy: Fuzzy): Alternative[] {
    const weights = new Map<string, Alternative>();
    const add = (alternative: Alternative) => {
      const id = alternative.terms.join(',');
      const known = weights.get(id);
      if (!known || known.weight < alternative.weight) weights.set(id, alternative);
    };
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
      for (const term of completions) add({ terms: [term], weight: 0.6 + (0.3 * word.length) / source.term(term).length });
    }
    for (const keys of this.synonyms.alternatives(key)) this.synonymAlternatives(keys, source, synonymWeight, add);
    // A compound typed as one word (`rollback`, `failover`) also matches it written as two.
    if (!prefix && word.length >= 6 && !/\d/.test(word)) {
      for (let cut = 3; cut <= word.length - 3; cut++) {
        const term = source.find(pairKey(word.slice(0, cut), word.slice(cut)));
        if (term >= 0) add({ terms: [term], weight: formWeight });
      }
    }
    if (weights.size === 0 && word.length >= minFuzzyLength && !/\d/.test(word)) {
      const found = fuzzy(word, prefix);
      // Only the closest: a one-letter typo should not also pull in words two letters away.
      const closest = found[0];
      const near = closest
        ? found
            .filter((candidate) => candidate.edits === closest.edits && candidate.prefix === closest.prefix)
            .map((candidate) => ({ candidate, term: source.find(candidate.word) }))
            .filter(({ term }) => term >= 0)
            .sort((a, b) => source.size(b.term) - source.size(a.term) || a.term - b.term)
            .slice(0, maxFuzzyExpansions)
        : [];
      for (const { candidate, term } of near) {
        const weight = fuzzyWeight * (1 - candidate.score) * (candidate.prefix ? 0.8 : 1);
        add({ terms: [term], weight });
        for (const form of this.forms(stem(candidate.word), source)) add({ terms: [form], weight: weight * formWeight });
      }
    }
    return [...weights.values()].sort((a, b) => b.weight - a.weight || source.size(b.terms[0]!) - source.size(a.terms[0]!) || a.terms[0]! - b.terms[0]!);
  }

  private expandPair(first: string, second: string, prefix: boolean, source: TermSource): Alternative[] {
    const found = new Map<string, Alternative>();
    const add = (alternative: Alternative) => {
      const id = alternative.terms.join(',');
      const known = found.get(id);
      if (!known || known.weight < alternative.weight) found.set(id, alternative);
    };
    const key = pairKey(first, second);
    const exact = source.find(key);
    if (exact >= 0) add({ terms: [exact], weight: 1 });
    if (prefix) {
      const completions = source
        .startingWith(`${stem(first)} ${second}`, maxScan)
        .filter((term) => term !== exact)
        .sort((a, b) => source.size(b) - source.size(a) || a - b)
        .slice(0, maxPrefixExpansions);
      for (const term of completions) add({ terms: [term], weight: 0.8 });
    } else {
      // `roll back` also finds `rollback`, `fail over` finds `failover`.
      for (const joined of new Set([first + second, stem(first) + second])) {
        for (const term of this.forms(stem(joined), source)) add({ terms: [term], weight: formWeight });
      }
    }
    for (const keys of this.synonyms.alternatives(key)) this.synonymAlternatives(keys, source, synonymWeight, add);
    return [...found.values()].sort((a, b) => b.weight - a.weight || a.terms[0]! - b.terms[0]!);
  }

  /** Scores and orders the documents `units` match; returns `limit` hits from `offset`. */
  rank(expanded: { words: QueryWord[]; units: Unit[] }, source: TermSource, limit: number, offset: number): Ranking {
    const { words: queryWords, units } = expanded;
    const docCount = source.docCount;
    const hardCount = queryWords.filter((word) => !word.soft).length;
    if (hardCount === 0 || docCount === 0 || limit <= 0) return { total: 0, hits: [] };
    const idf = (term: number) => {
      const df = source.postings(term).documentFrequency;
      return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
    };
    const total = new Map<number, number>();
    const mask = new Map<number, number>();
    const phrases = new Map<number, number>();
    const hardMask = queryWords.reduce((bits, word, i) => (word.soft ? bits : bits | (1 << i)), 0);

    for (const unit of units) {
      const first = unit.alternatives[0];
      if (!first) continue;
      // All alternatives stand for one query word: none may count as rarer than the main one.
      const mainIdf = Math.min(...first.terms.map(idf));
      const best = new Map<number, number>();
      for (const { terms, weight } of unit.alternatives) {
        const factor = weight * (unit.soft ? softWeight : 1);
        let scores: Map<number, number> | undefined;
        for (const term of terms) {
          const termFactor = factor * Math.min(idf(term), mainIdf);
          const { docs, weights } = source.postings(term);
          const these = new Map<number, number>();
          let j = 0;
          while (j < docs.length) {
            const doc = docs[j]!;
            let frequency = 0;
            do frequency += weights[j++]!;
            while (j < docs.length && docs[j] === doc);
            if (scores && !scores.has(doc)) continue;
            const score = (termFactor * frequency * (k1 + 1)) / (k1 + frequency);
            these.set(doc, scores ? Math.min(score, scores.get(doc)!) : score);
          }
          scores = these;
        }
        for (const [doc, score] of scores ?? []) if (score > (best.get(doc) ?? 0)) best.set(doc, score);
      }
      let bits = 0;
      if (!unit.soft) for (const word of unit.covers) bits |= 1 << word;
      for (const [doc, score] of best) {
        total.set(doc, (total.get(doc) ?? 0) + score);
        mask.set(doc, (mask.get(doc) ?? 0) | bits);
        if (unit.covers.length > 1) phrases.set(doc, (phrases.get(doc) ?? 0) + 1);
      }
    }

    const candidates: Array<{ doc: number; covered: number; phrases: number; total: number }> = [];
    for (const [doc, bits] of mask) {
      const covered = popcount(bits & hardMask);
      if (covered > 0) candidates.push({ doc, covered, phrases: phrases.get(doc) ?? 0, total: total.get(doc) ?? 0 });
    }
    candidates.sort((a, b) => b.covered - a.covered || b.phrases - a.phrases || b.total - a.total || a.doc - b.doc);
    // Scores: the number of words matched, then within it phrases and BM25F relative to the best of the same level.
    const maxPhrases = new Map<number, number>();
    const maxTotal = new Map<string, number>();
    for (const candidate of candidates) {
      maxPhrases.set(candidate.covered, Math.max(maxPhrases.get(candidate.covered) ?? 0, candidate.phrases));
      const level = `${candidate.covered}/${candidate.phrases}`;
      maxTotal.set(level, Math.max(maxTotal.get(level) ?? 0, candidate.total));
    }
    const hits = candidates.slice(offset, offset + limit).map(({ doc, covered, phrases: count, total: sum }): RankedDoc => {
      const top = maxTotal.get(`${covered}/${count}`) ?? 0;
      const relative = (count + (top > 0 ? sum / top : 1)) / ((maxPhrases.get(covered) ?? 0) + 1);
      return {
        doc,
        score: Math.min(1, Math.max(0, (covered - 1 + relative) / hardCount)),
        matches: matchesOf(doc, units, source),
      };
    });
    return { total: candidates.length, hits };
  }
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
