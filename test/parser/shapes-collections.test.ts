/**
 * Shapes found on further public collections of real postmortems (issue 12 acceptance),
 * one fixture pair per shape under test/fixtures/shapes/<shape>/, written in our own words;
 * also what reports write out in words rather than in the sections and lists read first.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, parsePostmortem, type Postmortem } from '@postmortem-kb/parser';

const fixture = (shape: string, name: string): Postmortem => {
  const path = `test/fixtures/shapes/${shape}/${name}`;
  return parsePostmortem(readFileSync(path, 'utf8'), { path, today: '2026-12-02' });
};
const lines = (postmortem: Postmortem) => postmortem.diagnostics.map(formatDiagnostic);
/** An action item's line, text, owner, status, due date and ticket. */
const brief = (result: Postmortem) => result.actionItems.map((item) => [item.line, item.text, item.owner, item.status, item.due, item.ticket]);

describe('shape: a time-zone column in timeline tables', () => {
  it('reads a cell holding only a zone right after the time as that row’s zone (`| Time | TZ | Event |`, `| Date | Time | Timezone | … |`)', () => {
    const result = fixture('zone-column', 'ok.md');
    expect({ timeline: result.timeline, diagnostics: lines(result) }).toEqual({
      timeline: [
        {
          at: '2023-11-08T09:40:00-08:00',
          date: '2023-11-08',
          text: 'Purge job reports success but edges keep old thumbnails',
          raw: '09:40 | PST | Purge job reports success but edges keep old thumbnails',
          line: 10,
          marker: null,
        },
        {
          at: '2023-11-08T10:05:00-08:00',
          date: '2023-11-08',
          text: 'Support forwards the first customer report',
          raw: '10:05 | PST | Support forwards the first customer report',
          line: 11,
          marker: 'detected',
        },
        {
          at: '2023-11-09T08:15:00+01:00',
          date: '2023-11-09',
          text: 'Edge vendor confirms a stuck purge queue',
          raw: '2023-11-09 | 08:15 | Europe/Berlin | Edge vendor confirms a stuck purge queue',
          line: 17,
          marker: null,
        },
        {
          at: '2023-11-09T09:00:00+01:00',
          date: '2023-11-09',
          text: 'Purge replayed, thumbnails fresh again',
          raw: '2023-11-09 | 09:00 | UTC+1 | Purge replayed, thumbnails fresh again',
          line: 18,
          marker: null,
        },
      ],
      diagnostics: [],
    });
  });

  it('keeps a cell that is not a zone (a team, a lower-case `pst`) in the event text, and the times stay without a zone', () => {
    const result = fixture('zone-column', 'not-ok.md');
    expect({ timeline: result.timeline.map((entry) => [entry.at, entry.text]), diagnostics: lines(result) }).toEqual({
      timeline: [
        ['2023-11-08T09:40:00Z', 'Media — Purge job reports success but edges keep old thumbnails'],
        ['2023-11-08T10:05:00Z', 'pst — Support forwards the first customer report'],
      ],
      diagnostics: [
        'test/fixtures/shapes/zone-column/not-ok.md:6:1  info  Unexpected timeline times without a time zone, expected a zone on the times (`14:05 UTC`), a note such as "All times UTC" or `timezone` in the frontmatter; assuming UTC  timeline-no-zone',
      ],
    });
  });
});

describe('shape: HTML blocks inside a markdown file', () => {
  const F = 'test/fixtures/shapes/html-blocks';
  const warning = (line: number, tag: string, count: number) =>
    `${F}/${line === 6 ? 'ok' : 'not-ok'}.md:${line}:1  warning  Unexpected HTML block \`${tag}\` with text (${count} such block${count === 1 ? '' : 's'} in the file), expected markdown; its headings, paragraphs, lists, tables and images are read as markdown and the rest of its markup is dropped — convert an HTML export with \`postmortem import\`  raw-html`;

  it('reads the headings, paragraphs, tables, lists and images an HTML block holds as markdown, so no section or entry is lost', () => {
    const result = fixture('html-blocks', 'ok.md');
    expect({
      sections: result.sections.map((section) => [section.heading, section.kind, section.line]),
      summary: result.summary,
      timeline: result.timeline.map((entry) => [entry.at, entry.text, entry.line]),
      rootCauses: result.rootCauses,
      actionItems: result.actionItems.map((item) => [item.text, item.owner, item.status, item.line]),
      images: result.images,
      diagnostics: lines(result),
    }).toEqual({
      sections: [
        ['Summary', 'summary', 6],
        ['Timeline (all times UTC)', 'timeline', 9],
        ['Root cause', 'rootCause', 17],
        ['Action items', 'remediation', 22],
      ],
      summary: 'A full rebuild of the search index saturated the query nodes — searches timed out for about an hour.',
      timeline: [
        ['2024-02-14T09:12:00Z', 'Rebuild job starts on all shards at once', 12],
        ['2024-02-14T09:20:00Z', 'Query latency alert fires', 13],
        ['2024-02-14T10:15:00Z', 'Rebuild throttled, latency back to normal', 14],
      ],
      rootCauses: [{ text: "The rebuild job had no limit on concurrent shards & shared the query nodes' disks." }],
      actionItems: [
        ['Limit the rebuild to two shards at a time', 'search-team', null, 24],
        ['Move rebuilds to dedicated nodes', null, 'done', 25],
      ],
      images: [{ src: 'media/0-latency.png', file: 'media/latency.png' }],
      diagnostics: [warning(6, '<h2>', 5)],
    });
    expect(result.html).toContain('<td>Rebuild job starts on all shards at once</td>');
    expect(result.html).toContain('<img src="media/0-latency.png" alt="Query latency during the rebuild" loading="lazy"><br>\nLatency during the rebuild.');
  });

  it('drops script and style content, leaves comments alone, keeps an unknown entity as written and reads unclosed tags', () => {
    const result = fixture('html-blocks', 'not-ok.md');
    expect({ html: result.html, actionItems: result.actionItems.length, diagnostics: lines(result) }).toEqual({
      html: [
        '<h2 id="section-summary">Summary <a class="heading-anchor" href="#section-summary" aria-label="Link to this section: Summary">#</a></h2>',
        '<p>Searches timed out while the index was rebuilt.</p>',
        '<p>Kept: the rebuild ran on every shard &#x26;unknownentity; at once</p>',
        '<ul>',
        '<li>an item left open</li>',
        '</ul>',
      ].join('\n'),
      actionItems: 0,
      diagnostics: [warning(12, '<div>', 1)],
    });
  });
});

describe('shape: a compound document title and ranges of days in the timeline', () => {
  it('reads the opening `# Title` whole (its words name no section kind for the sections under it) and keeps the first day of `Mar 2-4`, `Mar 6–7th`', () => {
    const result = fixture('title-and-day-ranges', 'ok.md');
    expect({
      sections: result.sections.map((section) => [section.heading, section.kind]),
      timeline: result.timeline.map((entry) => [entry.date, entry.at, entry.text]),
      diagnostics: lines(result),
    }).toEqual({
      sections: [
        ['Billing exports late - Events & Invoices Pipeline (March 2024)', null],
        ['Timeline', 'timeline'],
        ['Why did nobody notice sooner?', null],
      ],
      timeline: [
        ['2024-03-02', null, 'Export jobs slow down a little more each night'],
        ['2024-03-05', '2024-03-05T09:30:00Z', 'Finance reports missing invoice files'],
        ['2024-03-05', '2024-03-05T11:10:00Z', 'Export queue drained, files delivered'],
        ['2024-03-06', null, 'Backfill of the late files checked by finance'],
      ],
      diagnostics: [],
    });
  });
});

describe('shape: heading variants of personal and project collections', () => {
  it('reads "Issue Description:", "Why was this hard to detect?", "Steps to Resolution:", "Workarounds:" and drops dash placeholder cells from table entries', () => {
    const result = fixture('heading-variants', 'ok.md');
    expect({
      sections: result.sections.map((section) => [section.heading, section.kind]),
      summary: result.summary,
      detection: result.detection,
      resolution: result.resolution,
      timeline: result.timeline.map((entry) => [entry.at, entry.text]),
      diagnostics: lines(result),
    }).toEqual({
      sections: [
        ['Issue Description:', 'summary'],
        ['Timeline (all times UTC)', 'timeline'],
        ['Why was this hard to detect?', 'detection'],
        ['Steps to Resolution:', 'resolution'],
        ['Workarounds:', 'resolution'],
      ],
      summary: '- Remote viewers could not reach the media server for three days',
      detection: 'Local playback kept working, so nothing looked wrong from inside the house.',
      resolution: '- Port forward recreated on a non-default port\n\n- Viewers used the VPN in the meantime',
      timeline: [
        ['2021-03-14T08:10:00Z', 'Router firmware updates itself overnight'],
        ['2021-03-14T19:45:00Z', 'HOME-12 — First viewer reports the server offline'],
      ],
      diagnostics: [],
    });
  });
});

describe('shape: action tables under a status heading', () => {
  it('gives rows with no status cell the status of the heading above the table; a status cell still wins (done items need no owner)', () => {
    const result = fixture('action-table-status', 'ok.md');
    expect({
      actionItems: result.actionItems.map((item) => [item.text, item.owner, item.status, item.priority]),
      diagnostics: lines(result),
    }).toEqual({
      actionItems: [
        ['Raise the worker memory limit', 'media', 'done', null],
        ['Stream large images instead of loading them whole', null, 'open', 'High'],
        ['Alert on queue backlog', null, 'open', 'Medium'],
        ['Split the thumbnail queue per tenant', null, 'done', null],
      ],
      diagnostics: [
        'test/fixtures/shapes/action-table-status/ok.md:18:1  warning  Unexpected action item without an owner, expected `@handle` or `owner: name` in “Stream large images instead of loading them whole”  action-item-owner',
        'test/fixtures/shapes/action-table-status/ok.md:19:1  warning  Unexpected action item without an owner, expected `@handle` or `owner: name` in “Alert on queue backlog”  action-item-owner',
      ],
    });
  });
});

describe('shape: response figures under other names', () => {
  it('reads "Detection delay", "Time to mitigate (TTM)", "Time to full recovery of the service" and a label/value table row', () => {
    const result = fixture('stated-durations', 'ok.md');
    expect({ metrics: result.metrics, diagnostics: lines(result) }).toEqual({
      metrics: {
        timeToDetectMinutes: 72,
        timeToMitigateMinutes: 25,
        timeToResolveMinutes: 180,
        sources: { timeToDetectMinutes: 'stated', timeToMitigateMinutes: 'stated', timeToResolveMinutes: 'stated' },
      },
      diagnostics: [],
    });
  });

  it('takes nothing from words, `?`, `N/A`, placeholders or two figures under one label', () => {
    const result = fixture('stated-durations', 'not-ok.md');
    expect({ metrics: result.metrics, diagnostics: lines(result) }).toEqual({
      metrics: {
        timeToDetectMinutes: null,
        timeToMitigateMinutes: null,
        timeToResolveMinutes: null,
        sources: { timeToDetectMinutes: null, timeToMitigateMinutes: null, timeToResolveMinutes: null },
      },
      diagnostics: [],
    });
  });
});

describe('shape: metadata as headings (the Google SRE book template)', () => {
  const F = 'test/fixtures/shapes/field-headings';
  it('reads `### Date`, `### Authors` (a list), `### Status` with the value below and `## Severity: SEV-3`, and keeps each as a section', () => {
    const result = fixture('field-headings', 'ok.md');
    const { authors, status, date, severity } = result;
    expect({
      authors,
      status,
      date,
      severity,
      sections: result.sections.map((section) => [section.heading, section.kind]),
      diagnostics: lines(result),
    }).toEqual({
      authors: ['priya', 'tomasz', 'Lena Park'],
      status: 'final',
      date: '2024-02-19',
      severity: 'SEV-3',
      sections: [
        ['Thumbnail workers stopped after a queue rename (incident #212)', null],
        ['Date', null],
        ['Authors', null],
        ['Status', null],
        ['Summary', 'summary'],
        ['Root Causes', 'rootCause'],
        ['Severity: SEV-3', null],
      ],
      // A final postmortem owes these sections, as with a `**Status:** Complete` line.
      diagnostics: [
        `${F}/ok.md:1:1  error  Unexpected final postmortem without an Impact section, expected a \`## Impact\` heading  required-section`,
        `${F}/ok.md:1:1  error  Unexpected final postmortem without a Timeline section, expected a \`## Timeline\` heading  required-section`,
        `${F}/ok.md:1:1  error  Unexpected final postmortem without an Action items section, expected a \`## Action items\` heading  required-section`,
      ],
    });
  });

  it('takes the authors from an `Owner:` line when no author is named', () => {
    expect(parsePostmortem('# Cache flush\n\nOwner: Dana Reyes\n\n## Summary\n\nA flush.\n').authors).toEqual(['Dana Reyes']);
    expect(parsePostmortem('# Cache flush\n\nOwner: Dana Reyes\nAuthors: Sam Okafor\n\n## Summary\n\nA flush.\n').authors).toEqual(['Sam Okafor']);
  });

  it('takes no value from prose under such a heading or from an empty one', () => {
    const result = fixture('field-headings', 'not-ok.md');
    expect({
      status: result.status,
      authors: result.authors,
      sections: result.sections.map((section) => [section.heading, section.kind]),
      diagnostics: lines(result),
    }).toEqual({
      status: null,
      authors: [],
      sections: [
        ['Webhook retries doubled after a library upgrade', null],
        ['Summary', 'summary'],
        ['Status', null],
        ['Authors', null],
        ['Owner', null],
      ],
      diagnostics: [],
    });
  });
});

describe('shape: action items as labelled paragraphs', () => {
  const F = 'test/fixtures/shapes/action-paragraphs';
  it('reads `**Action item:** …` and `**Action:** …` under the problem they answer, and `**AI**: …` in a remediation section', () => {
    const result = fixture('action-paragraphs', 'ok.md');
    expect({ items: brief(result), diagnostics: lines(result) }).toEqual({
      items: [
        [10, "make the relay's replay skip messages that already have a delivery receipt.", 'marta', null, '2024-05-01', null],
        [16, 'move the duplicate-send alert next to the relay config, PAY-212', null, null, null, 'PAY-212'],
        [24, 'add a failover drill to the quarterly game day', 'Ken', 'done', null, null],
        [26, 'Write a runbook for relay failover', null, 'open', null, null],
      ],
      diagnostics: [
        `${F}/ok.md:16:1  warning  Unexpected action item without an owner, expected \`@handle\` or \`owner: name\` in “move the duplicate-send alert next to the relay config, PAY…”  action-item-owner`,
        `${F}/ok.md:26:1  warning  Unexpected action item without an owner, expected \`@handle\` or \`owner: name\` in “Write a runbook for relay failover”  action-item-owner`,
      ],
    });
  });

  it('reads no item from `AI:` outside a remediation section, `Action:` in a timeline or resolution, or a label over a list', () => {
    const result = fixture('action-paragraphs', 'not-ok.md');
    expect(brief(result)).toEqual([[23, 'Set a per-project cache quota', null, null, null, null]]);
  });
});

describe('shape: action items with a sub-list of fields (alone or mixed with plain points)', () => {
  const brief = (result: Postmortem) => result.actionItems.map((item) => [item.line, item.text, item.owner, item.status, item.due, item.priority, item.ticket]);
  it('reads `1. **Item**` over `- owner: …` / `- due: …` / `- status: …` lines, indented or flat after it, as one item', () => {
    const result = fixture('action-sub-lists', 'ok.md');
    expect({ items: brief(result), diagnostics: lines(result) }).toEqual({
      items: [
        [7, 'Cap client retries at three with jitter', 'ines', 'done', '2024-06-15', null, null],
        [11, 'Alert on export queue age', 'Rafael Costa', 'open', null, null, 'OPS-418'],
        [15, 'Write down who may pause exports', 'kemal', null, null, 'P2', null],
      ],
      diagnostics: [],
    });
  });

  it('reads a task list, or a field list after a paragraph, as before: items of their own (a sub-list that mixes fields and points is one item)', () => {
    const result = fixture('action-sub-lists', 'not-ok.md');
    expect(brief(result)).toEqual([
      [7, 'Rotate the signing key: Check the old key is revoked everywhere.', 'li', null, null, null, null],
      [13, 'status: done', null, null, null, null, null],
    ]);
  });

  it('takes `Owner:` / `Status:` / `Due:` / `Ticket:` lines as the item’s fields and keeps the other lines in its text, a status no word reads among them', () => {
    const result = fixture('action-mixed-sub-lists', 'ok.md');
    expect({ items: brief(result), diagnostics: lines(result) }).toEqual({
      items: [
        [
          7,
          'Renew certificates from one scheduled job: Move the three cron entries into the job; Keep the old entries disabled for a month',
          'priya',
          null,
          '2024-10-01',
          null,
          null,
        ],
        [12, 'Alert thirty days before any certificate expires: Covers the gateway and the internal CA.', null, 'done', null, null, 'SEC-88'],
        [16, "Document the manual renewal: Status: blocked on the vendor's new portal", 'Ana Ruiz', null, null, null, null],
      ],
      diagnostics: [],
    });
  });

  it('keeps the lines of a task list, of a sub-list with no line that gives a field, and of one under a label such as `Long-term:` as items of their own', () => {
    expect(brief(fixture('action-mixed-sub-lists', 'not-ok.md'))).toEqual([
      [9, 'Add a canary stage', null, 'open', null, null, null],
      [10, 'Rewrite the failover runbook', null, null, null, null, null],
      [11, 'Issue: the runbook still names the old primary', null, null, null, null, null],
      [12, 'Walk through it at the next game day', null, null, null, null, null],
      [15, 'Split the orders table by region', null, 'open', null, null, null],
    ]);
  });
});

describe('shape: causes, contributing factors and trigger mixed in one list or section', () => {
  const causes = (result: Postmortem) => ({
    rootCauses: result.rootCauses.map((cause) => cause.text),
    contributingFactors: result.contributingFactors.map((factor) => factor.text),
    trigger: result.trigger,
    inferred: result.inferred,
  });
  it('reads the sub-headings of "Why it failed" and the labelled items of a "What went wrong" list', () => {
    expect(causes(fixture('cause-kinds', 'ok.md'))).toEqual({
      rootCauses: [
        'The new certificate chain left out the intermediate the card network expects.',
        'the rotation script builds the chain from a hard-coded list.',
      ],
      contributingFactors: [
        'The staging network simulator accepts chains without the intermediate.',
        'Decline-rate alerts were tuned for weekday traffic only.',
        'nobody reviewed the script after the vendor changed intermediates.',
      ],
      trigger: 'A scheduled rotation job installed the chain at 09:00.',
      inferred: undefined,
    });
  });

  it('keeps a "Contributing factors" sub-section and items labelled "Contributing factor:" or "Trigger:" out of the root causes', () => {
    expect(causes(fixture('cause-kinds', 'root-cause-section.md'))).toEqual({
      rootCauses: ['the purge job skipped the grace period for tenants with no owner.', 'Ownership checks were added without a migration for older tenants.'],
      contributingFactors: ['The runbook still named the old scheduler.', "the job's dry-run mode logged nothing."],
      trigger: 'a bulk import created 400 tenants without an owner.',
      inferred: undefined,
    });
  });

  it('takes no cause from unlabelled went-wrong items or a bare "Cause:" label', () => {
    expect(causes(fixture('cause-kinds', 'not-ok.md'))).toEqual({ rootCauses: [], contributingFactors: [], trigger: null, inferred: undefined });
  });
});

describe('shape: start and end stated in a sentence', () => {
  const when = (result: Postmortem) => ({
    date: result.date,
    startedAt: result.startedAt,
    resolvedAt: result.resolvedAt,
    minutes: result.metrics.timeToResolveMinutes,
  });
  // When no timeline or label gives the times.
  it.each([
    [
      'The outage began at 14:05 UTC on 3 March 2021 and was resolved at 16:40',
      'began-and-resolved.md',
      ['2021-03-03', '2021-03-03T14:05:00Z', '2021-03-03T16:40:00Z', 155],
    ],
    ['From November 11, 4:02 PM UTC to November 14, 3:02 PM UTC, …', 'range.md', ['2022-11-11', '2022-11-11T16:02:00Z', '2022-11-14T15:02:00Z', 4260]],
  ] as const)('reads "%s"', (_sentence, name, [date, startedAt, resolvedAt, minutes]) => {
    expect(when(fixture('prose-times', name))).toEqual({ date, startedAt, resolvedAt, minutes });
  });

  it('says that a figure with an end read from a sentence is `stated`, as one from a written duration', () => {
    const noFigure = { timeToDetectMinutes: null, timeToMitigateMinutes: null };
    expect(fixture('prose-times', 'began-and-resolved.md').metrics).toEqual({
      ...noFigure,
      timeToResolveMinutes: 155,
      sources: { ...noFigure, timeToResolveMinutes: 'stated' },
    });
    // The start from the frontmatter, the end from a sentence.
    const result = fixture('prose-times', 'frontmatter-start.md');
    expect({ ...when(result), metrics: result.metrics }).toEqual({
      date: '2022-06-14',
      startedAt: '2022-06-14T08:30:00Z',
      resolvedAt: '2022-06-14T09:45:00Z',
      minutes: 75,
      metrics: { ...noFigure, timeToResolveMinutes: 75, sources: { ...noFigure, timeToResolveMinutes: 'stated' } },
    });
  });

  it('takes nothing from "we started rolling back at …", "resolved by …" or a day without a time', () => {
    expect(when(fixture('prose-times', 'not-read.md'))).toEqual({ date: '2023-01-09', startedAt: null, resolvedAt: null, minutes: null });
  });

  it('leaves the times to the timeline when there is one', () => {
    const path = 'test/fixtures/shapes/prose-times/began-and-resolved.md';
    const source = `${readFileSync(path, 'utf8')}\n## Timeline\n\n- 14:10 UTC Alert fires\n`;
    expect(when(parsePostmortem(source, { path, today: '2026-12-02' }))).toEqual({ date: null, startedAt: null, resolvedAt: null, minutes: null });
  });
});

describe('shape: a zone or date written once after a range of times', () => {
  const when = (result: Postmortem) => ({ date: result.date, startedAt: result.startedAt, resolvedAt: result.resolvedAt });
  it.each([
    ['from 14:05 to 16:40 CEST', 'from-to.md', { date: '2023-05-09', startedAt: '2023-05-09T14:05:00+02:00', resolvedAt: '2023-05-09T16:40:00+02:00' }],
    [
      'between 09:10 and 11:30 PST on 4 March 2023',
      'between-and.md',
      { date: '2023-03-04', startedAt: '2023-03-04T09:10:00-08:00', resolvedAt: '2023-03-04T11:30:00-08:00' },
    ],
    [
      'from 22:15–23:50 EST on January 12, 2024',
      'en-dash.md',
      { date: '2024-01-12', startedAt: '2024-01-12T22:15:00-05:00', resolvedAt: '2024-01-12T23:50:00-05:00' },
    ],
  ] as const)('gives the start of "%s" the zone and day written after its end', (_range, name, expected) => {
    expect(when(fixture('zone-carry', name))).toEqual(expected);
  });

  it('keeps a zone the start names itself, and reads nothing when the day named after the end has no year and the document no date', () => {
    expect([when(fixture('zone-carry', 'own-zone.md')), when(fixture('zone-carry', 'no-day.md'))]).toEqual([
      { date: '2023-08-21', startedAt: '2023-08-21T07:00:00Z', resolvedAt: '2023-08-21T09:30:00+02:00' },
      { date: null, startedAt: null, resolvedAt: null },
    ]);
  });

  it('reads timeline entries led by `14:05–14:40 CEST`, `From … to … CEST` and `Between … and … CEST` at their start, in that zone; `and` without `Between` is text', () => {
    const result = fixture('zone-carry', 'timeline.md');
    expect({ timeline: result.timeline.map((entry) => [entry.line, entry.at, entry.text]), diagnostics: lines(result) }).toEqual({
      timeline: [
        [7, '2023-10-02T14:05:00+02:00', 'replica lag above five minutes'],
        [8, '2023-10-02T15:10:00+02:00', 'reports served stale data'],
        [9, '2023-10-02T16:00:00+02:00', 'lag back under a minute'],
        [10, '2023-10-02T16:30:00Z', 'and 16:45 CEST checks both passed'],
      ],
      diagnostics: [
        'test/fixtures/shapes/zone-carry/timeline.md:5:1  info  Unexpected timeline times without a time zone, expected a zone on the times (`14:05 UTC`), a note such as "All times UTC" or `timezone` in the frontmatter; assuming UTC  timeline-no-zone',
      ],
    });
  });
});

describe('shape: an action-item label inside a paragraph', () => {
  const F = 'test/fixtures/shapes/action-mid-paragraph';
  it('reads an item from a bold label, or a label in capitals opening a sentence, to the end of its sentence; the words before it stay prose', () => {
    const result = fixture('action-mid-paragraph', 'ok.md');
    expect({ items: brief(result), diagnostics: lines(result) }).toEqual({
      items: [
        [8, 'add a liveness probe that checks the TLS call.', 'sam', null, null, null],
        [11, 'add a smoke test that starts the image before it is published, OPS-77.', null, null, null, 'OPS-77'],
        [12, 'pin the base image digest.', 'Lea Marx', null, '2024-08-01', null],
        [16, 'link the crash-loop dashboard from the runbook.', 'dmitri', 'open', null, null],
      ],
      diagnostics: [
        `${F}/ok.md:11:1  warning  Unexpected action item without an owner, expected \`@handle\` or \`owner: name\` in “add a smoke test that starts the image before it is publish…”  action-item-owner`,
      ],
    });
  });

  it('reads no item from "took action:", "The action:", a lower-case `action:` after a full stop, a bold `**Action**` without a colon, or `**Action:**` in a resolution', () => {
    expect(fixture('action-mid-paragraph', 'not-ok.md').actionItems).toEqual([]);
  });
});

/** The fields a report's header (lines or a label table above the first section) gives. */
const header = (result: Postmortem) => ({
  date: result.date,
  severity: result.severity,
  status: result.status,
  authors: result.authors,
  services: result.services,
  startedAt: result.startedAt,
  resolvedAt: result.resolvedAt,
});
/** The header of a report that gives only its date. */
const noHeaderBut = (date: string) => ({ date, severity: null, status: null, authors: [], services: [], startedAt: null, resolvedAt: null });

describe('shape: a metadata table with two label/value pairs per row', () => {
  it('reads `| Date | 2024-03-01 | Severity | SEV2 |` and the rows under it as label/value pairs, bold labels included', () => {
    expect(header(fixture('four-column-table', 'ok.md'))).toEqual({
      date: '2024-03-01',
      severity: 'SEV2',
      status: 'final',
      authors: ['Ana Ruiz', 'Bo Lind'],
      services: ['Refunds API'],
      startedAt: '2024-03-01T13:20:00Z',
      resolvedAt: '2024-03-01T15:05:00Z',
    });
  });

  it('takes nothing from a table whose first row names its columns (`| Component | Status | Owner | Notes |`) or whose cells are not labels', () => {
    expect(header(fixture('four-column-table', 'not-ok.md'))).toEqual(noHeaderBut('2024-02-12'));
  });
});

describe('shape: a table above the first section whose first row names its columns', () => {
  const read = (result: Postmortem) => ({
    ...header(result),
    summary: result.summary,
    columnNames: [...result.html.matchAll(/<th>(.*?)<\/th>/g)].map((match) => match[1]),
    cells: [...result.html.matchAll(/<td>(.*?)<\/td>/g)].map((match) => match[1]),
    diagnostics: lines(result),
  });
  it('reads a two-column table whose first row is a label and a value, or names `Field | Value` over label rows, or stands alone', () => {
    expect(read(fixture('top-tables', 'ok.md'))).toEqual({
      date: '2024-05-14',
      severity: 'SEV3',
      status: 'draft',
      authors: ['Lena Okafor'],
      services: ['Search indexer', 'Catalog API'],
      startedAt: '2024-05-14T09:45:00Z',
      resolvedAt: null,
      summary: 'New and edited products took up to 35 minutes to show in search while the indexer replayed a backlog.',
      columnNames: ['Date', '2024-05-14', 'Field', 'Value', 'Status', 'Draft'],
      cells: [
        'Severity',
        'SEV3',
        'Systems affected',
        'Search indexer, Catalog API',
        'Reported by',
        'on-call engineer',
        '<strong>Owner</strong>',
        'Lena Okafor',
        '<strong>Started</strong>',
        '2024-05-14 09:45 UTC',
      ],
      diagnostics: [],
    });
  });

  it('takes no metadata from column names (`| Services | Region | Impact | Duration |`, `| Summary | Impact |`) or rows of data, and keeps every table in the page', () => {
    expect(read(fixture('top-tables', 'not-ok.md'))).toEqual({
      ...noHeaderBut('2024-06-03'),
      summary: '',
      columnNames: [
        'Services',
        'Region',
        'Impact',
        'Duration',
        'Severity',
        'Status',
        'Owner',
        'Notes',
        'Systems',
        'Region',
        'Summary',
        'Impact',
        'Owner',
        'Started',
      ],
      cells: [
        'Checkout API',
        'eu-west-1',
        'errors',
        '40 min',
        'Web shop',
        'us-east-1',
        'slow pages',
        '15 min',
        'SEV2',
        'resolved',
        'sam',
        'paged twice',
        'Payments',
        'eu-west-1',
      ],
      diagnostics: [],
    });
  });
});

describe('shape: a "Why it wasn\u2019t caught" sub-section under the root cause', () => {
  const read = (result: Postmortem) => ({
    rootCauses: result.rootCauses.map((cause) => cause.text),
    detection: result.detection,
    sections: result.sections.map((section) => [section.heading, section.kind]),
  });
  it('reads it as detection, so its items are not root causes', () => {
    expect(read(fixture('not-caught', 'ok.md'))).toEqual({
      rootCauses: ['The price cache keyed entries by country but not by locale.'],
      detection: '- Staging serves a single locale.\n- No alert watched the share of prices shown in a fallback currency.',
      sections: [
        ['Wrong currency shown to Swiss visitors', null],
        ['Root cause', 'rootCause'],
        ["Why It Wasn't Caught", 'detection'],
      ],
    });
  });

  // "What we missed" names a shortfall of the team, a lesson: its items are not root causes (prosecause; they were when it inherited the kind).
  it('reads a "What we missed" sub-heading under the root cause as what went wrong, not more root causes', () => {
    const result = fixture('not-caught', 'not-ok.md');
    expect({ ...read(result), wentWrong: result.lessons.wentWrong }).toEqual({
      rootCauses: ['The price cache keyed entries by country but not by locale.'],
      detection: null,
      sections: [
        ['Wrong currency shown to Swiss visitors', null],
        ['Root cause', 'rootCause'],
        ['What we missed', 'lessons'],
      ],
      wentWrong: ['Staging serves a single locale.'],
    });
  });
});
