/**
 * Scoring a query's units with BM25F over the index's precomputed posting weights: per document,
 * the sum over units of each unit's best alternative, which query words it matched (as typed or
 * only by a typo correction), which of them its organization holds (the company facet) and how
 * many phrases it holds. Imports only other `search-*` modules: it ships to the browser.
 */
import type { Alternative } from './search-alternatives.js';
import type { Unit } from './search-expand.js';
import { organizationField } from './search-format.js';
import type { TermSource } from './search-source.js';

const k1 = 1.2;
/** Weight of a term that only a stopword or single letter typed last contributes (search as you type). */
const softWeight = 0.3;

/** Per-document tallies of one query, indexed by document; all zeros between queries. */
export interface DocTallies {
  total: Float64Array;
  /** Query words matched (bit i for word i). */
  mask: Int32Array;
  /** Query words found in the document's organization. */
  organization: Int32Array;
  /** Query words matched as typed (not only by a typo correction). */
  typed: Int32Array;
  phrases: Uint8Array;
  /** The documents touched, in `touched[0 .. count)`; `seen` marks them. */
  seen: Uint8Array;
  touched: Int32Array;
  /** Within one unit: its best score per document, whether the organization holds it, the documents offered one. */
  best: Float64Array;
  inOrganization: Uint8Array;
  bestTouched: Int32Array;
}

export function docTallies(docCount: number): DocTallies {
  return {
    total: new Float64Array(docCount),
    mask: new Int32Array(docCount),
    organization: new Int32Array(docCount),
    typed: new Int32Array(docCount),
    phrases: new Uint8Array(docCount),
    seen: new Uint8Array(docCount),
    touched: new Int32Array(docCount),
    best: new Float64Array(docCount),
    inOrganization: new Uint8Array(docCount),
    bestTouched: new Int32Array(docCount),
  };
}

/** Adds every unit's scores into `tallies`; returns how many documents it touched (listed in `tallies.touched`). */
export function scoreUnits(units: readonly Unit[], source: TermSource, tallies: DocTallies): number {
  const { total, best, mask, organization, inOrganization, typed, phrases, seen, touched, bestTouched } = tallies;
  const docCount = source.docCount;
  const idf = (term: number) => {
    const df = source.postings(term).documentFrequency;
    return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
  };
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
  return touchedCount;
}

/** Sets the tallies of the first `touchedCount` touched documents back to zero. */
export function clearTallies(tallies: DocTallies, touchedCount: number): void {
  const { total, mask, organization, typed, phrases, seen, touched } = tallies;
  for (let i = 0; i < touchedCount; i++) {
    const doc = touched[i]!;
    total[doc] = 0;
    mask[doc] = 0;
    organization[doc] = 0;
    typed[doc] = 0;
    phrases[doc] = 0;
    seen[doc] = 0;
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
