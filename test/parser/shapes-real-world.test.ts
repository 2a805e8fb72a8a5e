/**
 * Shapes met when running the CLI and the site over real public collections (issue 12
 * acceptance; the collections are listed in bench/RESULTS.md, never copied here). Each
 * fixture under test/fixtures/shapes/<shape>/ is written in our own words.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, parsePostmortem, type Postmortem } from '@postmortem-kb/parser';

const read = (shape: string, name: string): string => readFileSync(`test/fixtures/shapes/${shape}/${name}`, 'utf8');
const parse = (source: string, shape: string, name: string): Postmortem =>
  parsePostmortem(source, { path: `test/fixtures/shapes/${shape}/${name}`, today: '2026-12-02' });
const fixture = (shape: string, name: string): Postmortem => parse(read(shape, name), shape, name);
const lines = (postmortem: Postmortem) => postmortem.diagnostics.map(formatDiagnostic);
/** Where a report says it happened and what it touched. */
const when = (postmortem: Postmortem) => ({
  services: postmortem.services,
  startedAt: postmortem.startedAt,
  detectedAt: postmortem.detectedAt,
  resolvedAt: postmortem.resolvedAt,
});

describe('shape: Windows and old Mac line endings, byte-order mark', () => {
  it('reads a file saved with CRLF, CR or a BOM exactly as the same file with LF', () => {
    const source = read('line-endings', 'ok.md');
    const lf = parse(source, 'line-endings', 'ok.md');
    expect({ title: lf.title, organization: lf.organization, services: lf.services, tags: lf.tags, metrics: lf.metrics, learned: lf.lessons.learned }).toEqual({
      title: 'Label printer queue stalled after a driver update',
      organization: 'Harbour Parcels',
      services: ['Label service'],
      tags: ['printing', 'drivers'],
      metrics: {
        timeToDetectMinutes: 25,
        timeToMitigateMinutes: null,
        timeToResolveMinutes: 180,
        sources: { timeToDetectMinutes: 'stated', timeToMitigateMinutes: null, timeToResolveMinutes: 'stated' },
      },
      learned: ['Roll out printer drivers to one depot first.'],
    });
    expect(parse(source.replaceAll('\n', '\r\n'), 'line-endings', 'ok.md')).toEqual(lf);
    expect(parse(`\uFEFF${source.replaceAll('\n', '\r\n')}`, 'line-endings', 'ok.md')).toEqual(lf);
    expect(parse(source.replaceAll('\n', '\r'), 'line-endings', 'ok.md')).toEqual(lf);
  });

  it('keeps diagnostic lines those of the file when it has CRLF endings', () => {
    const source = read('line-endings', 'ok.md').replace('start_time: 2024-01-09T06:40:00Z', 'start_time: soon');
    expect(lines(parse(source.replaceAll('\n', '\r\n'), 'line-endings', 'ok.md'))).toEqual(lines(parse(source, 'line-endings', 'ok.md')));
    expect(lines(parse(source, 'line-endings', 'ok.md'))[0]).toMatch(/^test\/fixtures\/shapes\/line-endings\/ok\.md:4:1 {2}error/);
  });
});

describe('shape: a label table above the first section, date sub-headings, a compact date file name', () => {
  it('reads systems and detection/resolution times from the table, events without a time under a date heading, and the date from `YYYYMMDD_`', () => {
    const result = fixture('header-table', 'ok/20230307_thumbnail_cache.md');
    expect({
      title: result.title,
      date: result.date,
      ...when(result),
      timeline: result.timeline.map((entry) => [entry.date, entry.at, entry.text, entry.line]),
      rootCauses: result.rootCauses,
      actionItems: result.actionItems.map((item) => [item.text, item.status]),
      kinds: result.sections.map((section) => [section.heading, section.kind]),
      diagnostics: lines(result),
    }).toEqual({
      title: 'Thumbnail cache',
      date: '2023-03-07',
      services: ['Thumbnailer', 'Image CDN (edge, origin)'],
      startedAt: null,
      detectedAt: '2023-03-07T09:20:00Z',
      resolvedAt: '2023-03-08T11:45:00Z',
      timeline: [
        ['2023-03-06', null, 'The nightly purge job is moved to the new scheduler', 16],
        ['2023-03-07', '2023-03-07T09:20:00Z', 'A customer reports a deleted album still showing in search', 19],
        ['2023-03-07', '2023-03-07T10:05:00Z', 'AK finds the purge job has not run since the move', 20],
        ['2023-03-07', null, 'unknown - Stale thumbnails keep being served from the edge', 21],
        ['2023-03-08', '2023-03-08T11:45:00Z', 'Purge rerun by hand, edge cache flushed', 24],
      ],
      rootCauses: [
        { text: 'The new scheduler dropped jobs whose owner field was empty.' },
        { text: 'Jobs were moved without a check that each one ran afterwards.' },
      ],
      actionItems: [
        ['Give every scheduled job an owner', 'done'],
        ['Alert when a daily job has not run for 26 hours', 'open'],
      ],
      kinds: [
        ['Summary', 'summary'],
        ['Timeline', 'timeline'],
        ['2023-03-06', 'timeline'],
        ['2023-03-07', 'timeline'],
        ['2023-03-08', 'timeline'],
        ['Technical cause', 'rootCause'],
        ['Root cause', 'rootCause'],
        ['Corrective & Protective Actions', 'remediation'],
      ],
      diagnostics: [
        'test/fixtures/shapes/header-table/ok/20230307_thumbnail_cache.md:13:1  info  Unexpected timeline times without a time zone, expected a zone on the times (`14:05 UTC`), a note such as "All times UTC" or `timezone` in the frontmatter; assuming UTC  timeline-no-zone',
        'test/fixtures/shapes/header-table/ok/20230307_thumbnail_cache.md:1:1  warning  Unexpected postmortem without a title, expected `title:` in frontmatter or a `# Title` heading  missing-title',
        'test/fixtures/shapes/header-table/ok/20230307_thumbnail_cache.md:37:1  warning  Unexpected action item without an owner, expected `@handle` or `owner: name` in “Alert when a daily job has not run for 26 hours”  action-item-owner',
      ],
    });
  });

  it('takes nothing from unfilled or unknown times in the table, and no metadata from a table below the first section', () => {
    const result = fixture('header-table', 'not-ok/2023-04-11-unfilled-header.md');
    expect({
      ...when(result),
      timeline: result.timeline.map((entry) => [entry.at, entry.text]),
      diagnostics: lines(result),
    }).toEqual({
      services: ['Billing'],
      startedAt: null,
      detectedAt: null,
      resolvedAt: null,
      timeline: [
        ['2023-04-11T08:10:00Z', 'Duplicate invoices noticed'],
        ['2023-04-11T08:40:00Z', 'Sending paused'],
      ],
      diagnostics: [
        'test/fixtures/shapes/header-table/not-ok/2023-04-11-unfilled-header.md:11:1  info  Unexpected timeline times without a time zone, expected a zone on the times (`14:05 UTC`), a note such as "All times UTC" or `timezone` in the frontmatter; assuming UTC  timeline-no-zone',
        'test/fixtures/shapes/header-table/not-ok/2023-04-11-unfilled-header.md:1:1  warning  Unexpected postmortem without a title, expected `title:` in frontmatter or a `# Title` heading  missing-title',
      ],
    });
  });
});

describe('shape: security disclosures', () => {
  it('reads "What allowed this to happen?" as the root cause, "Details of fix" as the resolution and "Corrective & Protective Actions" as action items', () => {
    const result = fixture('disclosure', 'ok.md');
    expect({
      date: result.date,
      timeline: result.timeline.map((entry) => [entry.date, entry.at, entry.text]),
      rootCauses: result.rootCauses,
      resolution: result.resolution,
      actionItems: result.actionItems.map((item) => item.text),
      kinds: result.sections.map((section) => section.kind),
    }).toEqual({
      date: '2022-08-19',
      timeline: [
        ['2022-08-19', '2022-08-19T14:02:00Z', 'A researcher reports the rounding error through the bounty programme.'],
        ['2022-08-19', '2022-08-19T14:30:00Z', 'The team confirms the error on a fork.'],
        ['2022-08-19', '2022-08-19T15:10:00Z', 'Withdrawals are paused.'],
        ['2022-08-20', null, 'Public disclosure'],
      ],
      rootCauses: [{ text: 'The share price was rounded up on withdrawal instead of down.' }],
      resolution: "A patched vault rounds in the protocol's favour; balances were moved to it on August 20.",
      actionItems: ['Add a property test that withdrawals never exceed deposits plus yield.'],
      kinds: [null, 'summary', 'timeline', 'rootCause', 'resolution', 'remediation'],
    });
  });
});
