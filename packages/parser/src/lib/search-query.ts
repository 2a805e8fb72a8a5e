/**
 * Reading a search query into the words the engine expands: distinct words, at most
 * `maxQueryTerms`, the last one read as a prefix (search as you type). No imports but
 * `./search-text.js`: this module ships to the browser.
 */
import { isIndexable, words } from './search-text.js';

/** Queries are cut to this many characters. */
export const maxQueryLength = 200;

/** Distinct query terms used; the rest of a long query is ignored. */
const maxQueryTerms = 10;

export interface QueryWord {
  word: string;
  prefix: boolean;
  soft: boolean;
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
