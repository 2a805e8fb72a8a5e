/**
 * The terms a query word or pair stands for (`Alternative`s), shared by query expansion and
 * typo correction: a word's other forms in the vocabulary, and a set that keeps each
 * alternative at its highest weight. Imports only other `search-*` modules: it ships to the browser.
 */
import type { TermSource } from './search-source.js';
import { stem } from './search-text.js';

/** Terms scanned for a word's other forms or a prefix's completions. */
export const maxScan = 4000;
/** Weight of a word's other form (`certificates` for `certificate`). */
export const formWeight = 0.9;

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

/** Terms with the same stem as `word` (`certificate`, `certificates`). */
export function termForms(key: string, source: TermSource): number[] {
  const scan = key.length > 1 ? key.slice(0, -1) : key;
  return source.startingWith(scan, maxScan).filter((term) => {
    const text = source.term(term);
    return !text.includes(' ') && stem(text) === key;
  });
}

/** Alternatives keyed by their terms, each kept at its highest weight. */
export function alternativeSet(): { add: (alternative: Alternative) => void; found: Map<string, Alternative> } {
  const found = new Map<string, Alternative>();
  const add = (alternative: Alternative) => {
    const id = alternative.terms.join(',');
    const known = found.get(id);
    if (!known || known.weight < alternative.weight) found.set(id, alternative);
  };
  return { add, found };
}

/** Heaviest first, then the commonest term. */
export function sortAlternatives(found: Map<string, Alternative>, source: TermSource): Alternative[] {
  return [...found.values()].sort((a, b) => b.weight - a.weight || source.size(b.terms[0]!) - source.size(a.terms[0]!) || a.terms[0]! - b.terms[0]!);
}
