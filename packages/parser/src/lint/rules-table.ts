/**
 * The README's rules table, written from the registry's metadata (`scripts/write-rules-table.js`
 * puts it between the README's `rules-table` markers; test/docs/readme.test.ts checks it is current).
 */
import { ruleCatalogue } from './registry.js';

export const rulesTableStart = "<!-- rules-table:start (generated from each rule's meta: pnpm run docs:rules) -->";
export const rulesTableEnd = '<!-- rules-table:end -->';

/** One row per rule and fatal problem: id, default severity, what it checks. */
export function rulesTable(): string {
  const rows = ruleCatalogue.map(
    ({ meta, fatal }) => `| \`${meta.id}\` | ${meta.severity} | ${fatal ? '(fatal) ' : ''}${(meta.docs ?? meta.description).replaceAll('|', '\\|')} |`,
  );
  return ['| rule | default | checks |', '| --- | --- | --- |', ...rows].join('\n');
}

/** `readme` with the text between the markers replaced by the current table. */
export function withRulesTable(readme: string): string {
  const start = readme.indexOf(rulesTableStart);
  const end = readme.indexOf(rulesTableEnd);
  if (start === -1 || end < start) throw new Error(`expected the README to hold ${rulesTableStart} … ${rulesTableEnd}`);
  return `${readme.slice(0, start + rulesTableStart.length)}\n${rulesTable()}\n${readme.slice(end)}`;
}
