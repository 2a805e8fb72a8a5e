/**
 * Query expansion: each query word stands for itself, its other forms, synonyms, the last word's
 * completions and, for a word the vocabulary does not know, a typo's nearest terms; each adjacent
 * pair of words for the phrase, the compound (`rollback` for `roll back`) and synonyms of the
 * phrase. Imports only other `search-*` modules: it ships to the browser.
 */
import { alternativeSet, formWeight, maxScan, sortAlternatives, termForms, type Alternative } from './search-alternatives.js';
import { parseQuery, type QueryWord } from './search-query.js';
import type { TermSource } from './search-source.js';
import type { SynonymTable } from './search-synonyms.js';
import { pairKey, stem } from './search-text.js';
import { correctable, correctTypo, type Fuzzy } from './search-typos.js';

/** Expansions of a prefix (most frequent first). */
const maxPrefixExpansions = 24;
const synonymWeight = 0.8;

/** One scored part of a query: a word, or a pair of adjacent words (a phrase). */
export interface Unit {
  /** The query words it covers (one, or two for a pair). */
  covers: number[];
  soft: boolean;
  alternatives: Alternative[];
  /** The alternatives are typo corrections of a word the vocabulary does not know. */
  corrected?: boolean;
}

/** A query read into units; `strict` when a word matched nothing at all (see `expandQuery`). */
export interface Expansion {
  words: QueryWord[];
  units: Unit[];
  strict: boolean;
}

/**
 * The alternatives of a query: read from `source`, typos corrected by `fuzzy`. `strict` when a
 * word of a query of several matches nothing, not even as a typo: the query is about something
 * the knowledge base does not hold, so a correction of another word (`mainframe cobol`: `cool`)
 * is a guess on top of a miss, and only documents matching a word as typed are hits.
 */
export function expandQuery(query: string, source: TermSource, fuzzy: Fuzzy, synonyms: SynonymTable): Expansion {
  const queryWords = parseQuery(query);
  const units: Unit[] = queryWords.map((entry, i) => ({ covers: [i], soft: entry.soft, alternatives: expandWord(entry, source, synonyms) }));
  const pairs: Unit[] = [];
  for (let i = 0; i + 1 < queryWords.length; i++) {
    const first = queryWords[i]!;
    const second = queryWords[i + 1]!;
    if (first.soft || second.soft) continue;
    const alternatives = expandPair(first.word, second.word, second.prefix, source, synonyms);
    if (alternatives.length > 0) pairs.push({ covers: [i, i + 1], soft: false, alternatives });
  }
  // Typos last: a word the vocabulary does not know is corrected towards the words around it,
  // unless a phrase it is part of is known (`split brain`: a synonym, `brain` is no typo of `drain`).
  queryWords.forEach((entry, i) => {
    const unit = units[i]!;
    if (unit.alternatives.length > 0 || !correctable(entry.word) || pairs.some((pair) => pair.covers.includes(i))) return;
    const others = units.filter((other) => other !== unit && !other.soft && other.alternatives.length > 0);
    unit.alternatives = correctTypo(
      entry,
      source,
      fuzzy,
      others.map((other) => other.alternatives),
    );
    unit.corrected = true;
  });
  const unmatched = queryWords.some((entry, i) => !entry.soft && units[i]!.alternatives.length === 0 && !pairs.some((pair) => pair.covers.includes(i)));
  const strict = unmatched && queryWords.filter((entry) => !entry.soft).length > 1;
  return { words: queryWords, units: [...units, ...pairs], strict };
}

/** The alternatives a synonym expression (one stem, or pair keys) stands for. */
function synonymAlternatives(keys: readonly string[], source: TermSource, weight: number, add: (alternative: Alternative) => void): void {
  if (keys.length === 1 && !keys[0]!.includes(' ')) {
    for (const term of termForms(keys[0]!, source)) add({ terms: [term], weight });
    return;
  }
  const terms = keys.map((key) => source.find(key));
  if (terms.every((term) => term >= 0)) add({ terms, weight });
}

/** A word's exact term, other forms, completions, synonyms and split compound; no typo correction. */
function expandWord({ word, prefix }: QueryWord, source: TermSource, synonyms: SynonymTable): Alternative[] {
  const { add, found: weights } = alternativeSet();
  const exact = source.find(word);
  if (exact >= 0) add({ terms: [exact], weight: 1 });
  const key = stem(word);
  for (const term of termForms(key, source)) add({ terms: [term], weight: formWeight });
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
  for (const keys of synonyms.alternatives(key)) synonymAlternatives(keys, source, synonymWeight, add);
  // A compound typed as one word (`rollback`, `failover`) also matches it written as two.
  if (!prefix && word.length >= 6 && !/\d/.test(word)) {
    for (let cut = 3; cut <= word.length - 3; cut++) {
      const term = source.find(pairKey(word.slice(0, cut), word.slice(cut)));
      if (term >= 0) add({ terms: [term], weight: formWeight });
    }
  }
  return sortAlternatives(weights, source);
}

function expandPair(first: string, second: string, prefix: boolean, source: TermSource, synonyms: SynonymTable): Alternative[] {
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
      for (const term of termForms(stem(joined), source)) add({ terms: [term], weight: formWeight });
    }
  }
  for (const keys of synonyms.alternatives(key)) synonymAlternatives(keys, source, synonymWeight, add);
  return [...found.values()].sort((a, b) => b.weight - a.weight || a.terms[0]! - b.terms[0]!);
}
