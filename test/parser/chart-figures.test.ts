/** What the site's charts and metric panels read: phase durations, what charts leave out, marker text. */
import { describe, expect, it } from 'vitest';
import { chartCoverage, phaseDurations, textAfterMarker } from '@postmortem-kb/parser';
import type { Metrics } from '../../packages/parser/src/lib/schema.js';
import { deepFreeze, postmortem } from './_factory.js';

function measured(slug: string, detect: number | null, mitigate: number | null, resolve: number | null) {
  const source = (value: number | null) => (value === null ? null : ('timeline' as const));
  const metrics: Metrics = {
    timeToDetectMinutes: detect,
    timeToMitigateMinutes: mitigate,
    timeToResolveMinutes: resolve,
    sources: { timeToDetectMinutes: source(detect), timeToMitigateMinutes: source(mitigate), timeToResolveMinutes: source(resolve) },
  };
  return postmortem({ slug, metrics });
}

describe('phaseDurations', () => {
  it('gives each of detect, mitigate and resolve its own count out of the whole corpus, and its spread', () => {
    const result = phaseDurations(
      deepFreeze([measured('a', 5, 30, 90), measured('b', 20, null, 600), measured('c', null, null, null), measured('d', 3, 45, 5000)]),
    );
    expect(result.total).toBe(4);
    expect([result.detect.count, result.mitigate.count, result.resolve.count]).toEqual([3, 2, 3]);
    expect(result.detect).toMatchObject({ minutes: [3, 5, 20], p50: 5, p90: 20, max: 20 });
    expect(result.detect.histogram).toEqual([
      { label: '<15m', count: 2 },
      { label: '15m–1h', count: 1 },
      { label: '1–4h', count: 0 },
      { label: '4–12h', count: 0 },
      { label: '12–24h', count: 0 },
      { label: '1–3d', count: 0 },
      { label: '>3d', count: 0 },
    ]);
    expect(result.resolve.histogram.map((bucket) => bucket.count)).toEqual([0, 0, 1, 1, 0, 0, 1]);
  });

  it('is empty, not zero, for a corpus without figures', () => {
    const result = phaseDurations([]);
    expect(result.total).toBe(0);
    expect(result.resolve).toMatchObject({ count: 0, p50: null, max: null });
  });
});

describe('chartCoverage', () => {
  it('counts what each chart leaves out, and lists every year from the first to the last', () => {
    const result = chartCoverage(
      deepFreeze([
        postmortem({ slug: 'a', date: '2019-03-01', categories: ['dns'], triggerCategory: 'deploy' }),
        postmortem({ slug: 'b', date: '2022-07-09', categories: [] }),
        postmortem({ slug: 'c', date: null, categories: ['dns', 'capacity'], triggerCategory: 'deploy' }),
        postmortem({ slug: 'd', date: null, categories: [], triggerCategory: 'config-push' }),
        postmortem({ slug: 'e', date: '9999-01-01', categories: ['dns'] }),
      ]),
    );
    expect(result).toEqual({
      total: 5,
      years: ['2019', '2020', '2021', '2022'],
      undated: 3,
      uncategorized: 2,
      untriggered: 2,
      yearByCategory: { uncategorized: 2, undated: 2 },
      triggerByCategory: { untriggered: 2, uncategorized: 1 },
      undatedByCategory: { dns: 2, capacity: 1 },
    });
  });

  it('has no years for an empty or undated corpus', () => {
    expect(chartCoverage([]).years).toEqual([]);
    expect(chartCoverage([postmortem({ slug: 'a' })])).toMatchObject({ years: [], undated: 1 });
  });
});

describe('textAfterMarker', () => {
  it.each([
    ['DETECTED: alerts fired', 'detected', 'alerts fired'],
    ['Detected — the on-call saw errors', 'detected', 'the on-call saw errors'],
    ['INCIDENT RESOLVED.', 'resolved', ''],
    ['OUTAGE BEGINS: the LB drops traffic', 'started', 'the LB drops traffic'],
    ['Impact mitigated by a rollback', 'mitigated', 'by a rollback'],
    ['Alerts fired for the API', 'detected', 'Alerts fired for the API'],
    ['Resolvers were slow', 'resolved', 'Resolvers were slow'],
    ['DETECTED: alerts fired', null, 'DETECTED: alerts fired'],
  ] as const)('%s (%s) → %s', (text, marker, expected) => {
    expect(textAfterMarker({ text, marker })).toBe(expected);
  });
});
