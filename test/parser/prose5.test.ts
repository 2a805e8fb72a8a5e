/**
 * Prose-only reports of a frontmatter-first collection (issue 12 item 10): causes, trigger and
 * resolution inferred from the sentences that state them, dates from the prose, and sub-headings
 * under a Root cause section. Fixtures under test/fixtures/prose5/, written in our own words.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPostmortems, parsePostmortem, type Postmortem } from '@postmortem-kb/parser';
import { inferFromProse } from '../../packages/parser/src/lib/inferred-causes.js';

const P = 'test/fixtures/prose5';
const parse = (name: string): Postmortem => parsePostmortem(readFileSync(`${P}/${name}`, 'utf8'), { path: `${P}/${name}`, today: '2026-12-03' });
const read = (name: string) => {
  const result = parse(name);
  return {
    date: result.date,
    rootCauses: result.rootCauses,
    trigger: result.trigger,
    resolution: result.resolution,
    inferred: result.inferred,
  };
};
const cause = (text: string) => ({ text, inferred: true });

type Field = 'rootCauses' | 'trigger' | 'resolution';

describe('prose-only reports: causes stated in the general ways people write them', () => {
  // [what, file under ok/, date, root causes, trigger, resolution, inferred]
  it.each<[string, string, string | null, string[], string | null, string | null, Field[]]>([
    [
      '"X took down Y" as the cause, "reverting … restored service" as the resolution',
      '3f9a2c71-5b0e-4d8a-9c1f-2e7b6a4d8c10',
      null,
      ['A malformed routing rule took down every edge proxy in the Frankfurt region for forty minutes.'],
      null,
      'Reverting the rule restored service.',
      ['rootCauses', 'resolution'],
    ],
    [
      'the sentence before "This led to …" with it, once for a chain, and the date from "On March 3rd, 2019"',
      '6d20e8b4-1a7c-4f3e-8b95-c4d1e0a7f362',
      '2019-03-03',
      [
        'On March 3rd, 2019, an operator ran the cleanup job against the production bucket instead of the staging one. This led to about forty thousand thumbnails being deleted.',
      ],
      null,
      null,
      ['rootCauses'],
    ],
    [
      '"This happened because …" before a sentence that only says "because"',
      'a84c1f07-9e2d-4b6a-b3f8-71d5c0e29a4b',
      null,
      ['This happened because the renewal job had been switched off during a server move in May and nobody switched it back on.'],
      null,
      'We resolved the outage by renewing the certificate by hand and turning the renewal job back on.',
      ['rootCauses', 'resolution'],
    ],
    [
      'the sentence that names the mechanism, not those that tell the impact; "The incident began when …" as the trigger',
      'c2e7b9d5-48f1-4a3c-9d6e-0b8a5f1c7e23',
      '2021-08-14',
      ['The problem stemmed from a tuning script that applied the staging value to production.'],
      'The incident began when the morning batch jobs started and opened their usual connections.',
      'Engineers mitigated the issue by raising the limit back to its earlier value.',
      ['rootCauses', 'trigger', 'resolution'],
    ],
    [
      'the frontmatter summary when the body states no cause',
      'e51b6a93-0c4d-4e8f-a27b-9f3c8d1e6b05',
      '2023-02-06',
      ['A certificate rotation script replaced the wildcard certificate with a self-signed one, which caused browsers to refuse connections to the dashboard.'],
      null,
      'Engineers mitigated the issue by putting the previous certificate back.',
      ['rootCauses', 'resolution'],
    ],
    [
      '"went down when …" as the cause, "To restore service, …" as the resolution, the date from "On 2020-11-09"',
      '0b7d4e26-f3a1-4c58-8e9b-5a2c6d7f1e84',
      '2020-11-09',
      ['On 2020-11-09 the build farm went down when its shared cache volume filled up with stale artifacts from a retired project.'],
      null,
      'To restore service, we deleted the stale artifacts and added a size limit to the cache.',
      ['rootCauses', 'resolution'],
    ],
    [
      '"After a configuration push, …" as the trigger and "we rolled back" as the resolution',
      '9e3a5c18-7b2f-4d06-b1e4-8c0f2a6d9b71',
      '2017-01-05',
      ['A typo in the size limit, written in bytes where kilobytes were meant, caused the rejections.'],
      'After a configuration push to the relay hosts, the relays rejected every message larger than one megabyte.',
      'We rolled back the push, which restored delivery.',
      ['rootCauses', 'trigger', 'resolution'],
    ],
    [
      '"The outage was triggered by …" as the cause, not the impact told with "resulting in", "became overloaded" or a failover that "broke"',
      '5c8e1a47-2d9b-4f60-a3c5-7e1b0d94f2a8',
      '2022-05-12',
      ['The outage was triggered by a cache purge that an operator ran against every region at once.'],
      'The outage was triggered by a cache purge that an operator ran against every region at once.',
      'Warming the cache region by region, leading to a steady recovery of hit rates, ended the incident.',
      ['rootCauses', 'trigger', 'resolution'],
    ],
    [
      '"The root cause was …" as before',
      '71c0f9d2-3e8a-4b57-a6d1-e2b9c4f05a38',
      null,
      ['The root cause was a firewall rule, added for a load test, that dropped traffic to the match servers.'],
      null,
      null,
      ['rootCauses'],
    ],
  ])('reads %s', (_what, file, date, rootCauses, trigger, resolution, inferred) => {
    expect(read(`ok/${file}.md`)).toEqual({ date, rootCauses: rootCauses.map(cause), trigger, resolution, inferred });
  });

  it('gives every report of the collection that states a cause one', async () => {
    const loaded = await loadPostmortems(`${P}/ok`, { workers: false });
    expect(loaded.filter((postmortem) => postmortem.rootCauses.length === 0).map((postmortem) => postmortem.slug)).toEqual([]);
    expect(loaded.length).toBe(9);
  });
});

describe('prose-only reports: what is not a cause, a trigger or a resolution', () => {
  it.each([
    ['impact, a factor that made it worse, a fix to come, a time of recovery, or a month without a day', '4a6e2d90-b5c1-4f37-8e02-d9a1f3c7b6e5'],
    ['"delayed due to the holidays" or a cause not known yet', 'b93f1c07-6d2e-4a85-9c4b-0e7f5a2d8c16'],
  ])('infers nothing from %s', (_what, file) => {
    expect(read(`not-ok/${file}.md`)).toEqual({ date: null, rootCauses: [], trigger: null, resolution: null, inferred: undefined });
  });
});

describe('sub-headings under a Root cause section', () => {
  const sorted = (name: string) => {
    const result = parse(name);
    return {
      rootCauses: result.rootCauses.map((item) => item.text),
      contributingFactors: result.contributingFactors.map((item) => item.text),
      trigger: result.trigger,
      wentWrong: result.lessons.wentWrong,
      sections: result.sections.map((section) => [section.heading, section.kind]),
    };
  };

  it('reads a shortfall ("What we missed") as a lesson and "What made it worse" as a contributing factor', () => {
    expect(sorted('sub-headings/ok.md')).toEqual({
      rootCauses: [
        "The nightly index rebuild ran with a heap sized for last year's index.",
        'The limit was set in a chart value that no one had touched since the cluster was created.',
      ],
      contributingFactors: ['Each retry restarted the rebuild from the beginning.'],
      trigger: 'A catalogue import doubled the number of documents that night.',
      wentWrong: ["The rebuild's memory use had been rising for months on a dashboard nobody watched."],
      sections: [
        ['Root cause', 'rootCause'],
        ['The memory limit', 'rootCause'],
        ['What we missed', 'lessons'],
        ['What made it worse', 'contributingFactors'],
        ['Trigger', 'trigger'],
      ],
    });
  });

  it('keeps a sub-heading that names no other kind as part of the root cause', () => {
    expect(sorted('sub-headings/not-ok.md')).toEqual({
      rootCauses: [
        'The price cache kept entries for a day after a price change.',
        'The expiry was read from a setting whose unit changed from minutes to seconds.',
        "A library upgrade renamed the setting's unit without a deprecation note.",
      ],
      contributingFactors: [],
      trigger: null,
      wentWrong: [],
      sections: [
        ['Root cause', 'rootCause'],
        ['Details', 'rootCause'],
        ['Why the unit changed', 'rootCause'],
      ],
    });
  });
});

// No clock assertion: the test timeout is a hang guard (quadratic work on 1 MB takes minutes).
describe('inferFromProse: linear time', () => {
  const megabyte = (phrase: string) => phrase.repeat(Math.ceil(1_000_000 / phrase.length));
  it.each([
    ['one cause sentence repeated', megabyte('The root cause was a bad config push. '), 1],
    ['distinct cause sentences', Array.from({ length: 40_000 }, (_, n) => `Outage ${n} was caused by change ${n}. `).join(''), 3],
    // The second sentence points at the first; every later one repeats a sentence already kept.
    ['a chain of "This led to"', megabyte('This led to more load. '), 1],
    ['abbreviations that never end a sentence', megabyte('e.g. '), 0],
    ['one sentence with no end', megabyte('caused by a bug and '), 0],
    ['a paragraph of separators', megabyte(', , '), 0],
  ])('handles %s', { timeout: 20_000 }, (_name, text, causes) => {
    expect(inferFromProse(text).rootCauses.length).toBe(causes);
  });
});
