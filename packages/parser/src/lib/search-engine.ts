/**
 * The query engine: reads a query into words and expands them into the terms they stand for
 * (`search-expand.ts`, with typo correction in `search-typos.ts`), then scores documents with
 * BM25F over those terms (`search-score.ts`) and ranks them (`search-rank.ts`). Imports only
 * other `search-*` modules: it ships to the browser.
 */
import { expandQuery, type Expansion } from './search-expand.js';
import { Ranker, type Ranking } from './search-rank.js';
import type { TermSource } from './search-source.js';
import type { SynonymTable } from './search-synonyms.js';
import type { Fuzzy } from './search-typos.js';

export class QueryEngine {
  private readonly ranker = new Ranker();

  constructor(private readonly synonyms: SynonymTable) {}

  /** The alternatives of a query (see `expandQuery`). */
  expand(query: string, source: TermSource, fuzzy: Fuzzy): Expansion {
    return expandQuery(query, source, fuzzy, this.synonyms);
  }

  /** Scores and orders the documents `expanded` matches; returns `limit` hits from `offset`. */
  rank(expanded: Expansion, source: TermSource, limit: number, offset: number): Ranking {
    return this.ranker.rank(expanded, source, limit, offset);
  }
}
