/**
 * The taxonomy (`taxonomy.yaml`): root-cause categories and trigger categories, each with
 * an id, label, description and synonyms. Postmortems' `categories` and `trigger` are
 * checked against it; an unknown id gets the closest known one as a suggestion.
 */
import { open, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LineCounter } from 'yaml';
import { z } from 'zod';
import { DiagnosticSink } from './diagnostics.js';
import type { Diagnostic } from './schema.js';
import { parseYamlDocument, type YamlLimits } from './yaml-document.js';

export { categoriesMentioned, suggestCategory, suggestTrigger } from './taxonomy-match.js';

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
export const taxonomySchema = z.object({
  /** Root causes: why the incident happened (frontmatter `categories`). */
  categories: z.array(taxonomyCategorySchema),
  /** Triggers: what set the incident off (frontmatter `trigger`), kept apart from causes. */
  triggers: z.array(taxonomyCategorySchema).default([]),
});
export type TaxonomyCategory = z.infer<typeof taxonomyCategorySchema>;
export type Taxonomy = z.infer<typeof taxonomySchema>;

export const taxonomyFileName = 'taxonomy.yaml';
/** A taxonomy of a thousand richly described categories is about 300 KB. */
export const maxTaxonomyBytes = 1_000_000;
/** Keys, items and values, and nesting: the taxonomy is a list of flat records. */
export const taxonomyYamlLimits: YamlLimits = { maxDepth: 16, maxNodes: 50_000 };

/** Parses taxonomy YAML. Problems are diagnostics; an unreadable file gives an empty taxonomy. */
export function parseTaxonomy(source: string, path: string | null = null): { taxonomy: Taxonomy; diagnostics: Diagnostic[] } {
  const sink = new DiagnosticSink(path);
  if (source.length > maxTaxonomyBytes) {
    // Characters, not bytes, here: a string's UTF-8 size is at least its length, so the cap holds.
    const [line, column] = positionOfOffset(source, maxTaxonomyBytes);
    sink.report('taxonomy-yaml', `Unexpected taxonomy of ${source.length} characters, expected at most ${maxTaxonomyBytes} bytes; the taxonomy is not read`, {
      line,
      column,
    });
    return { taxonomy: { categories: [], triggers: [] }, diagnostics: sink.diagnostics };
  }
  const lineCounter = new LineCounter();
  const { document, problems } = parseYamlDocument(source, taxonomyYamlLimits, lineCounter);
  for (const problem of problems) {
    const { line, col } = lineCounter.linePos(problem.offset);
    sink.report('taxonomy-yaml', problem.message, { line, column: col });
  }
  if (document === null || problems.length > 0) return { taxonomy: { categories: [], triggers: [] }, diagnostics: sink.diagnostics };
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 50 });
  } catch (error) {
    sink.report('taxonomy-yaml', `Unexpected YAML aliases: ${String(error)}`);
    return { taxonomy: { categories: [], triggers: [] }, diagnostics: sink.diagnostics };
  }
  /** Line and column of the node at `path`, or of its nearest ancestor that exists. */
  const positionOf = (path: ReadonlyArray<string | number>): { line: number; column: number } => {
    for (let length = path.length; length > 0; length--) {
      const node: unknown = document.getIn(path.slice(0, length), true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) {
        const { line, col } = lineCounter.linePos(range[0]);
        return { line, column: col };
      }
    }
    return { line: 1, column: 1 };
  };
  const result = taxonomySchema.safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      sink.report(
        'taxonomy-schema',
        `Unexpected value at \`${issue.path.join('.')}\`: ${issue.message}; expected { id, label, description, synonyms }`,
        positionOf(issue.path),
      );
    }
    return { taxonomy: { categories: [], triggers: [] }, diagnostics: sink.diagnostics };
  }
  for (const list of ['categories', 'triggers'] as const) {
    const seen = new Set<string>();
    for (const [index, category] of result.data[list].entries()) {
      if (seen.has(category.id)) {
        sink.report(
          'taxonomy-duplicate-id',
          `Unexpected duplicate ${list === 'categories' ? 'category' : 'trigger'} id \`${category.id}\`, expected each id once`,
          positionOf([list, index, 'id']),
        );
      }
      seen.add(category.id);
    }
  }
  return { taxonomy: result.data, diagnostics: sink.diagnostics };
}

/** A taxonomy file as read: the file, its text, the taxonomy and its own diagnostics (invalid YAML, a duplicate id). */
export interface TaxonomyFile {
  /** The file read, as given. */
  path: string;
  /** Its text ('' when it was over `maxTaxonomyBytes` and not read). */
  text: string;
  taxonomy: Taxonomy;
  /** Positioned in the file, named `displayPath`. */
  diagnostics: Diagnostic[];
}

/**
 * Reads and parses a taxonomy file, with its diagnostics (`displayPath` names it in them): the
 * one reader of `taxonomy.yaml` for the CLI, the site's loader and its pages. A file over
 * `maxTaxonomyBytes` is not read: its size is checked first. Throws only when the file
 * cannot be read.
 */
export async function readTaxonomyFile(path: string, displayPath: string = path): Promise<TaxonomyFile> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxTaxonomyBytes) {
      const sink = new DiagnosticSink(displayPath);
      sink.report('taxonomy-yaml', `Unexpected taxonomy of ${size} bytes, expected at most ${maxTaxonomyBytes}; the taxonomy is not read`);
      return { path, text: '', taxonomy: { categories: [], triggers: [] }, diagnostics: sink.diagnostics };
    }
    // Read through the handle that was measured, and at most one byte past the cap (a file that grows meanwhile is caught by the length check).
    const buffer = Buffer.alloc(maxTaxonomyBytes + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read)
      read = (await handle.read(buffer, length, buffer.length - length, length)).bytesRead;
    const text = buffer.subarray(0, length).toString('utf8');
    return { path, text, ...memoisedParse(text, displayPath) };
  } finally {
    await handle.close();
  }
}

/** The default taxonomy: `taxonomy.yaml` in the first of `paths` (a directory, or a file's directory) that has one, else null. */
export async function findTaxonomyFile(paths: readonly string[]): Promise<string | null> {
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    const candidate = join(info?.isFile() ? dirname(path) : path, taxonomyFileName);
    if (
      await stat(candidate).then(
        (found) => found.isFile(),
        () => false,
      )
    )
      return candidate;
  }
  return null;
}

/** Reads and parses a taxonomy file. Throws only when the file cannot be read. */
export async function loadTaxonomy(path: string): Promise<Taxonomy> {
  return (await readTaxonomyFile(path)).taxonomy;
}

// A site build reads the same taxonomy in the content loader and again in its pages: the
// last result is kept (by its exact text) so it is parsed once. Callers get copies.
let lastParse: { source: string; result: ReturnType<typeof parseTaxonomy> } | null = null;

function memoisedParse(source: string, path: string): ReturnType<typeof parseTaxonomy> {
  if (lastParse === null || lastParse.source !== source) lastParse = { source, result: parseTaxonomy(source, path) };
  const { taxonomy, diagnostics } = structuredClone(lastParse.result);
  return { taxonomy, diagnostics: diagnostics.map((diagnostic) => ({ ...diagnostic, path })) };
}

function positionOfOffset(text: string, offset: number): [number, number] {
  let line = 1;
  let start = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    start = index + 1;
  }
  return [line, offset - start + 1];
}
