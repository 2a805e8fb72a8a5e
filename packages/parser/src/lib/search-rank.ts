/**
 * Ranking the documents a query's units match. In order: how many query words a document
 * matches, how many of the query's phrases it holds, how many query words its organization
 * holds (a company facet: `github` puts GitHub's incidents before others that mention GitHub),
 * then the BM25F score; each hit's 0..1 score falls in that order. Imports only other `search-*`
 * modules: it ships to the browser.
 */
import { popcount } from './search-bits.js';
import type { Expansion } from './search-expand.js';
import { matchesOf, type FieldMatches } from './search-matches.js';
import { clearTallies, docTallies, scoreUnits, type DocTallies } from './search-score.js';
import type { TermSource } from './search-source.js';

export interface RankedDoc {
  doc: number;
  score: number;
  matches: FieldMatches;
}

export interface Ranking {
  total: number;
  hits: RankedDoc[];
}

export class Ranker {
  /** Per-document work space, all zeros between queries (sized on first use). */
  private tallies?: DocTallies;
  /** Query words matched, as a count, per candidate. */
  private covered?: Uint8Array;

  /** Scores and orders the documents `expanded` matches; returns `limit` hits from `offset`. */
  rank(expanded: Expansion, source: TermSource, limit: number, offset: number): Ranking {
    const { words: queryWords, units, strict } = expanded;
    const docCount = source.docCount;
    const hardCount = queryWords.filter((word) => !word.soft).length;
    if (hardCount === 0 || docCount === 0 || limit <= 0) return { total: 0, hits: [] };
    if (this.tallies?.total.length !== docCount) {
      this.tallies = docTallies(docCount);
      this.covered = new Uint8Array(docCount);
    }
    const tallies = this.tallies;
    const covered = this.covered!;
    const { total, mask, organization, typed, phrases, touched } = tallies;
    const hardMask = queryWords.reduce((bits, word, i) => (word.soft ? bits : bits | (1 << i)), 0);
    const touchedCount = scoreUnits(units, source, tallies);

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
    for (let i = 0; i < touchedCount; i++) covered[touched[i]!] = 0;
    clearTallies(tallies, touchedCount);
    return { total: candidates.length, hits };
  }
}
