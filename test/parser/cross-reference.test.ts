import { describe, expect, it } from 'vitest';
import { facets, followUps, groupBy, rootCauseIndex } from '../../packages/parser/src/lib/cross-reference.js';
import { toUrlSlug } from '../../packages/parser/src/lib/url-slug.js';
import type { Taxonomy } from '../../packages/parser/src/lib/taxonomy.js';
import { actionItem, deepFreeze, postmortem } from './_factory.js';

const taxonomy: Taxonomy = deepFreeze({
  categories: [
    { id: 'dns', label: 'DNS', description: 'Name resolution failed.', synonyms: [] },
    { id: 'capacity', label: 'Capacity', description: 'Ran out of something.', synonyms: [] },
    { id: 'security', label: 'Security', description: 'Unused so far.', synonyms: [] },
  ],
  triggers: [],
});

const corpus = deepFreeze([
  postmortem({ slug: 'a', date: '2020-05-01', severity: 'SEV2', organization: 'Acme', categories: ['dns', 'config'], services: ['API', 'web'] }),
  postmortem({ slug: 'b', date: '2022-02-01', severity: 'SEV10', organization: 'Globex', categories: ['dns'], services: ['API'] }),
  postmortem({ slug: 'c', date: '2022-02-01', severity: 'sev1', organization: 'Acme', categories: ['capacity', 'dns'], services: ['db'] }),
  postmortem({ slug: 'd', date: null, severity: null, organization: null, categories: ['made-up'], services: ['API'] }),
]);

describe('rootCauseIndex', () => {
  it('lists every taxonomy category, used or not; categories the taxonomy does not know get no entry', () => {
    expect(rootCauseIndex(corpus, taxonomy)).toEqual([
      {
        id: 'dns',
        label: 'DNS',
        description: 'Name resolution failed.',
        count: 3,
        perYear: [
          { year: 2020, count: 1 },
          { year: 2021, count: 0 },
          { year: 2022, count: 2 },
        ],
        incidents: ['b', 'c', 'a'],
        coCategories: [{ id: 'capacity', count: 1 }],
        topServices: [
          { name: 'API', count: 2 },
          { name: 'db', count: 1 },
          { name: 'web', count: 1 },
        ],
      },
      {
        id: 'capacity',
        label: 'Capacity',
        description: 'Ran out of something.',
        count: 1,
        perYear: [
          { year: 2020, count: 0 },
          { year: 2021, count: 0 },
          { year: 2022, count: 1 },
        ],
        incidents: ['c'],
        coCategories: [{ id: 'dns', count: 1 }],
        topServices: [{ name: 'db', count: 1 }],
      },
      {
        id: 'security',
        label: 'Security',
        description: 'Unused so far.',
        count: 0,
        perYear: [
          { year: 2020, count: 0 },
          { year: 2021, count: 0 },
          { year: 2022, count: 0 },
        ],
        incidents: [],
        coCategories: [],
        topServices: [],
      },
    ]);
  });

  it('keeps at most five services, most frequent first', () => {
    const many = deepFreeze([
      postmortem({ slug: 'x', categories: ['dns'], services: ['f', 'e', 'd', 'c', 'b', 'a'] }),
      postmortem({ slug: 'y', categories: ['dns'], services: ['f'] }),
    ]);
    expect(rootCauseIndex(many, taxonomy)[0]!.topServices).toEqual([
      { name: 'f', count: 2 },
      { name: 'a', count: 1 },
      { name: 'b', count: 1 },
      { name: 'c', count: 1 },
      { name: 'd', count: 1 },
    ]);
  });

  it('gives no years when nothing is dated, and no entries without a taxonomy', () => {
    const undated = deepFreeze([postmortem({ slug: 'x', categories: ['dns'] })]);
    expect(rootCauseIndex(undated, taxonomy)[0]).toEqual({
      id: 'dns',
      label: 'DNS',
      description: 'Name resolution failed.',
      count: 1,
      perYear: [],
      incidents: ['x'],
      coCategories: [],
      topServices: [],
    });
    expect(rootCauseIndex(undated)).toEqual([]);
  });
});

describe('groupBy', () => {
  it('groups by each service, sorted by name, with URL slugs and incidents newest first', () => {
    expect(groupBy(corpus, 'services')).toEqual([
      { name: 'API', slug: 'api', incidents: ['b', 'a', 'd'] },
      { name: 'db', slug: 'db', incidents: ['c'] },
      { name: 'web', slug: 'web', incidents: ['a'] },
    ]);
  });

  it('groups by organization, severity (in natural order) and year, leaving out missing values', () => {
    expect(groupBy(corpus, 'organization')).toEqual([
      { name: 'Acme', slug: 'acme', incidents: ['c', 'a'] },
      { name: 'Globex', slug: 'globex', incidents: ['b'] },
    ]);
    expect(groupBy(corpus, 'severity')).toEqual([
      { name: 'sev1', slug: 'sev1', incidents: ['c'] },
      { name: 'SEV2', slug: 'sev2', incidents: ['a'] },
      { name: 'SEV10', slug: 'sev10', incidents: ['b'] },
    ]);
    expect(groupBy(corpus, 'year')).toEqual([
      { name: '2020', slug: '2020', incidents: ['a'] },
      { name: '2022', slug: '2022', incidents: ['b', 'c'] },
    ]);
  });

  it('groups by trigger, with a URL-safe slug for a trigger written with odd characters', () => {
    const triggered = deepFreeze([
      postmortem({ slug: 'x', date: '2021-01-01', triggerCategory: 'config-push' }),
      postmortem({ slug: 'y', date: '2022-01-01', triggerCategory: 'config-push' }),
      postmortem({ slug: 'z', triggerCategory: '../Evil <trigger>' }),
      postmortem({ slug: 'w', triggerCategory: null }),
    ]);
    expect(groupBy(triggered, 'trigger')).toEqual([
      { name: '../Evil <trigger>', slug: 'evil-trigger', incidents: ['z'] },
      { name: 'config-push', slug: 'config-push', incidents: ['y', 'x'] },
    ]);
  });

  it('keeps group slugs unique when names differ only in case or punctuation', () => {
    const clash = deepFreeze([postmortem({ slug: 'x', services: ['C++', 'c', 'C#', '数据库'] })]);
    expect(groupBy(clash, 'services')).toEqual([
      { name: 'c', slug: 'c', incidents: ['x'] },
      { name: 'C#', slug: 'c-2', incidents: ['x'] },
      { name: 'C++', slug: 'c-3', incidents: ['x'] },
      { name: '数据库', slug: toUrlSlug('数据库'), incidents: ['x'] },
    ]);
  });
});

describe('followUps', () => {
  const withItems = deepFreeze([
    postmortem({
      slug: 'old',
      title: 'Old outage',
      date: '2021-01-01',
      actionItems: [
        actionItem({ text: 'Done item', status: 'done', due: '2021-02-01', line: 10 }),
        actionItem({ text: 'Open, no due date', status: 'open', line: 11 }),
        actionItem({ text: 'Open, overdue', status: 'open', due: '2021-03-01', owner: 'alice', line: 12 }),
      ],
    }),
    postmortem({
      slug: 'new',
      title: 'New outage',
      date: '2023-06-01',
      actionItems: [
        actionItem({ text: 'Open, due later', status: 'open', due: '2024-06-01', line: 5 }),
        actionItem({ text: 'No status, past due', status: null, due: '2020-01-01', line: 6 }),
      ],
    }),
  ]);

  it('lists open items first by due date, then items without a status, then done ones; only open ones are overdue', () => {
    expect(followUps(withItems, { today: '2024-01-01' })).toEqual([
      {
        ...actionItem({ text: 'Open, overdue', status: 'open', due: '2021-03-01', owner: 'alice', line: 12 }),
        incident: 'old',
        incidentTitle: 'Old outage',
        overdue: true,
      },
      { ...actionItem({ text: 'Open, due later', status: 'open', due: '2024-06-01', line: 5 }), incident: 'new', incidentTitle: 'New outage', overdue: false },
      { ...actionItem({ text: 'Open, no due date', status: 'open', line: 11 }), incident: 'old', incidentTitle: 'Old outage', overdue: false },
      {
        ...actionItem({ text: 'No status, past due', status: null, due: '2020-01-01', line: 6 }),
        incident: 'new',
        incidentTitle: 'New outage',
        overdue: false,
      },
      { ...actionItem({ text: 'Done item', status: 'done', due: '2021-02-01', line: 10 }), incident: 'old', incidentTitle: 'Old outage', overdue: false },
    ]);
  });

  it('is empty without action items', () => {
    expect(followUps(corpus, { today: '2024-01-01' })).toEqual([]);
  });
});

describe('facets', () => {
  it('counts filter values: by frequency, severities in natural order, years newest first', () => {
    expect(facets(corpus)).toEqual({
      categories: [
        { value: 'dns', count: 3 },
        { value: 'capacity', count: 1 },
        { value: 'config', count: 1 },
        { value: 'made-up', count: 1 },
      ],
      services: [
        { value: 'API', count: 3 },
        { value: 'db', count: 1 },
        { value: 'web', count: 1 },
      ],
      severities: [
        { value: 'sev1', count: 1 },
        { value: 'SEV2', count: 1 },
        { value: 'SEV10', count: 1 },
      ],
      years: [
        { value: '2022', count: 2 },
        { value: '2020', count: 1 },
      ],
      organizations: [
        { value: 'Acme', count: 2 },
        { value: 'Globex', count: 1 },
      ],
    });
  });

  it('returns empty lists for an empty corpus', () => {
    expect(facets([])).toEqual({ categories: [], services: [], severities: [], years: [], organizations: [] });
  });
});

describe('toUrlSlug', () => {
  it('makes lower-case ASCII kebab case', () => {
    expect(['Amazon S3', '  Café Crème ', 'EU-West/1', 'a__b', 'Ünïcödé', '2021'].map((name) => toUrlSlug(name))).toEqual([
      'amazon-s3',
      'cafe-creme',
      'eu-west-1',
      'a-b',
      'unicode',
      '2021',
    ]);
  });

  it('falls back to a stable x-<hex> slug when nothing ASCII is left', () => {
    const slug = toUrlSlug('数据库');
    expect(slug).toMatch(/^x-[0-9a-f]{8}$/);
    expect(toUrlSlug('数据库')).toBe(slug);
    expect(toUrlSlug('++')).not.toBe(slug);
    expect(toUrlSlug('')).toMatch(/^x-[0-9a-f]{8}$/);
  });
});
