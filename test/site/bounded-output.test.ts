/**
 * Issue 18, item 2: one 17 KB postmortem with `categories: [c0 … c2999]` and
 * `date: 9999-12-31` ended the site build after 49 s at 2.7 GB ("Invalid string length" in
 * `api/root-causes.json`). Built here beside an ordinary incident, over a taxonomy that knows
 * more categories than the cap (unknown ones get no page at all): the build succeeds, the
 * file's problems are on /problems/, and no output grows with the file's values.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusStats, loadPostmortems } from '@postmortem-kb/parser';
import { maxValuesPerFile } from '../../packages/parser/src/lib/value-caps.js';
import { buildSite } from './_build.js';

const many = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}${index}`);
const categoryIds = many('c', 3000);
/** The taxonomy (trusted configuration) knows more than the cap of them. */
const known = many('c', 50);

let work: string;
let corpus: string;
let outDir: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pm-bounded-'));
  corpus = join(work, 'postmortems');
  outDir = join(work, 'dist');
  await mkdir(corpus);
  await writeFile(
    join(corpus, 'taxonomy.yaml'),
    `categories:\n${known.map((id) => `  - { id: ${id}, label: ${id.toUpperCase()}, description: Category ${id}., synonyms: [] }\n`).join('')}`,
  );
  await writeFile(
    join(corpus, '2024-01-01-ordinary.md'),
    '---\ntitle: Ordinary incident\ndate: 2024-01-01\ncategories: [c1]\nservices: [api]\n---\n\n## Summary\n\nAn ordinary incident.\n',
  );
  await writeFile(
    join(corpus, '2024-02-01-hostile.md'),
    `---\ntitle: Three thousand categories\ndate: 9999-12-31\ncategories: [${categoryIds.join(', ')}]\nservices: [${many('s', 500).join(', ')}]\ntags: [${many('t', 500).join(', ')}]\n---\n\n## Summary\n\nEvery category at once.\n`,
  );
  await buildSite(corpus, outDir, join(work, 'cache'));
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const folders = async (path: string) =>
  (await readdir(join(outDir, path), { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

describe('a site build over a 3,000-category, year-9999 postmortem', () => {
  it('lists the incident under its first 20 categories only, and gives pages to its first 100 services only', async () => {
    expect(await folders('root-causes')).toEqual([...known].sort());
    const listed = async (id: string) => (await readFile(join(outDir, 'root-causes', id, 'index.html'), 'utf8')).includes('/incidents/2024-02-01-hostile/');
    expect(await Promise.all(known.map(listed))).toEqual(known.map((_, index) => index < maxValuesPerFile.categories));
    // The ordinary incident's `api` is the one more.
    expect(await folders('services')).toHaveLength(maxValuesPerFile.services + 1);
  });

  it('has no year page and no per-year entry beyond the corpus years in range', async () => {
    expect(await folders('years')).toEqual(['2024']);
    const rootCauses = JSON.parse(await readFile(join(outDir, 'api/root-causes.json'), 'utf8')) as Array<{ id: string; perYear: Array<{ year: number }> }>;
    expect(rootCauses).toHaveLength(known.length);
    expect(new Set(rootCauses.flatMap((entry) => entry.perYear.map(({ year }) => year)))).toEqual(new Set([2024]));
  });

  it('counts co-categories among the capped categories only', async () => {
    const rootCauses = JSON.parse(await readFile(join(outDir, 'api/root-causes.json'), 'utf8')) as Array<{ id: string; coCategories: Array<{ id: string }> }>;
    const pairs = rootCauses.flatMap((entry) => entry.coCategories.map((other) => `${entry.id}+${other.id}`));
    expect(pairs).toHaveLength(maxValuesPerFile.categories * (maxValuesPerFile.categories - 1));
    expect(pairs.every((pair) => pair.split('+').every((id) => Number(id.slice(1)) < maxValuesPerFile.categories))).toBe(true);
  });

  it('lists the capped lists and the out-of-range year on /problems/', async () => {
    const problems = (await readFile(join(outDir, 'problems/index.html'), 'utf8')).replace(/<[^>]+>/g, '');
    expect(problems).toContain('Unexpected 3000 values in `categories`, expected at most 20 categories; the last 2980 are ignored');
    expect(problems).toContain('Unexpected 500 values in `services`, expected at most 100 services; the last 400 are ignored');
    expect(problems).toContain('Unexpected 500 values in `tags`, expected at most 100 tags; the last 400 are ignored');
    expect(problems).toMatch(/Unexpected date 9999-12-31 after \d{4}, expected a year from 1000 to \d{4}/);
  });

  it('gives the CLI the same bounded statistics', async () => {
    const stats = corpusStats(await loadPostmortems(corpus));
    expect(stats.byYear).toEqual({ 2024: 1 });
    expect(Object.keys(stats.byCategory)).toHaveLength(maxValuesPerFile.categories);
    expect(Object.keys(stats.byService)).toHaveLength(maxValuesPerFile.services + 1);
  });
});
