/**
 * Timeline and date shapes left over from the wider samples of public collections (issue 12,
 * bench/RESULTS.md "Wider samples" and "Further collections"), one fixture folder per shape under
 * test/fixtures/shapes5/<shape>/, written in our own words.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadPostmortems, parsePostmortem, type Postmortem } from '@postmortem-kb/parser';

const F = 'test/fixtures/shapes5';
const today = '2026-12-02';

const summary = (postmortem: Postmortem) => ({
  slug: postmortem.slug,
  date: postmortem.date,
  timeline: postmortem.timeline.map((entry) => [entry.at, entry.date, entry.text, entry.line]),
  diagnostics: postmortem.diagnostics.map(formatDiagnostic),
});
const parsed = (path: string) => parsePostmortem(readFileSync(path, 'utf8'), { path, today });
const loaded = async (dir: string) => (await loadPostmortems(dir, { workers: false, today })).map(summary);

const missingDate = (path: string, read = '') =>
  `${path}:1:1  info  Unexpected postmortem without a date, expected \`date: YYYY-MM-DD\` in frontmatter, a \`Date:\` line or a \`YYYY-MM-DD-\` file-name prefix${read}  missing-date`;
const ambiguous = (place: string, written: string, readings: string) =>
  `${place}  warning  Unexpected date \`${written}\` that reads as ${readings}, expected an ISO date (\`2022-10-02\`) or a numeric date elsewhere in the document that settles the order (\`13/02/2023\` is day first); its entry is kept without a date  timeline-ambiguous-date`;

describe('shape: a timeline kept in a code block', () => {
  const D = `${F}/code-timeline`;

  it('reads the lines of a fenced block without a language as entries, a line without a time continuing the one above, and keeps the block on the page under "The timeline as written"', () => {
    const result = parsed(`${D}/ok.md`);
    expect(summary(result)).toEqual({
      slug: 'ok',
      date: '2024-02-07',
      timeline: [
        ['2024-02-07T13:52:00Z', '2024-02-07', 'Cache node 3 reports disk pressure', 17],
        ['2024-02-07T14:05:00Z', '2024-02-07', 'Eviction sweep starts on all nodes (the sweep ignores the pinned set)', 18],
        ['2024-02-07T14:31:00Z', '2024-02-07', 'Build times triple; on-call paged', 20],
        ['2024-02-07T15:10:00Z', '2024-02-07', 'Sweep disabled, pinned set restored', 21],
      ],
      diagnostics: [],
    });
    expect(result.sections.find((section) => section.kind === 'timeline')?.text).toBe(
      [
        'Copied from the incident channel, aligned by hand:',
        '',
        '13:52  Cache node 3 reports disk pressure',
        '14:05  Eviction sweep starts on all nodes',
        '       (the sweep ignores the pinned set)',
        '14:31  Build times triple; on-call paged',
        '15:10  Sweep disabled, pinned set restored',
      ].join('\n'),
    );
    expect(result.html).toContain('<details data-recognised="timeline"><summary>The timeline as written</summary><pre><code>13:52  Cache node 3');
  });

  it('reads a tab-indented block (markdown reads it as code) with dated lines in the zone of the section note', () => {
    expect(summary(parsed(`${D}/indented.md`))).toEqual({
      slug: 'indented',
      date: '2023-11-20',
      timeline: [
        ['2023-11-20T07:40:00+01:00', '2023-11-20', 'Doors on floor 2 stop accepting badges', 12],
        ['2023-11-20T07:55:00+01:00', '2023-11-20', 'Facilities switch the doors to manual no events overnight', 13],
        ['2023-11-21T09:15:00+01:00', '2023-11-21', 'Controller firmware rolled back', 15],
      ],
      diagnostics: [],
    });
  });

  it('leaves a log (levels after the times), blocks in a language (`sh`, `json`) and a block whose lines are mostly not time-led as code', () => {
    const result = parsed(`${D}/not-ok.md`);
    expect(summary(result)).toEqual({
      slug: 'not-ok',
      date: '2024-05-14',
      timeline: [
        ['2024-05-14T09:12:00Z', '2024-05-14', 'Webhook error rate alert fires', 10],
        ['2024-05-14T09:40:00Z', '2024-05-14', 'Retry queue drained by hand', 11],
      ],
      diagnostics: [],
    });
    expect(result.html).toContain('<pre><code>09:12:04 ERROR webhook delivery failed');
    expect(result.html.match(/<details data-recognised="timeline">/g)).toHaveLength(1);
  });
});

describe('shape: numeric dates with a two-digit year and dashes (`5-26-21`)', () => {
  const D = `${F}/two-digit-years`;

  it('reads month-first `5-26-21` in the title and the entries, beside `5/27/21`', () => {
    expect(summary(parsed(`${D}/month-first.md`))).toEqual({
      slug: 'month-first',
      date: '2021-05-26',
      timeline: [
        ['2021-05-26T16:49:00Z', '2021-05-26', 'Default branch renamed from master to main', 9],
        ['2021-05-26T16:52:00Z', '2021-05-26', 'Status page returns 404; on-call responds', 10],
        ['2021-05-27T09:00:00Z', '2021-05-27', 'Hosting support confirms a stalled deploy job', 11],
      ],
      diagnostics: [],
    });
  });

  it('reads day-first `26-05-21`, a date-only line as an entry of that day', () => {
    const path = `${D}/day-first.md`;
    expect(summary(parsed(path))).toEqual({
      slug: 'day-first',
      date: '2021-05-26',
      timeline: [
        ['2021-05-26T08:10:00Z', '2021-05-26', 'Relay queue passes 10k messages', 5],
        ['2021-05-26T08:45:00Z', '2021-05-26', 'Second relay added to the pool', 6],
        [null, '2021-05-27', 'Queue back to normal overnight', 7],
      ],
      diagnostics: [missingDate(path, '; read 2021-05-26 from the earliest timeline entry')],
    });
  });

  it('warns where nothing settles `04-03-21`, and reads neither `1.2.10` (a version) nor `12-14` (a range) as a date', () => {
    const path = `${D}/not-ok.md`;
    expect(summary(parsed(path))).toEqual({
      slug: 'not-ok',
      date: null,
      timeline: [
        [null, null, 'Spooler crashes on the third floor', 5],
        [null, null, 'Spooler restarted', 6],
        [null, null, 'Version 1.2.10 of the driver was installed, and 12-14 printers were affected.', 7],
      ],
      diagnostics: [
        ambiguous(`${path}:5:3`, '04-03-21', '4 March 2021 or April 3 2021'),
        ambiguous(`${path}:6:3`, '04-03-21', '4 March 2021 or April 3 2021'),
        missingDate(path),
      ],
    });
  });
});

describe('shape: bracketed month and day without a year (`[12-05 16:21]`)', () => {
  const D = `${F}/month-day-brackets`;

  it('reads them month first as `[03-26 …]` settles, in the report’s year, and the December lead-up of a March incident in the year before', () => {
    const path = `${D}/ok.md`;
    const outside = (line: number, at: string) =>
      `${path}:${line}:1  warning  Unexpected timeline entry at ${at} outside the incident (2019-03-26T23:04:00-07:00 to 2019-03-27T08:10:00-07:00), expected it within a day before the start and a week after the end  timeline-outside-window`;
    expect(summary(parsed(path))).toEqual({
      slug: 'ok',
      date: '2019-03-26',
      timeline: [
        ['2018-12-05T16:21:00-07:00', '2018-12-05', 'A crash on start-up is merged into the scheduler', 11],
        ['2019-03-20T16:46:00-07:00', '2019-03-20', "The scheduler's spec is updated but its pod is not replaced", 12],
        ['2019-03-26T17:40:00-07:00', '2019-03-26', 'The node upgrade starts on the build cluster', 13],
        ['2019-03-26T23:04:00-07:00', '2019-03-26', "The scheduler's node is drained and the new pod crash-loops (outage starts)", 14],
        ['2019-03-27T08:10:00-07:00', '2019-03-27', 'A fixed scheduler is deployed (outage ends)', 15],
      ],
      diagnostics: [outside(11, '2018-12-05T16:21:00-07:00'), outside(12, '2019-03-20T16:46:00-07:00')],
    });
  });

  it('warns where neither reading is near the incident date, and leaves `12-14` outside brackets as text', () => {
    const path = `${D}/not-ok.md`;
    expect(summary(parsed(path))).toEqual({
      slug: 'not-ok',
      date: '2023-08-01',
      timeline: [
        [null, null, 'Export job stops writing files', 10],
        [null, null, 'Job restarted by hand', 11],
        [null, null, '12-14 workers were idle during the stall.', 12],
      ],
      diagnostics: [ambiguous(`${path}:10:4`, '04-05', '4 May or April 5'), ambiguous(`${path}:11:4`, '04-05', '4 May or April 5')],
    });
  });
});

describe('shape: the year only in the folder name (`2026/23 June.md`, `2022/03/…`, `2023-04/04-25-…`, `May2021/…`)', () => {
  const D = `${F}/folder-year`;

  it('dates a report that gives day and month by the year of its folder below the loaded root, with an info note saying so', async () => {
    const read = (path: string, folder: string) => `; read ${path} from the day and month it gives, in the year of its folder \`${folder}\``;
    expect(await loaded(`${D}/ok`)).toEqual([
      {
        slug: 'installer-link',
        date: '2021-05-10',
        timeline: [
          ['2021-05-10T09:15:00Z', '2021-05-10', 'The installer link on the wiki is edited to point elsewhere', 5],
          ['2021-05-10T10:03:00Z', '2021-05-10', 'The edit is reverted and the wiki locked', 6],
        ],
        diagnostics: [missingDate(`${D}/ok/May2021/installer-link.md`, read('2021-05-10', 'May2021'))],
      },
      {
        slug: 'search-reindex',
        date: '2022-03-14',
        timeline: [
          ['2022-03-14T09:20:00Z', '2022-03-14', 'Reindex job stops making progress', 5],
          ['2022-03-14T10:05:00Z', '2022-03-14', 'Job restarted with a smaller batch size', 6],
        ],
        diagnostics: [
          missingDate(
            `${D}/ok/2022/03/search-reindex.md`,
            '; read 2022-03-14 from the earliest timeline entry (a day written without a year is in the year of its folder `2022/03`)',
          ),
        ],
      },
      {
        slug: '04-25-account-lockout',
        date: '2023-04-25',
        timeline: [
          ['2023-04-25T11:12:00-08:00', '2023-04-25', 'A sign-in alert from an unfamiliar address reaches the user.', 5],
          ['2023-04-25T11:31:00-08:00', '2023-04-25', 'The security team locks the account.', 7],
        ],
        diagnostics: [missingDate(`${D}/ok/2023-04/04-25-account-lockout.md`, read('2023-04-25', '2023-04'))],
      },
      {
        slug: '23-june',
        date: '2026-06-23',
        timeline: [],
        diagnostics: [missingDate(`${D}/ok/2026/23 June.md`, read('2026-06-23', '2026'))],
      },
    ]);
  });

  it('takes no year from a folder above the loaded root, nor when the file is parsed without its folder', async () => {
    const path = `${D}/not-ok/2019/23 June.md`;
    const undated = {
      slug: '23-june',
      date: null,
      timeline: [[null, null, 'Queue consumers stop', 7]],
      diagnostics: [
        `${path}:5:1  info  Unexpected timeline times without a date, expected a date heading (\`### 2021-10-30\`), a date on the entries or \`date\` in the frontmatter; their \`at\` is left empty  timeline-no-date`,
        missingDate(path),
      ],
    };
    expect(await loaded(`${D}/not-ok/2019`)).toEqual([undated]);
    expect(summary(parsed(path))).toEqual(undated);
    expect(summary(parsePostmortem(readFileSync(path, 'utf8'), { path, today, folder: '2019' })).date).toBe('2019-06-23');
  });
});

describe('shape: root causes listed under each incident of a report covering several', () => {
  const D = `${F}/root-cause-labels`;

  it('reads `**Root causes:**` and `Causes:` lists as root causes (each once, after the Root cause section’s) and `**Contributing factors:**` as contributing factors, not as timeline entries', () => {
    const path = `${D}/ok.md`;
    const result = parsed(path);
    expect({ ...summary(result), rootCauses: result.rootCauses, contributingFactors: result.contributingFactors }).toEqual({
      slug: 'ok',
      date: '2024-03-04',
      timeline: [
        ['2024-03-04T21:40:00Z', '2024-03-04', 'Deploy of the timeout change', 21],
        ['2024-03-04T21:44:00Z', '2024-03-04', 'Error rate alert fires', 22],
        ['2024-03-04T23:10:00Z', '2024-03-04', 'Service recovered', 23],
        ['2024-03-06T18:00:00Z', '2024-03-06', 'Rate limiter enabled', 38],
        ['2024-03-06T19:12:00Z', '2024-03-06', 'Rate limiter disabled', 39],
        ['2024-03-08T02:30:00Z', '2024-03-08', 'Latency alert fires', 50],
        ['2024-03-08T05:40:00Z', '2024-03-08', 'Pods resized, latency back to normal', 51],
      ],
      rootCauses: [
        { text: 'Undersized pods behind two of the three outages.' },
        { text: 'Pods sized too small for the load, so connection pools were rebuilt under CPU pressure' },
        { text: 'No CPU alerting: nothing warned before the pools ran out' },
        { text: 'A cache shared with the main application' },
        { text: "The rate limiter saw the load balancer's address as every client's" },
      ],
      contributingFactors: [{ text: 'No alert on 429 responses' }],
      diagnostics: [missingDate(path, '; read 2024-03-04 from the earliest timeline entry')],
    });
  });

  it('keeps a list labelled `**Timeline:**` or by words it does not know as that day’s events, and gives no causes', () => {
    const path = `${D}/not-ok.md`;
    const result = parsed(path);
    expect({ ...summary(result), rootCauses: result.rootCauses }).toEqual({
      slug: 'not-ok',
      date: '2024-06-01',
      timeline: [
        [null, '2024-06-01', 'Freeze announced to every team', 9],
        ['2024-06-01T22:00:00Z', '2024-06-01', 'Migration starts', 10],
        [null, '2024-06-02', 'Replication lag stayed under a minute', 16],
        [null, '2024-06-02', 'Two clients cached the old endpoint', 17],
      ],
      rootCauses: [],
      diagnostics: [missingDate(path, '; read 2024-06-01 from the earliest timeline entry')],
    });
  });
});

describe('shape: numeric dates that all read both ways (`04-03-2026` everywhere)', () => {
  const D = `${F}/date-order`;

  it('settles the order by the folder’s month, a day written with its month name, the dates’ spread or the frontmatter date', async () => {
    expect(await loaded(`${D}/ok`)).toEqual([
      {
        slug: 'worded-day',
        date: '2026-01-12',
        timeline: [
          ['2026-01-12T09:52:00Z', '2026-01-12', 'Customers report failures', 5],
          ['2026-01-12T10:40:00Z', '2026-01-12', 'New certificate issued, service restored', 6],
        ],
        diagnostics: [],
      },
      {
        slug: '04-03-2026-runner-secrets',
        date: '2026-03-04',
        timeline: [
          ['2026-03-04T15:48:00Z', '2026-03-04', 'A researcher reports the injection', 5],
          ['2026-03-04T16:30:00Z', '2026-03-04', 'Workflow disabled', 6],
        ],
        diagnostics: [],
      },
      {
        slug: 'frontmatter-date',
        date: '2026-03-04',
        timeline: [
          ['2026-03-04T09:00:00Z', '2026-03-04', 'Restore test fails', 8],
          [null, '2026-04-10', 'Verification job added to the nightly run', 9],
        ],
        diagnostics: [
          `${D}/ok/frontmatter-date.md:6:1  info  Unexpected timeline times without a time zone, expected a zone on the times (\`14:05 UTC\`), a note such as "All times UTC" or \`timezone\` in the frontmatter; assuming UTC  timeline-no-zone`,
        ],
      },
      {
        slug: 'spread',
        date: '2026-03-11',
        timeline: [
          [null, '2026-03-11', 'Quota change merged', 5],
          [null, '2026-03-12', 'First tenant hits the new quota', 6],
          [null, '2026-04-01', 'Quota raised for every tenant', 7],
        ],
        diagnostics: [missingDate(`${D}/ok/spread.md`, '; read 2026-03-11 from the earliest timeline entry')],
      },
    ]);
  });

  it('keeps the warning when nothing settles the order, or when the evidence disagrees (an April folder, "4 March" in the text)', async () => {
    const entries = (path: string, text: string) => ({
      date: null,
      timeline: [
        [null, null, text, 5],
        [null, null, text === 'A researcher reports the leak' ? 'Token revoked' : 'Workflow disabled', 6],
      ],
      diagnostics: [
        ambiguous(`${path}:5:5`, '04-03-2026', '4 March 2026 or April 3 2026'),
        ambiguous(`${path}:6:5`, '04-03-2026', '4 March 2026 or April 3 2026'),
        missingDate(path),
      ],
    });
    expect(await loaded(`${D}/not-ok`)).toEqual([
      { slug: 'conflict', ...entries(`${D}/not-ok/2026/04/conflict.md`, 'A researcher reports the leak') },
      { slug: 'same-day', ...entries(`${D}/not-ok/same-day.md`, 'A researcher reports the injection') },
    ]);
  });
});
