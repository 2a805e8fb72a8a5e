/** Issue 18, items 1 and 13: the one slugifier for everything that reaches a URL or a file name. */
import { describe, expect, it } from 'vitest';
import { checkCorpus, parsePostmortem } from '../../packages/parser/src/index.js';
import { isUrlSlug, maxUrlSlugLength, slugFromPath, toUrlSlug, uniqueUrlSlugs } from '../../packages/parser/src/lib/url-slug.js';

const hostile = [
  '..',
  '.',
  '../../../../tmp/x',
  '../incidents/other',
  '%2e%2e',
  '%2E%2E/%2e%2e',
  '?',
  '#',
  'a b',
  '/',
  '\\',
  '',
  ' ',
  '\u0000',
  '\u202e..',
  'ＡＢＣ',
  '．．',
];

describe('toUrlSlug', () => {
  it.each(hostile)('turns %j into a URL slug: lower-case a-z, 0-9 and -, never empty, . or ..', (value) => {
    const slug = toUrlSlug(value);
    expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(isUrlSlug(slug)).toBe(true);
  });

  it('keeps traversal text as words, not as path syntax', () => {
    expect(hostile.slice(2, 6).map((name) => toUrlSlug(name))).toEqual(['tmp-x', 'incidents-other', '2e-2e', '2e-2e-2e-2e']);
  });

  it('bounds the length of a slug of a very long name, keeping names apart by a hash', () => {
    const long = 'c'.repeat(3000);
    const slug = toUrlSlug(long);
    expect(slug.length).toBeLessThanOrEqual(maxUrlSlugLength);
    expect(slug).toMatch(/^c+-[0-9a-f]{8}$/);
    expect(toUrlSlug(`${long}d`)).not.toBe(slug);
    expect(isUrlSlug(slug)).toBe(true);
  });
});

describe('isUrlSlug', () => {
  it('accepts slugs and refuses everything a page path could be escaped or confused with', () => {
    expect(['a', 'payments-api', '2024', 'x-0badf00d'].every(isUrlSlug)).toBe(true);
    expect([...hostile, 'A', 'a-', '-a', 'a--b', 'a_b', 'a.b', 'x'.repeat(200), 1, null, undefined].some(isUrlSlug)).toBe(false);
  });
});

describe('uniqueUrlSlugs', () => {
  it('gives names whose slugs clash -2, -3 …, and equal names equal slugs', () => {
    expect([...uniqueUrlSlugs(['API', 'api', 'A.P.I', 'API', 'a p i'])]).toEqual([
      ['API', 'api'],
      ['api', 'api-2'],
      ['A.P.I', 'a-p-i'],
      ['a p i', 'a-p-i-2'],
    ]);
  });
});

describe('postmortem slugs', () => {
  it('are URL slugs of the file name; the id stays the file name', () => {
    const cases = [
      ['postmortems/a?b.md', 'a-b', 'a?b'],
      ['postmortems/c#d.md', 'c-d', 'c#d'],
      ['postmortems/%2e%2e.md', '2e-2e', '%2e%2e'],
      ['postmortems/With Space.md', 'with-space', 'With Space'],
      ['postmortems/2024-01-01-plain.md', '2024-01-01-plain', '2024-01-01-plain'],
    ] as const;
    for (const [path, slug, id] of cases) {
      const postmortem = parsePostmortem('# T\n', { path });
      expect([postmortem.slug, postmortem.id], path).toEqual([slug, id]);
      expect(slugFromPath(path)).toBe(slug);
    }
  });

  it('two file names with the same slug are a duplicate-slug error on both', () => {
    const corpus = [parsePostmortem('# A\n', { path: 'pm/a?b.md' }), parsePostmortem('# B\n', { path: 'pm/a#b.md' })];
    checkCorpus(corpus);
    expect(
      corpus.map((postmortem) => postmortem.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'duplicate-slug').map((diagnostic) => diagnostic.message)),
    ).toEqual([
      [
        'Unexpected file name `a?b.md` whose URL slug `a-b` is also that of pm/a#b.md, expected one file per slug (one page per incident; a slug keeps a-z, 0-9 and -)',
      ],
      [
        'Unexpected file name `a#b.md` whose URL slug `a-b` is also that of pm/a?b.md, expected one file per slug (one page per incident; a slug keeps a-z, 0-9 and -)',
      ],
    ]);
  });
});
