/**
 * Caps on how many values one file may give a list that becomes pages, facets and index
 * entries (`categories`, `services`, `tags`). Without them one 17 KB file with 3,000 categories
 * made every corpus index and the site's JSON grow with it; real postmortems give at most a
 * handful. Values past the cap are not used, and never silently: a positioned `too-many-values`
 * error says how many were left out, and they are kept in `extra` as `ignored:<key>`.
 */
import type { DiagnosticSink } from './diagnostics.js';

/** At most this many values per file, per list. */
export const maxValuesPerFile = { categories: 20, services: 100, tags: 100 } as const;

export type CappedKey = keyof typeof maxValuesPerFile;

/**
 * The first `maxValuesPerFile[key]` of `values`. Beyond the cap, a `too-many-values` error at
 * `position` (the key as written: `services` or an alias such as `product`), and the rest
 * kept in `extra` under `ignored:<key>`.
 */
export function capValues(
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
  Object.defineProperty(extra, `ignored:${key}`, { value: values.slice(cap), enumerable: true, writable: true, configurable: true });
  return values.slice(0, cap);
}
