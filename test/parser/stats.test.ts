import { describe, expect, it } from 'vitest';
import type { Postmortem } from '../../packages/parser/src/lib/schema.js';
import { corpusStats, percentile } from '../../packages/parser/src/lib/stats.js';
import { actionItem, deepFreeze, postmortem } from './_factory.js';

function resolvedIn(slug: string, minutes: number | null): Postmortem {
  return postmortem({
    slug,
    metrics: {
      timeToDetectMinutes: null,
      timeToMitigateMinutes: null,
      timeToResolveMinutes: minutes,
      sources: { timeToDetectMinutes: null, timeToMitigateMinutes: null, timeToResolveMinutes: minutes === null ? null : 'timeline' },
    },
  });
}

describe('percentile (nearest rank)', () => {
  const values = deepFreeze([15, 20, 35, 40, 50]);

  it('picks the smallest value with at least p percent of the values at or below it', () => {
    expect([0, 5, 20, 21, 30, 40, 50, 80, 81, 100].map((p) => percentile(values, p))).toEqual([15, 15, 15, 20, 20, 20, 35, 40, 50, 50]);
  });

  it('is null for no values and the value itself for one', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 1)).toBe(7);
    expect(percentile([7], 100)).toBe(7);
  });

  it('rejects p outside 0–100', () => {
    expect(() => percentile(values, 101)).toThrow(RangeError);
    expect(() => percentile(values, -1)).toThrow(RangeError);
    expect(() => percentile(values, Number.NaN)).toThrow(RangeError);
  });
});

describe('corpusStats', () => {
  it('counts a small corpus by category, service, organization, severity and year', () => {
    const corpus = deepFreeze([
      postmortem({ slug: 'a', date: '2021-03-01', severity: 'SEV1', organization: 'Acme', categories: ['dns', 'config'], services: ['api', 'api'] }),
      postmortem({ slug: 'b', date: '2021-07-09', severity: 'SEV2', organization: 'Acme', categories: ['dns'], services: ['web'] }),
      postmortem({ slug: 'c', date: '2023-01-15', severity: 'SEV1', organization: 'Globex', categories: ['capacity'], services: ['api'] }),
      postmortem({ slug: 'd', date: null, severity: null, organization: null, categories: ['dns'], services: [] }),
    ]);
    expect(corpusStats(corpus, { today: '2024-01-01' })).toEqual({
      total: 4,
      byCategory: { dns: 3, capacity: 1, config: 1 },
      byTrigger: {},
      byTriggerAndCategory: {},
      byService: { api: 2, web: 1 },
      byOrganization: { Acme: 2, Globex: 1 },
      bySeverity: { SEV1: 2, SEV2: 1 },
      byYear: { '2021': 2, '2023': 1 },
      byYearAndCategory: { '2021': { dns: 2, config: 1 }, '2023': { capacity: 1 } },
      timeToResolve: {
        count: 0,
        minutes: [],
        p50: null,
        p90: null,
        p95: null,
        max: null,
        histogram: [
          { label: '<1h', count: 0 },
          { label: '1–4h', count: 0 },
          { label: '4–12h', count: 0 },
          { label: '12–24h', count: 0 },
          { label: '1–3d', count: 0 },
          { label: '>3d', count: 0 },
        ],
      },
      actionItems: { total: 0, open: 0, done: 0, unknown: 0, overdue: 0 },
    });
  });

  it('crosses triggers with root-cause categories, most frequent trigger first', () => {
    const corpus = deepFreeze([
      postmortem({ slug: 'a', triggerCategory: 'config-push', categories: ['software-bug', 'limits-quota'] }),
      postmortem({ slug: 'b', triggerCategory: 'config-push', categories: ['software-bug'] }),
      postmortem({ slug: 'c', triggerCategory: 'traffic-surge', categories: ['capacity'] }),
      postmortem({ slug: 'd', triggerCategory: null, categories: ['capacity'] }),
    ]);
    const stats = corpusStats(corpus, { today: '2024-01-01' });
    expect(stats.byTrigger).toEqual({ 'config-push': 2, 'traffic-surge': 1 });
    expect(Object.keys(stats.byTrigger)).toEqual(['config-push', 'traffic-surge']);
    expect(stats.byTriggerAndCategory).toEqual({ 'config-push': { 'software-bug': 2, 'limits-quota': 1 }, 'traffic-surge': { capacity: 1 } });
  });

  it('lists count keys most frequent first, then by name', () => {
    const corpus = deepFreeze([postmortem({ slug: 'a', services: ['zeta', 'alpha'] }), postmortem({ slug: 'b', services: ['zeta', 'beta'] })]);
    expect(Object.keys(corpusStats(corpus, { today: '2024-01-01' }).byService)).toEqual(['zeta', 'alpha', 'beta']);
  });

  it('sorts times to resolve, takes nearest-rank percentiles and fills every histogram bucket, lower bound included', () => {
    const corpus = deepFreeze([
      resolvedIn('a', 4320),
      resolvedIn('b', 59),
      resolvedIn('c', 60),
      resolvedIn('d', null),
      resolvedIn('e', 240),
      resolvedIn('f', 1439),
      resolvedIn('g', 1440),
      resolvedIn('h', 0),
      resolvedIn('i', 700),
      resolvedIn('j', 10_000),
    ]);
    expect(corpusStats(corpus, { today: '2024-01-01' }).timeToResolve).toEqual({
      count: 9,
      minutes: [0, 59, 60, 240, 700, 1439, 1440, 4320, 10_000],
      p50: 700,
      p90: 10_000,
      p95: 10_000,
      max: 10_000,
      histogram: [
        { label: '<1h', count: 2 },
        { label: '1–4h', count: 1 },
        { label: '4–12h', count: 2 },
        { label: '12–24h', count: 1 },
        { label: '1–3d', count: 1 },
        { label: '>3d', count: 2 },
      ],
    });
  });

  it('counts action items by status and open ones due before today as overdue', () => {
    const corpus = deepFreeze([
      postmortem({
        slug: 'a',
        actionItems: [
          actionItem({ text: 'overdue', status: 'open', due: '2023-12-31' }),
          actionItem({ text: 'due today', status: 'open', due: '2024-01-01' }),
          actionItem({ text: 'no due date', status: 'open' }),
          actionItem({ text: 'done late', status: 'done', due: '2020-01-01' }),
        ],
      }),
      postmortem({ slug: 'b', actionItems: [actionItem({ text: 'unknown status, past due', status: null, due: '2020-01-01' })] }),
    ]);
    expect(corpusStats(corpus, { today: '2024-01-01' }).actionItems).toEqual({ total: 5, open: 3, done: 1, unknown: 1, overdue: 1 });
  });

  it('gives an empty corpus zeros and nulls', () => {
    const stats = corpusStats([], { today: '2024-01-01' });
    expect(stats.total).toBe(0);
    expect(stats.byYear).toEqual({});
    expect(stats.timeToResolve.p50).toBeNull();
    expect(stats.actionItems).toEqual({ total: 0, open: 0, done: 0, unknown: 0, overdue: 0 });
  });

  it('rejects a malformed today', () => {
    expect(() => corpusStats([], { today: '1/1/2024' })).toThrow(RangeError);
  });

  it('returns plain JSON', () => {
    const corpus = deepFreeze([resolvedIn('a', 30), postmortem({ slug: 'b', date: '2022-02-02', categories: ['dns'] })]);
    const stats = corpusStats(corpus, { today: '2024-01-01' });
    expect(JSON.parse(JSON.stringify(stats))).toEqual(stats);
  });
});

describe('percentile: rounding', () => {
  it('is not thrown off by floating point (70th of 10 values is the 7th)', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 70)).toBe(7);
  });
});
