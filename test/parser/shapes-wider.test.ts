/**
 * Shapes found on wider samples of public postmortem collections (issue 12/13 acceptance,
 * bench/RESULTS.md "Wider samples"), one fixture folder per shape under
 * test/fixtures/shapes/<shape>/, written in our own words.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadPostmortems, parsePostmortem, type Diagnostic } from '@postmortem-kb/parser';

const parsedFixture = (path: string) => parsePostmortem(readFileSync(path, 'utf8'), { path, today: '2026-12-02' });

describe('shape: a template heading left above a real report', () => {
  const T = 'test/fixtures/shapes/template-heading-left';

  it('keeps a report whose `# ISSUE NAME` / `# Incident Title` heading was never replaced when it has dated events; the line below the heading names it, else the file name', async () => {
    const skipped: Diagnostic[] = [];
    const loaded = await loadPostmortems(`${T}/ok`, { workers: false, skipped, today: '2026-12-02' });
    expect({
      incidents: loaded.map((postmortem) => ({
        slug: postmortem.slug,
        title: postmortem.title,
        date: postmortem.date,
        timeline: postmortem.timeline.map((entry) => [entry.at, entry.text]),
        diagnostics: postmortem.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'missing-title').map(formatDiagnostic),
      })),
      skipped,
    }).toEqual({
      incidents: [
        {
          slug: '2024-03-05-badge-printer',
          title: 'Badge printer',
          date: '2024-03-05',
          timeline: [
            ['2024-03-05T09:10:00Z', 'Front desk reports blank badges.'],
            ['2024-03-05T09:40:00Z', 'Driver update rolled back on the print server.'],
          ],
          diagnostics: [
            `${T}/ok/2024-03-05-badge-printer.md:1:1  warning  Unexpected template placeholder \`ISSUE NAME\` as the title, expected \`title:\` in frontmatter or a \`# Title\` naming the incident; a title is made up  missing-title`,
          ],
        },
        {
          slug: 'queue-latency',
          title: 'Queue latency after the broker upgrade',
          date: '2024-04-02',
          timeline: [
            ['2024-04-02T10:05:00Z', 'Broker upgrade starts'],
            ['2024-04-02T10:20:00Z', 'Latency alert for the order queue'],
          ],
          diagnostics: [
            `${T}/ok/queue-latency.md:1:1  warning  Unexpected template placeholder \`Incident Title\` as the title, expected \`title:\` in frontmatter or a \`# Title\` naming the incident; the line below it, \`Queue latency after the broker upgrade\`, is used  missing-title`,
          ],
        },
      ],
      skipped: [],
    });
  });

  it('still skips a template whose placeholder heading has a line below it but no dated event', async () => {
    const skipped: Diagnostic[] = [];
    const loaded = await loadPostmortems(`${T}/not-ok`, { workers: false, skipped, today: '2026-12-02' });
    expect({ slugs: loaded.map((postmortem) => postmortem.slug), skipped: skipped.map(formatDiagnostic) }).toEqual({
      slugs: [],
      skipped: [
        `${T}/not-ok/incident-report.md:1:1  info  Unexpected postmortem template (its title \`Incident Title\` is a placeholder), expected an incident; the file is skipped (set \`template: false\` in its frontmatter to keep it)  postmortem-template`,
      ],
    });
  });
});

describe('shape: the day named in the title or the file name', () => {
  const T = 'test/fixtures/shapes/title-dates';
  const read = async (folder: string) =>
    (await loadPostmortems(`${T}/${folder}`, { workers: false, today: '2026-12-02' })).map((postmortem) => ({
      slug: postmortem.slug,
      date: postmortem.date,
      timeline: postmortem.timeline.map((entry) => [entry.at, entry.text]),
      diagnostics: postmortem.diagnostics
        .filter((diagnostic) => diagnostic.ruleId === 'missing-date' || diagnostic.ruleId === 'timeline-no-date')
        .map(formatDiagnostic),
    }));

  it('dates a report by its title (`# Nov 14 2022 Storage Brownout`) or its file name (`June-3-2023.md`), and its timeline by that day and year', async () => {
    expect(await read('ok')).toEqual([
      {
        slug: 'storage-brownout',
        date: '2022-11-14',
        timeline: [
          ['2022-11-14T09:05:00-08:00', 'Write latency alert fires.'],
          ['2022-11-14T11:10:00-08:00', 'Throttled tenant moved to its own pool.'],
        ],
        diagnostics: [],
      },
      {
        slug: 'june-3-2023',
        date: '2023-06-03',
        timeline: [
          ['2023-06-03T02:00:00Z', 'first import run'],
          ['2023-06-03T02:45:00Z', 'second run starts from a stale lock'],
        ],
        diagnostics: [],
      },
    ]);
  });

  it('takes no day from a title that names only a month, and says the date is missing', async () => {
    expect(await read('not-ok')).toEqual([
      {
        slug: 'covering-june',
        date: null,
        timeline: [],
        diagnostics: [
          `${T}/not-ok/covering-june.md:1:1  info  Unexpected postmortem without a date, expected \`date: YYYY-MM-DD\` in frontmatter, a \`Date:\` line or a \`YYYY-MM-DD-\` file-name prefix  missing-date`,
        ],
      },
    ]);
  });
});

describe('shape: numeric dates with dashes or dots (`07-21-2023`, `27-05-2025`, `19.09.2024`)', () => {
  const D = 'test/fixtures/shapes/dashed-dates';
  const read = (name: string) => {
    const result = parsedFixture(`${D}/${name}`);
    return {
      title: result.title,
      date: result.date,
      timeline: result.timeline.map((entry) => [entry.at, entry.date, entry.text]),
      diagnostics: result.diagnostics.map(formatDiagnostic),
    };
  };

  it('reads month-first lines that open with a date (time unknown, or `09:30 am`), the report dated by its earliest event, timed or not', () => {
    expect(read('month-first.md')).toEqual({
      title: 'Mobile login loop',
      date: '2024-03-14',
      timeline: [
        [null, '2024-03-14', 'A support ticket describes the login loop.'],
        ['2024-03-15T09:30:00-08:00', '2024-03-15', 'Token refresh change rolled back.'],
        ['2024-03-15T10:05:00-08:00', '2024-03-15', 'Logins stable again.'],
      ],
      diagnostics: [
        `${D}/month-first.md:1:1  info  Unexpected postmortem without a date, expected \`date: YYYY-MM-DD\` in frontmatter, a \`Date:\` line or a \`YYYY-MM-DD-\` file-name prefix; read 2024-03-14 from the earliest timeline entry  missing-date`,
      ],
    });
  });

  it('reads day-first dates, settled by a day above 12, in the title and the entries', () => {
    expect(read('day-first.md')).toEqual({
      title: '18-09-2024 - Billing export delayed',
      date: '2024-09-18',
      timeline: [
        ['2024-09-18T06:10:00Z', '2024-09-18', 'Export job starts late'],
        ['2024-09-18T07:45:00Z', '2024-09-18', 'Export finished, finance notified'],
        ['2024-09-19T08:00:00Z', '2024-09-19', 'Retry limit raised on the export queue'],
      ],
      diagnostics: [
        `${D}/day-first.md:3:1  info  Unexpected timeline times without a time zone, expected a zone on the times (\`14:05 UTC\`), a note such as "All times UTC" or \`timezone\` in the frontmatter; assuming UTC  timeline-no-zone`,
      ],
    });
  });

  it('keeps an entry whose dashed date reads both ways without a date, with a warning; ranges (`12-14`) and decimals (`3.5`) are no dates', () => {
    const result = read('ambiguous.md');
    expect({ ...result, diagnostics: result.diagnostics.filter((line) => !line.includes('missing-date')) }).toEqual({
      title: '04-03-2024 - Search index stale',
      date: null,
      timeline: [
        [null, null, 'Indexer stops consuming'],
        [null, null, 'Consumer restarted'],
      ],
      diagnostics: [
        `${D}/ambiguous.md:9:3  warning  Unexpected date \`04-03-2024\` that reads as 4 March 2024 or April 3 2024, expected an ISO date (\`2022-10-02\`) or a numeric date elsewhere in the document that settles the order (\`13/02/2023\` is day first); its entry is kept without a date  timeline-ambiguous-date`,
        `${D}/ambiguous.md:10:3  warning  Unexpected date \`05-03-2024\` that reads as 5 March 2024 or May 3 2024, expected an ISO date (\`2022-10-02\`) or a numeric date elsewhere in the document that settles the order (\`13/02/2023\` is day first); its entry is kept without a date  timeline-ambiguous-date`,
      ],
    });
  });
});

describe('shape: a dash between the date and the time (`**Nov 24 – 06:12 UTC** – …`, `- 24-10-2024 - 08:15 - …`)', () => {
  it('reads the time after the dash as the entry’s time; a number that is no time stays in the text of a day’s event', () => {
    const result = parsedFixture('test/fixtures/shapes/date-dash-time/ok.md');
    expect({
      date: result.date,
      timeline: result.timeline.map((entry) => [entry.at, entry.date, entry.text]),
      diagnostics: result.diagnostics.map(formatDiagnostic),
    }).toEqual({
      date: '2024-03-03',
      timeline: [
        ['2024-03-03T14:05:00Z', '2024-03-03', 'Report jobs start timing out'],
        ['2024-03-03T14:20:00Z', '2024-03-03', 'Worker pool doubled'],
        ['2024-03-04T09:10:00Z', '2024-03-04', 'Root cause found in the PDF library upgrade'],
        [null, '2024-03-04', '12 workers drained before the rollback'],
      ],
      diagnostics: [],
    });
  });
});

describe('shape: events written as headings (`### 9:05 AM`) and days as headings at the timeline’s level (`## June 4`)', () => {
  const H = 'test/fixtures/shapes/time-headings';
  const read = (name: string) => {
    const result = parsedFixture(`${H}/${name}`);
    return {
      kinds: result.sections.map((section) => [section.heading, section.kind]),
      timeline: result.timeline.map((entry) => [entry.at, entry.text, entry.line]),
      diagnostics: result.diagnostics.filter((diagnostic) => diagnostic.ruleId.startsWith('timeline')).map(formatDiagnostic),
    };
  };

  it('reads a heading that starts with a time as an event, the paragraphs, lists and quotes below it as its text', () => {
    expect(read('under-timeline.md')).toEqual({
      kinds: [
        ['Timeline (times in CET)', 'timeline'],
        ['9:05 AM', 'timeline'],
        ['9:20 AM', 'timeline'],
        ['9:31 AM', 'timeline'],
        ['Action items', 'remediation'],
      ],
      timeline: [
        ['2025-02-11T09:05:00+01:00', 'Uptime check fails for the notebook hub The probe got a 503 from the proxy.', 8],
        ['2025-02-11T09:20:00+01:00', 'Proxy pod found in a crash loop; Previous image restored', 12],
        ['2025-02-11T09:31:00+01:00', 'Hub reachable again.', 16],
      ],
      diagnostics: [],
    });
  });

  it('reads a "Follow-up timeline" as more of the timeline, not as follow-up actions', () => {
    const result = parsedFixture(`${H}/follow-up.md`);
    expect({
      kinds: result.sections.map((section) => [section.heading, section.kind]),
      timeline: result.timeline.map((entry) => [entry.at, entry.text]),
      actionItems: result.actionItems.map((item) => item.text),
    }).toEqual({
      kinds: [
        ['Timeline (times in CET)', 'timeline'],
        ['9:05 AM', 'timeline'],
        ['Follow-up timeline (times in CET)', 'timeline'],
        ['2:10 PM', 'timeline'],
        ['Follow-up actions', 'remediation'],
      ],
      timeline: [
        ['2025-03-02T09:05:00+01:00', 'Hub redeployed.'],
        ['2025-03-02T14:10:00+01:00', 'A user reports slow logins.'],
      ],
      actionItems: ['Add a login latency alert'],
    });
  });

  it('goes on with the timeline through day headings at its level, with its zone note, and stops at a heading that is no date', () => {
    expect(read('day-headings.md')).toEqual({
      kinds: [
        ['Timeline', 'timeline'],
        ['June 4', 'timeline'],
        ['22:10', 'timeline'],
        ['23:40', 'timeline'],
        ['June 5', 'timeline'],
        ['01:30', 'timeline'],
        ['Tuesday notes', null],
      ],
      timeline: [
        ['2025-06-04T22:10:00+02:00', 'Instructor reports servers taking ten minutes to start.', 12],
        ['2025-06-04T23:40:00+02:00', 'Node pool minimum raised to five.', 16],
        ['2025-06-05T01:30:00+02:00', 'Start times back under a minute.', 22],
      ],
      diagnostics: [],
    });
  });
});

describe('shape: an H1 that names a part of the report, or carries a `Title:` label', () => {
  const S = 'test/fixtures/shapes/section-name-h1';

  it('takes no title from `# Overview` (a later H1 is a section too) and makes one from the file name without its sequence number; strips `Title:` from `# Title: …`', () => {
    const read = (name: string) => {
      const result = parsedFixture(`${S}/${name}`);
      return { title: result.title, diagnostics: result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'missing-title').map(formatDiagnostic) };
    };
    expect([read('007-dns-wildcard-removed.md'), read('008-image-tag.md')]).toEqual([
      {
        title: 'Dns wildcard removed',
        diagnostics: [
          `${S}/007-dns-wildcard-removed.md:1:1  warning  Unexpected postmortem without a title, expected \`title:\` in frontmatter or a \`# Title\` heading  missing-title`,
        ],
      },
      { title: 'Nightly builds failing after a base image update', diagnostics: [] },
    ]);
  });
});
