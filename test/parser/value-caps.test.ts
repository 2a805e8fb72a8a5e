/**
 * Issue 18, item 2: one 17 KB file with `categories: [c0 … c2999]` and `date: 9999-12-31`
 * crashed the site build (quadratic co-category pairs, a per-year series to 9999). Lists that
 * become pages and index entries are capped per file with a positioned error that says how
 * many values were left out (kept in `extra`), and a year outside 1000..next year is reported
 * at its key and left out of per-year series, so no corpus output grows with one file's values.
 */
import { describe, expect, it } from 'vitest';
import { corpusStats, parsePostmortem, rootCauseIndex, facets, groupBy, type Taxonomy } from '@postmortem-kb/parser';
import { maxValuesPerFile } from '../../packages/parser/src/lib/value-caps.js';

const many = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}${index}`);
const yamlList = (values: readonly string[]) => `[${values.join(', ')}]`;
const taxonomy: Taxonomy = {
  categories: [...many('c', 3000), 'dns'].map((id) => ({ id, label: id, description: id, synonyms: [] })),
  triggers: [],
};

/** The 17 KB file of the issue, with services and tags (frontmatter holds at most 10,000 YAML nodes in all). */
const hostile = [
  '---',
  'title: Hostile lists',
  'date: 9999-12-31',
  `categories: ${yamlList(many('c', 3000))}`,
  `services: ${yamlList(many('s', 800))}`,
  `keywords: ${yamlList(many('k', 800))}`,
  '---',
  '',
  '## Summary',
  '',
  'Three thousand of everything.',
  '',
].join('\n');

describe('per-file caps on categories, services and tags', () => {
  const result = parsePostmortem(hostile, { path: 'postmortems/hostile.md', taxonomy, today: '2026-06-01' });

  it('keeps the first values up to each cap', () => {
    expect(result.categories).toEqual(many('c', maxValuesPerFile.categories));
    expect(result.services).toEqual(many('s', maxValuesPerFile.services));
    expect(result.tags).toEqual(many('k', maxValuesPerFile.tags));
  });

  it('reports each capped list at its key (as written), saying how many values were left out', () => {
    expect(result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'too-many-values')).toEqual([
      {
        ruleId: 'too-many-values',
        severity: 'error',
        path: 'postmortems/hostile.md',
        line: 4,
        column: 1,
        message: 'Unexpected 3000 values in `categories`, expected at most 20 categories; the last 2980 are ignored (kept in `extra` as `ignored:categories`)',
      },
      {
        ruleId: 'too-many-values',
        severity: 'error',
        path: 'postmortems/hostile.md',
        line: 5,
        column: 1,
        message: 'Unexpected 800 values in `services`, expected at most 100 services; the last 700 are ignored (kept in `extra` as `ignored:services`)',
      },
      {
        ruleId: 'too-many-values',
        severity: 'error',
        path: 'postmortems/hostile.md',
        line: 6,
        column: 1,
        message: 'Unexpected 800 values in `keywords`, expected at most 100 tags; the last 700 are ignored (kept in `extra` as `ignored:tags`)',
      },
    ]);
  });

  it('loses nothing: the values past the cap are kept in extra', () => {
    expect(result.extra).toEqual({
      'ignored:categories': many('c', 3000).slice(20),
      'ignored:services': many('s', 800).slice(100),
      'ignored:tags': many('k', 800).slice(100),
    });
  });

  it('reports the year 9999 at the date key instead of date-in-future', () => {
    const dates = result.diagnostics.filter((diagnostic) => diagnostic.ruleId.startsWith('date-'));
    expect(dates).toEqual([
      {
        ruleId: 'date-out-of-range',
        severity: 'warning',
        path: 'postmortems/hostile.md',
        line: 3,
        column: 1,
        message: 'Unexpected date 9999-12-31 after 2027, expected a year from 1000 to 2027; the incident is left out of per-year counts and year pages',
      },
    ]);
  });

  it('caps services given as a body field too, at its line', () => {
    const body = parsePostmortem(`# Body fields\n\n**Services:** ${many('b', 150).join(', ')}\n\n## Summary\n\nx\n`, { path: 'b.md' });
    expect(body.services).toEqual(many('b', 100));
    expect(body.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'too-many-values').map((d) => [d.line, d.column, d.message])).toEqual([
      [3, 1, 'Unexpected 150 values in `services`, expected at most 100 services; the last 50 are ignored (kept in `extra` as `ignored:services`)'],
    ]);
  });

  it('leaves lists at the cap alone', () => {
    const atCap = parsePostmortem(
      `---\ntitle: At the cap\ndate: 2024-01-01\ncategories: ${yamlList(many('c', 20))}\nservices: ${yamlList(many('s', 100))}\ntags: ${yamlList(many('t', 100))}\n---\n`,
      { taxonomy },
    );
    expect([atCap.categories.length, atCap.services.length, atCap.tags.length]).toEqual([20, 100, 100]);
    expect(atCap.diagnostics.map((diagnostic) => diagnostic.ruleId)).toEqual([]);
    expect(atCap.extra).toEqual({});
  });
});

describe('corpus outputs stay bounded by the corpus, not by one file', () => {
  const dated = (year: number) =>
    parsePostmortem(`---\ntitle: Dated ${year}\ndate: ${year}-05-01\ncategories: [dns]\nservices: [api]\n---\n`, {
      path: `${year}.md`,
      taxonomy,
      today: '2026-06-01',
    });
  const corpus = [parsePostmortem(hostile, { path: 'hostile.md', taxonomy, today: '2026-06-01' }), dated(2020), dated(2024)];

  it('spans per-year series over the years of in-range dates only', () => {
    for (const entry of rootCauseIndex(corpus, taxonomy)) {
      expect(
        entry.perYear.map(({ year }) => year),
        entry.id,
      ).toEqual([2020, 2021, 2022, 2023, 2024]);
    }
    expect(corpusStats(corpus, { today: '2026-06-01' }).byYear).toEqual({ 2020: 1, 2024: 1 });
    expect(groupBy(corpus, 'year').map((group) => group.name)).toEqual(['2020', '2024']);
  });

  it('counts at most the capped values of the hostile file', () => {
    const stats = corpusStats(corpus, { today: '2026-06-01' });
    expect(Object.keys(stats.byCategory)).toHaveLength(maxValuesPerFile.categories + 1);
    expect(Object.keys(stats.byService)).toHaveLength(maxValuesPerFile.services + 1);
    expect(facets(corpus).categories).toHaveLength(maxValuesPerFile.categories + 1);
    expect(groupBy(corpus, 'services')).toHaveLength(maxValuesPerFile.services + 1);
    const used = rootCauseIndex(corpus, taxonomy).filter((entry) => entry.count > 0);
    expect(used).toHaveLength(maxValuesPerFile.categories + 1);
    // Co-category pairs of the hostile file: 20 × 19, not 3000 × 2999.
    expect(used.reduce((sum, entry) => sum + entry.coCategories.length, 0)).toBe(maxValuesPerFile.categories * (maxValuesPerFile.categories - 1));
  });
});
