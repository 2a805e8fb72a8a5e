import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase, utcTimes as utc } from './_knowledge-base.js';

const { corpus, taxonomy, bySlug } = await loadKnowledgeBase();

describe('the knowledge base corpus', () => {
  it('holds the five seeds and at least 60 more public incidents', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(65);
    expect(corpus.every((postmortem) => postmortem.sources.length > 0)).toBe(true);
  });

  it('has a taxonomy of 15–40 root-cause categories and 10 triggers, each with a label, description and synonyms', () => {
    expect(taxonomy.categories.length).toBeGreaterThanOrEqual(15);
    expect(taxonomy.categories.length).toBeLessThanOrEqual(40);
    expect(taxonomy.triggers.map((trigger) => trigger.id)).toEqual([
      'binary-deploy',
      'config-push',
      'data-push',
      'traffic-surge',
      'hardware-fault',
      'dependency-failure',
      'environment',
      'manual-operation',
      'time-expiry',
      'attack',
    ]);
    for (const category of [...taxonomy.categories, ...taxonomy.triggers]) {
      expect(category.label).not.toBe('');
      expect(category.description).not.toBe('');
      expect(category.synonyms.length).toBeGreaterThan(0);
    }
  });

  it('uses only categories that exist in the taxonomy', () => {
    const known = new Set(taxonomy.categories.map((category) => category.id));
    const unknown = corpus.flatMap((postmortem) => postmortem.categories.filter((id) => !known.has(id)).map((id) => `${postmortem.slug}: ${id}`));
    expect(unknown).toEqual([]);
  });

  it('has no error or warning diagnostics', () => {
    const problems = corpus
      .flatMap((postmortem) => postmortem.diagnostics)
      .filter((diagnostic) => diagnostic.severity !== 'info' && diagnostic.ruleId !== 'action-item-owner')
      .map((diagnostic) => `${diagnostic.path}:${diagnostic.line}:${diagnostic.column} ${diagnostic.message}`);
    expect(problems).toEqual([]);
  });
});

describe('the seed incidents carry the facts their reports give', () => {
  it('iPaper 2020: status-page times in CEST converted to UTC, port exhaustion, four action items', () => {
    const ipaper = bySlug('2020-08-05-ipaper-port-exhaustion');
    expect([ipaper.date, ipaper.organization, ipaper.status]).toEqual(['2020-08-05', 'iPaper', 'final']);
    expect(utc(ipaper)).toEqual([
      '2020-08-05T01:06:00.000Z',
      '2020-08-05T01:09:00.000Z',
      '2020-08-05T01:26:00.000Z',
      '2020-08-05T01:29:00.000Z',
      '2020-08-05T02:00:00.000Z',
      '2020-08-21T08:48:00.000Z',
    ]);
    // 03:06 is when the status page was posted; monitoring had alerted earlier (no time given).
    expect(ipaper.timeline.map((entry) => entry.marker)).toEqual([null, null, null, 'mitigated', 'resolved', null]);
    expect(ipaper.detectedAt).toBeNull();
    expect(ipaper.rootCauses[0]?.category).toBe('resource-exhaustion');
    // "we will take the usage of ports into account": promised, so still open.
    expect(ipaper.actionItems.map((item) => item.status)).toEqual(['done', 'done', 'open', 'open']);
    expect(ipaper.metrics.timeToDetectMinutes).toBeNull();
  });

  it('Ryver 2016: the outage began at 4:43am Pacific daylight time (11:43 UTC; the report says "PST") and lasted about 3.5 hours', () => {
    const ryver = bySlug('2016-05-20-ryver-chat-connection-safeguard');
    expect([ryver.date, ryver.startedAt]).toEqual(['2016-05-20', '2016-05-20T04:43:00-07:00']);
    expect(utc(ryver)).toEqual(['2016-05-20T11:43:00.000Z', '2016-05-20T15:13:00.000Z']);
    expect(ryver.timeline.map((entry) => entry.marker)).toEqual(['started', 'resolved']);
    expect(ryver.metrics.timeToResolveMinutes).toBe(210);
    expect(ryver.categories).toContain('dependency-failure');
    expect(ryver.rootCauses[0]?.category).toBe('dependency-failure');
    expect(ryver.actionItems.map((item) => item.status)).toEqual(['done', 'done', 'done', 'done', 'done', 'open', 'open']);
  });

  it('FoxyCart 2012: failover to the backup environment on 2012-10-03, five action items', () => {
    const foxycart = bySlug('2012-10-03-foxycart-datacenter-failover');
    expect([foxycart.date, foxycart.organization]).toEqual(['2012-10-03', 'FoxyCart']);
    expect(foxycart.timeline.map((entry) => entry.marker)).toEqual(['detected', null, null, 'mitigated', null]);
    // The faulty Arizona switch only made the failover rough; it did not cause the outage.
    expect(foxycart.categories).not.toContain('hardware');
    expect(foxycart.summary).not.toMatch(/hosting company made/);
    expect(foxycart.actionItems.map((item) => item.status)).toEqual(['open', 'open', 'open']);
    expect(foxycart.lessons.lucky.length).toBeGreaterThan(0);
  });

  it('fortrabbit 2013: node load spikes traced to the network, dated to the month, monitoring still open', () => {
    const fortrabbit = bySlug('fortrabbit-2013-node-load-spikes');
    expect([fortrabbit.organization, fortrabbit.date]).toEqual(['fortrabbit', '2013-05']);
    expect(fortrabbit.summary).toMatch(/might be the trigger/);
    expect(fortrabbit.rootCauses[0]?.category).toBe('network');
    expect(fortrabbit.timeline.map((entry) => entry.raw.slice(0, 10))).toEqual(['2013-05-22', '2013-05-24']);
    expect(fortrabbit.actionItems.map((item) => item.status)).toEqual(['open']);
  });

  it('Jitbit: an AWS network driver problem after a stop-start, undated, no end marker at the time of writing', () => {
    const jitbit = bySlug('jitbit-aws-network-driver-connectivity');
    expect(jitbit.organization).toBe('Jitbit');
    expect(jitbit.rootCauses[0]?.category).toBe('network');
    // "I'm writing this at 4:00am CET": when the post was written, not when the incident ended.
    expect(jitbit.timeline.map((entry) => [entry.marker, entry.raw.slice(0, 9)])).toEqual([[null, '04:00 CET']]);
    expect([jitbit.date, jitbit.categories.includes('deploy'), jitbit.triggerCategory]).toEqual([null, false, 'manual-operation']);
    expect(jitbit.actionItems.map((item) => item.status)).toEqual(['open', 'open']);
  });
});
