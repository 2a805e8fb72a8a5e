/**
 * Typo correction of a query word the vocabulary does not know: of the terms `fuzzy` (fuse.js,
 * see `search-fuzzy.ts`) finds near it, the closest, weighted by how close, and when too many are
 * tied, those found with the other query words. Imports only other `search-*` modules: it ships to the browser.
 */
import { alternativeSet, formWeight, sortAlternatives, termForms, type Alternative } from './search-alternatives.js';
import { popcount } from './search-bits.js';
import type { QueryWord } from './search-query.js';
import type { Postings, TermSource } from './search-source.js';
import { stem } from './search-text.js';

/** Shorter words are not corrected. */
export const minFuzzyLength = 4;
/** Expansions of a misspelling. */
const maxFuzzyExpansions = 5;
/** Weight of a misspelling's expansion that fuse.js scores 0 (identical); its score lowers it. */
const fuzzyWeight = 0.65;

/** A term a misspelled word may stand for, with fuse.js's score (0 is identical). */
export interface NearWord {
  word: string;
  score: number;
  edits: number;
  prefix: boolean;
}

export type Fuzzy = (word: string, prefix: boolean) => NearWord[];

/** Whether a word the vocabulary does not know is long enough, and not a number, to correct. */
export function correctable(word: string): boolean {
  return word.length >= minFuzzyLength && !/\d/.test(word);
}

/**
 * The vocabulary terms a misspelled word stands for: only the closest (a one-letter typo should
 * not also pull in words two letters away), and of those, when more are tied than are kept, the
 * ones whose documents hold most of the other query words (`others`: each one's alternatives;
 * `stoom certificate store` keeps the organisation `stomo` that has a certificate store over
 * commoner `storm` or `stood`), then the commonest.
 */
export function correctTypo({ word, prefix }: QueryWord, source: TermSource, fuzzy: Fuzzy, others: readonly (readonly Alternative[])[]): Alternative[] {
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
    for (const form of termForms(stem(candidate.word), source)) add({ terms: [form], weight: weight * formWeight, reading: term });
  }
  return sortAlternatives(weights, source);
}

/** Document → which of the words it matches (bit i for `words[i]`); a multi-word synonym counts by its first word. */
function wordsPerDocument(words: readonly (readonly Alternative[])[], source: TermSource): Map<number, number> {
  const byDoc = new Map<number, number>();
  words.forEach((alternatives, i) => {
    for (const { terms } of alternatives) {
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
