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
  const wanted = normalise(id);
  let best: { id: string; distance: number } | null = null;
  for (const category of entries) {
    for (const name of [category.id, category.label, ...category.synonyms]) {
      const candidate = normalise(name);
      const distance = candidate === wanted ? 0 : candidate.includes(wanted) || wanted.includes(candidate) ? 1 : editDistance(wanted, candidate);
      if (best === null || distance < best.distance) best = { id: category.id, distance };
    }
  }
  if (best === null) return null;
  return best.distance <= Math.max(2, Math.floor(wanted.length / 3)) ? best.id : null;
}

/** Categories whose id, label or a synonym occurs in `text` as whole words. */
export function categoriesMentioned(text: string, taxonomy: Taxonomy): string[] {
  const haystack = ` ${normalise(text)} `;
  return taxonomy.categories
    .filter((category) =>
      [category.id, category.label, ...category.synonyms].some((name) => {
        const needle = normalise(name);
        return needle !== '' && haystack.includes(` ${needle} `);
      }),
    )
    .map((category) => category.id);
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
