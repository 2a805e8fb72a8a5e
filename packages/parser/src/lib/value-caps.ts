/**
 * The lists that become pages, facets and index entries (`categories`, `services`, `tags`),
 * read with caps on how many values one file may give them. Without them one 17 KB file with 3,000 categories
 * made every corpus index and the site's JSON grow with it; real postmortems give at most a
 * handful. Values past the cap are not used, and never silently: a positioned `too-many-values`
 * error says how many were left out, and they are kept in `extra` as `ignored:<key>`.
 */
import type { DiagnosticSink } from './diagnostics.js';
import { defineOwn, keyPosition, keysGiven, type FrontmatterResult } from './frontmatter.js';
import { toList, type BodyMetadata } from './metadata.js';
import type { Frontmatter, Postmortem } from './schema.js';

/** At most this many values per file, per list. */
export const maxValuesPerFile = { categories: 20, services: 100, tags: 100 } as const;

export type CappedKey = keyof typeof maxValuesPerFile;

/**
 * The first `maxValuesPerFile[key]` of `values`. Beyond the cap, a `too-many-values` error at
 * `position` (the key as written: `services` or an alias such as `product`), and the rest
 * kept in `extra` under `ignored:<key>`.
 */
function capValues(
  key: CappedKey,
  values: string[],
  written: string,
  position: { line: number; column: number },
  sink: DiagnosticSink,
  extra: Record<string, unknown>,
): string[] {
  const cap = maxValuesPerFile[key];
  if (values.length <= cap) return values;
  const dropped = values.length - cap;
  sink.report(
    'too-many-values',
    `Unexpected ${values.length} values in \`${written}\`, expected at most ${cap} ${key}; the last ${dropped} are ignored (kept in \`extra\` as \`ignored:${key}\`)`,
    position,
  );
  defineOwn(extra, `ignored:${key}`, values.slice(cap));
  return values.slice(0, cap);
}

/** `categories`, `services` (or a `Services:` line) and `tags`, each capped. */
export function readListFields(frontmatter: FrontmatterResult, body: BodyMetadata, sink: DiagnosticSink): Pick<Postmortem, 'categories' | 'services' | 'tags'> {
  const fm = frontmatter.data;
  const capped = (key: CappedKey, values: string[], written: string, position: { line: number; column: number }) =>
    capValues(key, values, written, position, sink, frontmatter.extra);
  const categories = capped('categories', toList(fm.categories), 'categories', keyPosition(frontmatter, 'categories'));
  const servicesKey = keysGiven(fm, 'services')[0]?.toString();
  const servicesField =
    body.fields.get('services') ?? body.fields.get('affected services') ?? body.fields.get('systems affected') ?? body.fields.get('systems');
  const services =
    servicesKey !== undefined
      ? capped('services', mergedList(fm, 'services')!, servicesKey, keyPosition(frontmatter, servicesKey))
      : capped('services', toList(servicesField?.value), 'services', { line: servicesField?.line ?? 1, column: 1 });
  const tagsKey = keysGiven(fm, 'tags')[0]?.toString();
  const tags = tagsKey !== undefined ? capped('tags', mergedList(fm, 'tags')!, tagsKey, keyPosition(frontmatter, tagsKey)) : [];
  return { categories, services, tags };
}

/** Every value given for a list key and its aliases (`services`, `product`, `component` …), without repeats; null when none is given. */
function mergedList(fm: Frontmatter, key: 'services' | 'tags'): string[] | null {
  const keys = keysGiven(fm, key);
  if (keys.length === 0) return null;
  return [...new Set(keys.flatMap((name) => toList(fm[name] as string | string[])))];
}
