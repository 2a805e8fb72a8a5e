/** Matching names against the taxonomy: the closest known id for a typo, the categories a text mentions. */
import type { Taxonomy, TaxonomyCategory } from './taxonomy.js';

/** The known category closest to `id` (by id, label or synonym), or null when nothing is close. */
export function suggestCategory(id: string, taxonomy: Taxonomy): string | null {
  return closestEntry(id, taxonomy.categories);
}

/** The known trigger closest to `id` (by id, label or synonym), or null when nothing is close. */
export function suggestTrigger(id: string, taxonomy: Taxonomy): string | null {
  return closestEntry(id, taxonomy.triggers);
}

function closestEntry(id: string, entries: readonly TaxonomyCategory[]): string | null {
  const names = namesOf(entries);
  const wanted = normalise(id);
  const known = names.closest.get(wanted);
  if (known !== undefined) return known;
  let best: { id: string; distance: number } | null = null;
  for (const entry of names.entries) {
    for (const candidate of entry.names) {
      const distance = candidate === wanted ? 0 : candidate.includes(wanted) || wanted.includes(candidate) ? 1 : editDistance(wanted, candidate);
      if (best === null || distance < best.distance) best = { id: entry.id, distance };
    }
  }
  const closest = best !== null && best.distance <= Math.max(2, Math.floor(wanted.length / 3)) ? best.id : null;
  // Bounded: ids differ per corpus, not per file, but a long-lived process may see many corpora.
  if (names.closest.size >= 10_000) names.closest.clear();
  names.closest.set(wanted, closest);
  return closest;
}

/** Categories whose id, label or a synonym occurs in `text` as whole words. */
export function categoriesMentioned(text: string, taxonomy: Taxonomy): string[] {
  const haystack = ` ${normalise(text)} `;
  return namesOf(taxonomy.categories)
    .entries.filter((entry) => entry.names.some((needle) => needle !== '' && haystack.includes(` ${needle} `)))
    .map((entry) => entry.id);
}

interface NormalisedNames {
  /** Every id, label and synonym as written, in order: the cache holds while they are the same strings. */
  written: string[];
  /** Each entry's id and its names normalised (id, label, synonyms). */
  entries: Array<{ id: string; names: string[] }>;
  /** Suggestions already computed, by normalised id. */
  closest: Map<string, string | null>;
}

// Every file of a corpus is checked against the same taxonomy: its names are normalised once
// per list, and a suggestion for a typo is computed once. The cache is checked against the
// names as written on each use, so a list changed in place is normalised again.
const normalisedNames = new WeakMap<readonly TaxonomyCategory[], NormalisedNames>();

function namesOf(entries: readonly TaxonomyCategory[]): NormalisedNames {
  const cached = normalisedNames.get(entries);
  if (cached && sameNames(cached.written, entries)) return cached;
  const written: string[] = [];
  for (const entry of entries) written.push(entry.id, entry.label, ...entry.synonyms);
  const fresh: NormalisedNames = {
    written,
    entries: entries.map((entry) => ({ id: entry.id, names: [entry.id, entry.label, ...entry.synonyms].map(normalise) })),
    closest: new Map(),
  };
  normalisedNames.set(entries, fresh);
  return fresh;
}

function sameNames(written: readonly string[], entries: readonly TaxonomyCategory[]): boolean {
  let index = 0;
  for (const entry of entries) {
    if (written[index++] !== entry.id || written[index++] !== entry.label) return false;
    for (const synonym of entry.synonyms) if (written[index++] !== synonym) return false;
  }
  return index === written.length;
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Math.abs(a.length - b.length);
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
