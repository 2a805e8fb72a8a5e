/**
 * The root-cause taxonomy (`taxonomy.yaml`): category ids, labels, descriptions and
 * synonyms. Postmortems' `categories` are checked against it; an unknown id gets the
 * closest known one as a suggestion.
 */
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { DiagnosticSink } from './diagnostics.js';
import type { Diagnostic } from './schema.js';

export const taxonomyCategorySchema = z.object({
  /** Stable kebab-case id used in frontmatter `categories`. */
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  /** Human-readable name. */
  label: z.string(),
  /** One sentence. */
  description: z.string().default(''),
  /** Other words authors use for it; used for suggestions and root-cause matching. */
  synonyms: z.array(z.string()).default([]),
});
export const taxonomySchema = z.object({ categories: z.array(taxonomyCategorySchema) });
export type TaxonomyCategory = z.infer<typeof taxonomyCategorySchema>;
export type Taxonomy = z.infer<typeof taxonomySchema>;

export const taxonomyFileName = 'taxonomy.yaml';

/** Parses taxonomy YAML. Problems are diagnostics; an unreadable file gives an empty taxonomy. */
export function parseTaxonomy(source: string, path: string | null = null): { taxonomy: Taxonomy; diagnostics: Diagnostic[] } {
  const sink = new DiagnosticSink(path);
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, schema: 'core', merge: false, uniqueKeys: true });
  for (const error of document.errors) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    sink.report('taxonomy-yaml', 'error', `Invalid YAML: ${error.message.split('\n', 1)[0]}`, line, col);
  }
  if (document.errors.length > 0) return { taxonomy: { categories: [] }, diagnostics: sink.diagnostics };
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 50 });
  } catch (error) {
    sink.report('taxonomy-yaml', 'error', `Unexpected YAML aliases: ${String(error)}`, 1, 1);
    return { taxonomy: { categories: [] }, diagnostics: sink.diagnostics };
  }
  /** Line and column of the node at `path`, or of its nearest ancestor that exists. */
  const positionOf = (path: ReadonlyArray<string | number>): [number, number] => {
    for (let length = path.length; length > 0; length--) {
      const node: unknown = document.getIn(path.slice(0, length), true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) {
        const { line, col } = lineCounter.linePos(range[0]);
        return [line, col];
      }
    }
    return [1, 1];
  };
  const result = taxonomySchema.safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      sink.report('taxonomy-schema', 'error', `Unexpected value at \`${issue.path.join('.')}\`: ${issue.message}; expected { id, label, description, synonyms }`, ...positionOf(issue.path));
    }
    return { taxonomy: { categories: [] }, diagnostics: sink.diagnostics };
  }
  const seen = new Set<string>();
  for (const [index, category] of result.data.categories.entries()) {
    if (seen.has(category.id)) {
      sink.report('taxonomy-duplicate-id', 'error', `Unexpected duplicate category id \`${category.id}\`, expected each id once`, ...positionOf(['categories', index, 'id']));
    }
    seen.add(category.id);
  }
  return { taxonomy: result.data, diagnostics: sink.diagnostics };
}

/** Reads and parses a taxonomy file. Throws only when the file cannot be read. */
export async function loadTaxonomy(path: string): Promise<Taxonomy> {
  const { taxonomy } = parseTaxonomy(await readFile(path, 'utf8'), path);
  return taxonomy;
}

/** The known category closest to `id` (by id, label or synonym), or null when nothing is close. */
export function suggestCategory(id: string, taxonomy: Taxonomy): string | null {
  const wanted = normalise(id);
  let best: { id: string; distance: number } | null = null;
  for (const category of taxonomy.categories) {
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
    .filter((category) => [category.id, category.label, ...category.synonyms].some((name) => {
      const needle = normalise(name);
      return needle !== '' && haystack.includes(` ${needle} `);
    }))
    .map((category) => category.id);
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
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
