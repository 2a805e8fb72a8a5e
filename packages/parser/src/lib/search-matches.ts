/**
 * Which fields of a hit matched which words, as the corpus writes them (`matches` of a search
 * hit). Imports only other `search-*` modules: it ships to the browser.
 */
import type { Unit } from './search-expand.js';
import { detailsField, fieldNames, type SearchField } from './search-format.js';
import { lowerBound, type TermSource } from './search-source.js';

export type FieldMatches = Array<{ field: SearchField; terms: string[] }>;

/** Which fields of `doc` matched which words of `units` (as the corpus writes them). */
export function matchesOf(doc: number, units: readonly Unit[], source: TermSource): FieldMatches {
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
  const matches: FieldMatches = [];
  fieldNames.forEach((field, i) => {
    const list = fieldTerms[i];
    if (list) matches.push({ field, terms: list });
  });
  return matches;
}

/** The fields of `doc` that hold `term` (its posting list's documents ascend). */
function fieldsOf(source: TermSource, doc: number, term: number): number[] {
  const { docs, fields } = source.postings(term);
  const out: number[] = [];
  for (let j = lowerBound(docs, doc); j < docs.length && docs[j] === doc; j++) out.push(fields[j]!);
  return out;
}
