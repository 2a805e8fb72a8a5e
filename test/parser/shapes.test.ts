/**
 * Shapes of real postmortems written by other teams and collections, one fixture pair per
 * shape under test/fixtures/shapes/<shape>/ (`ok.md` read in full, `not-ok.md` with the
 * diagnostics it must get). The fixtures are written in our own words.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatDiagnostic,
  ignoreMatcher,
  ignorePatternsProblem,
  loadPostmortemFiles,
  loadPostmortems,
  parsePostmortem,
  type Diagnostic,
  type Postmortem,
} from '@postmortem-kb/parser';

const fixture = (shape: string, name: string, as?: string): Postmortem => {
  const path = as ?? `test/fixtures/shapes/${shape}/${name}`;
  return parsePostmortem(readFileSync(`test/fixtures/shapes/${shape}/${name}`, 'utf8'), { path, today: '2026-12-02' });
};
const lines = (postmortem: Postmortem) => postmortem.diagnostics.map(formatDiagnostic);

describe('shape: keys of other collections', () => {
  it('reads company, product, component, keywords, start/end time and summary as ours; empty values are absent', () => {
    const result = fixture('frontmatter-keys', 'ok.md');
    expect({
      organization: result.organization,
      services: result.services,
      tags: result.tags,
      date: result.date,
      status: result.status,
      severity: result.severity,
      startedAt: result.startedAt,
      resolvedAt: result.resolvedAt,
      sources: result.sources,
      summary: result.summary,
      extra: result.extra,
      diagnostics: lines(result),
    }).toEqual({
      organization: 'Lantern Freight',
      services: ['Dispatch API', 'Tracking (web, mobile)', 'message queue'],
      tags: ['queue', 'backpressure'],
      date: '2023-05-14',
      status: null,
      severity: null,
      startedAt: '2023-05-14T07:10:00Z',
      resolvedAt: '2023-05-14T09:25:00Z',
      sources: [{ url: 'https://status.example.org/incidents/queue-stall', archiveUrl: 'https://archive.example.org/queue-stall' }],
      summary: 'A stalled consumer group let the dispatch queue grow until publishers timed out.',
      extra: {},
      diagnostics: [
        'test/fixtures/shapes/frontmatter-keys/ok.md:1:1  warning  Unexpected postmortem without a title, expected `title:` in frontmatter or a `# Title` heading  missing-title',
      ],
    });
    expect(result.metrics.timeToResolveMinutes).toBe(135);
  });

  it('names the key as written, at its line', () => {
    const result = fixture('frontmatter-keys', 'not-ok.md');
    expect([result.organization, result.startedAt, result.resolvedAt, result.date]).toEqual(['Lantern Freight', null, '2023-06-02T18:40:00Z', null]);
    expect(lines(result)).toEqual([
      'test/fixtures/shapes/frontmatter-keys/not-ok.md:6:1  error  Unexpected `status` value `"done"`, expected one of draft, in-review, final  frontmatter-schema',
      'test/fixtures/shapes/frontmatter-keys/not-ok.md:4:1  error  Unexpected `started: yesterday afternoon`: Unexpected `yesterday afternoon`, expected a date-time such as `2021-10-30T12:45:00-08:00` or `2021-10-30 12:45 PST`  frontmatter-time',
      'test/fixtures/shapes/frontmatter-keys/not-ok.md:1:1  info  Unexpected postmortem without a date, expected `date: YYYY-MM-DD` in frontmatter, a `Date:` line or a `YYYY-MM-DD-` file-name prefix  missing-date',
    ]);
  });
});

describe('shape: bold labels on one line', () => {
  it('splits services on commas outside parentheses and stops each value at the next bold label', () => {
    const result = fixture('labelled-lines', 'ok.md');
    expect({ date: result.date, severity: result.severity, services: result.services, summary: result.summary, diagnostics: lines(result) }).toEqual({
      date: '2023-02-07',
      severity: 'SEV2',
      services: ['Object Storage (Blob, Queue)', 'Backup', 'Archive'],
      summary: 'Writes to object storage failed for about forty minutes.',
      diagnostics: [],
    });
  });

  it('reads labels only before the first section, and keeps an unclosed parenthesis as one service', () => {
    const result = fixture('labelled-lines', 'not-ok.md');
    expect({ services: result.services, impact: result.impact.text }).toEqual({
      services: [],
      impact: 'Affected services: Object Storage (Blob, Queue, Backup\n\nWrites to object storage failed for about forty minutes.',
    });
  });
});

describe('README alias table', () => {
  it('lists exactly the aliases the parser reads', async () => {
    const { frontmatterAliases } = await import('../../packages/parser/src/lib/frontmatter.js');
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('| our key | also read from |'));
    const tableLines = table.split('\n');
    const rows = tableLines.slice(
      2,
      tableLines.findIndex((line) => !line.startsWith('|')),
    );
    const documented = Object.fromEntries(
      rows.map((row) => {
        const [ours, aliases] = row
          .split('|')
          .slice(1, 3)
          .map((cell) => [...cell.matchAll(/`([a-z_]+)`/g)].map((match) => match[1]!));
        return [ours![0]!, aliases!.filter((alias) => alias !== 'archive_url')];
      }),
    );
    expect(documented).toEqual(Object.fromEntries(Object.entries(frontmatterAliases).map(([key, aliases]) => [key, [...aliases]])));
  });
});

describe('shape: files named by an id', () => {
  it('never takes a title from a UUID file name: "<organization> incident, <date>"', () => {
    const result = fixture('titles', '5c1d8e2a-7b3f-4a60-9d2e-11f0c4b7a9e3.md');
    expect({ title: result.title, date: result.date, diagnostics: lines(result) }).toEqual({
      title: 'Kettle Analytics incident, 2022-11-08',
      date: '2022-11-08',
      diagnostics: [
        'test/fixtures/shapes/titles/5c1d8e2a-7b3f-4a60-9d2e-11f0c4b7a9e3.md:1:1  warning  Unexpected postmortem without a title, expected `title:` in frontmatter or a `# Title` heading  missing-title',
      ],
    });
  });

  it('takes the summary’s first sentence, cut at a word, when a hash-named file has no organization', () => {
    const result = fixture('titles', '9f2c4e7a1b3d.md');
    expect(result.title).toBe('A certificate on the internal payments gateway expired overnight and every call…');
  });

  it('falls back to "Untitled postmortem" for a number-named file with nothing else, with the warning', () => {
    const result = fixture('titles', '20231104.md');
    expect({ title: result.title, diagnostics: lines(result).filter((line) => line.includes('missing-title')) }).toEqual({
      title: 'Untitled postmortem',
      diagnostics: [
        'test/fixtures/shapes/titles/20231104.md:1:1  warning  Unexpected postmortem without a title, expected `title:` in frontmatter or a `# Title` heading  missing-title',
      ],
    });
  });

  it('does not render a body H1 that repeats the title, and no body heading at the page title’s level', () => {
    const result = fixture('titles', 'ok.md');
    expect(result.html).toBe(
      [
        '<p>A deploy restarted the indexer in the middle of a rebuild.</p>',
        '<h2 id="section-details">Details <a class="heading-anchor" href="#section-details" aria-label="Link to this section: Details">#</a></h2>',
        '<h3 id="section-what-we-saw">What we saw <a class="heading-anchor" href="#section-what-we-saw" aria-label="Link to this section: What we saw">#</a></h3>',
        '<p>The second rebuild doubled the load on the cluster.</p>',
      ].join('\n'),
    );
    expect(result.sections.map((section) => [section.heading, section.depth])).toEqual([
      ['Search index rebuilt twice', 1],
      ['Details', 1],
      ['What we saw', 2],
    ]);
  });
});

describe('shape: table timelines with a closing Stats list and paragraph lessons', () => {
  it('uses stated detection and recovery times when the timeline has no markers, and keeps each lessons paragraph', () => {
    const result = fixture('stats-and-lessons', 'ok.md');
    expect({ metrics: result.metrics, lessons: result.lessons, timeline: result.timeline.map((entry) => entry.at) }).toEqual({
      metrics: {
        timeToDetectMinutes: 54,
        timeToMitigateMinutes: null,
        timeToResolveMinutes: 148,
        sources: { timeToDetectMinutes: 'stated', timeToMitigateMinutes: null, timeToResolveMinutes: 'stated' },
      },
      lessons: {
        wentWell: [],
        wentWrong: [],
        lucky: [],
        learned: [
          'Pool sizes belong in load tests, not only in code review.',
          'A dashboard for queue time per connection would have shown the problem within minutes.',
        ],
      },
      timeline: ['2024-06-11T12:04:00+01:00', '2024-06-11T12:58:00+01:00', '2024-06-11T14:32:00+01:00'],
    });
  });

  it('takes nothing from `?`, words or `N/A`, and an empty lessons section stays a warning', () => {
    const result = fixture('stats-and-lessons', 'not-ok.md');
    expect({ metrics: result.metrics, learned: result.lessons.learned, diagnostics: lines(result) }).toEqual({
      metrics: {
        timeToDetectMinutes: null,
        timeToMitigateMinutes: null,
        timeToResolveMinutes: null,
        sources: { timeToDetectMinutes: null, timeToMitigateMinutes: null, timeToResolveMinutes: null },
      },
      learned: [],
      diagnostics: [
        'test/fixtures/shapes/stats-and-lessons/not-ok.md:5:1  warning  Unexpected empty “Lessons learned” section, expected what went well, what went wrong or where you got lucky  empty-lessons',
      ],
    });
  });

  it('prefers frontmatter times to a stated duration, and says so', () => {
    const result = parsePostmortem('---\nstarted_at: 2024-01-01T10:00:00Z\nresolved_at: 2024-01-01T11:00:00Z\n---\n\nDuration: 3 hours\n');
    expect(result.metrics).toEqual({
      timeToDetectMinutes: null,
      timeToMitigateMinutes: null,
      timeToResolveMinutes: 60,
      sources: { timeToDetectMinutes: null, timeToMitigateMinutes: null, timeToResolveMinutes: 'frontmatter' },
    });
  });
});

describe('shape: times as people write them', () => {
  const F = 'test/fixtures/shapes/times-as-written';
  it('reads `13:55 PM` as 13:55 with an info note, a `| Day | Date | Time | Event |` table and a date-led line', () => {
    const result = fixture('times-as-written', 'ok.md');
    expect({ timeline: result.timeline.map((entry) => [entry.at, entry.text, entry.line]), diagnostics: lines(result) }).toEqual({
      timeline: [
        ['2022-10-22T13:55:00Z', 'Broker upgrade starts on the first node', 9],
        ['2022-10-22T14:20:00Z', 'Webhook deliveries start failing', 10],
        ['2022-10-22T14:45:00Z', 'Upgrade rolled back', 11],
        ['2022-10-23T09:10:00Z', 'Replay of dropped webhooks begins', 17],
        ['2022-10-23T11:30:00Z', 'Replay complete', 18],
        ['2022-10-25T09:30:00Z', 'Patched broker version deployed', 22],
      ],
      diagnostics: [
        `${F}/ok.md:9:3  info  Unexpected \`PM\` after the 24-hour time \`13:55 PM\`, read as 13:55; expected \`13:55\` or \`1:55 PM\`  timeline-redundant-meridiem`,
        `${F}/ok.md:10:3  info  Unexpected \`PM\` after the 24-hour time \`14:20 PM\`, read as 14:20; expected \`14:20\` or \`2:20 PM\`  timeline-redundant-meridiem`,
      ],
    });
  });

  it('still reports times that cannot be valid (`13:55 AM`, `25:10`, `13:61`) and keeps their entries', () => {
    const result = fixture('times-as-written', 'not-ok.md');
    expect({ timeline: result.timeline.map((entry) => [entry.at, entry.text]), diagnostics: lines(result) }).toEqual({
      timeline: [
        [null, 'Broker upgrade starts on the first node'],
        [null, 'Webhook deliveries start failing'],
        [null, 'Upgrade rolled back'],
      ],
      diagnostics: [
        `${F}/not-ok.md:9:3  warning  Unexpected time \`13:55 AM\`, expected a valid time of day such as \`14:05\` or \`2:05 PM\`  timeline-invalid-time`,
        `${F}/not-ok.md:10:3  warning  Unexpected time \`25:10\`, expected a valid time of day such as \`14:05\` or \`2:05 PM\`  timeline-invalid-time`,
        `${F}/not-ok.md:11:3  warning  Unexpected time \`13:61\`, expected a valid time of day such as \`14:05\` or \`2:05 PM\`  timeline-invalid-time`,
      ],
    });
  });
});

describe('shape: plain action lists under a status heading or label', () => {
  it('takes each item’s status from the heading or label above its list; a checkbox still wins', () => {
    const result = fixture('action-status', 'ok.md');
    expect(result.actionItems.map((item) => [item.text, item.owner, item.status, item.line])).toEqual([
      ['Revert the cookie domain', 'ana', 'done', 9],
      ['Clear the broken sessions', 'ben', 'done', 10],
      ['Add a login smoke test to the deploy pipeline', 'ana', 'open', 14],
      ['Document the cookie settings', 'cy', 'done', 15],
      ['Page the identity team on login error spikes', 'ben', 'done', 19],
      ['Move session cookies to the new domain in stages', 'dee', 'open', 23],
    ]);
  });

  it('leaves the status unknown without such a heading or label (prose that merely mentions a word is no label)', () => {
    const result = fixture('action-status', 'not-ok.md');
    expect(result.actionItems.map((item) => [item.text, item.status])).toEqual([
      ['Revert the cookie domain', null],
      ['Add a login smoke test to the deploy pipeline', null],
    ]);
  });
});

describe('shape: templates among the reports', () => {
  const T = 'test/fixtures/shapes/templates';
  const skippedBecause = (reason: string, file: string) =>
    `${T}/${file}:1:1  info  Unexpected postmortem template (${reason}), expected an incident; the file is skipped (set \`template: false\` in its frontmatter to keep it)  postmortem-template`;

  it('skips templates by file name, placeholder title, frontmatter mark or placeholder body, each with an info diagnostic; `ignore` globs skip more', async () => {
    const skipped: Diagnostic[] = [];
    const loaded = await loadPostmortems(`${T}/ok`, { workers: false, ignore: ['drafts'], skipped, today: '2026-12-02' });
    expect({ slugs: loaded.map((postmortem) => postmortem.slug), skipped: skipped.map(formatDiagnostic) }).toEqual({
      slugs: ['2022-10-22-webhooks-dropped'],
      skipped: [
        skippedBecause('its title `ISSUE NAME - DD/MM/YYYY` holds a date format, not a date', 'ok/2022-10/issue-name.md'),
        skippedBecause('its file name `Incident-Template.md` names a template', 'ok/Incident-Template.md'),
        skippedBecause(
          'its body holds placeholders (`[Describe the incident in one paragraph]`, `XX:XX`, `[What happened]`) and no dated event',
          'ok/postmortem-skeleton.md',
        ),
        skippedBecause('its frontmatter marks it as a template', 'ok/runbook-form.md'),
      ],
    });
  });

  it('reads a directory an `ignore` glob does not name, and a file given by name whatever the globs say', async () => {
    const all = await loadPostmortemFiles([`${T}/ok`], { workers: false, ignore: ['*-skeleton.md', '/2022-??/issue-*'] });
    expect(all.map((postmortem) => postmortem.slug)).toEqual(['2022-10-22-webhooks-dropped', '2022-11-02-cache-stampede']);
    const named = await loadPostmortemFiles([`${T}/ok/drafts/2022-11-02-cache-stampede.md`], { workers: false, ignore: ['drafts/**'] });
    expect(named.map((postmortem) => postmortem.slug)).toEqual(['2022-11-02-cache-stampede']);
  });

  it('keeps incidents that merely mention templates or date formats, and a template-named file marked `template: false`', async () => {
    const skipped: Diagnostic[] = [];
    const loaded = await loadPostmortems(`${T}/not-ok`, { workers: false, skipped });
    expect({ slugs: loaded.map((postmortem) => postmortem.slug), skipped }).toEqual({
      slugs: ['2023-03-01-template-rendering', '2023-04-11-incident-template', '2023-05-09-redacted'],
      skipped: [],
    });
  });

  it.each([
    [['drafts/**'], 'drafts/a.md', true],
    [['drafts'], 'team/drafts/a.md', true],
    [['*-wip.md'], '2024/outage-wip.md', true],
    [['/2024/*.md'], '2024/a.md', true],
    [['/2024/*.md'], 'old/2024/a.md', false],
    [['2024/*.md'], '2024/deep/a.md', false],
    [['**/{old,archive}/**'], 'x/archive/y/a.md', true],
    [['[0-9][0-9][0-9][0-9]-*.md'], 'notes.md', false],
    [['*.MD'], 'a.md', true],
  ] as const)('ignore %j matches %s: %s', (patterns, path, expected) => {
    expect(ignoreMatcher(patterns).call(null, path)).toBe(expected);
  });

  it.each([[['!drafts/**']], [['']], [['../outside/**']], ['drafts/**']])('refuses the ignore option %j with a TypeError naming the problem', (patterns) => {
    expect(ignorePatternsProblem(patterns)).toMatch(/^(?:unexpected|expected)/);
    expect(() => ignoreMatcher(patterns as unknown as string[])).toThrow(TypeError);
  });
});

describe('shape: dates written first, day-first and month-first', () => {
  const D = 'test/fixtures/shapes/dated-lines';
  const timelineOf = (result: Postmortem) => result.timeline.map((entry) => [entry.at, entry.date, entry.text, entry.line]);

  it('reads date-led lines and bullets (time unknown: `date` kept, `at` null), date and time columns in either order, and day-first dates settled by `13/10/2022`', () => {
    const result = fixture('dated-lines', 'ok.md');
    expect({ timeline: timelineOf(result), diagnostics: lines(result) }).toEqual({
      timeline: [
        [null, '2022-10-02', 'Nightly export starts to lag behind the primary', 10],
        ['2022-10-02T14:05:00+01:00', '2022-10-02', 'Lag alert fires for the reporting replica', 11],
        ['2022-10-02T14:40:00+01:00', '2022-10-02', 'Export paused', 12],
        ['2022-10-03T09:15:00+01:00', '2022-10-03', 'Replica rebuilt from a fresh snapshot', 18],
        ['2022-10-13T16:00:00+01:00', '2022-10-13', 'Export resumed with a lower batch size', 19],
        ['2022-10-14T11:00:00+01:00', '2022-10-14', 'Batch size made configurable', 23],
        [null, '2022-10-20', 'Runbook updated', 25],
        [null, '2022-10-21', 'Review meeting held', 26],
        [null, '2022-10-24', 'Alert threshold lowered to five minutes', 30],
      ],
      diagnostics: [],
    });
  });

  it('settles a date that reads both ways by the incident date when only one reading is near it; `04/04` reads the same both ways', () => {
    const result = fixture('dated-lines', 'settled.md');
    expect(timelineOf(result)).toEqual([
      ['2023-04-03T08:10:00Z', '2023-04-03', 'Migration starts', 10],
      ['2023-04-04T10:45:00Z', '2023-04-04', 'Old index removed', 11],
    ]);
  });

  it('keeps entries whose date reads both ways without a date, with a warning at the date, when nothing settles the order', () => {
    const result = fixture('dated-lines', 'not-ok.md');
    const ambiguous = (line: number, column: number, written: string, dayFirst: string, monthFirst: string) =>
      `${D}/not-ok.md:${line}:${column}  warning  Unexpected date \`${written}\` that reads as ${dayFirst} or ${monthFirst}, expected an ISO date (\`2022-10-02\`) or a numeric date elsewhere in the document that settles the order (\`13/02/2023\` is day first); its entry is kept without a date  timeline-ambiguous-date`;
    expect({ timeline: timelineOf(result), diagnostics: lines(result) }).toEqual({
      timeline: [
        [null, null, 'Certificate rotated on the brokers', 7],
        [null, null, 'Consumers start failing the handshake', 8],
        [null, null, 'Clients patched', 9],
        [null, '2023-03-13', 'Broker restarted', 13],
        [null, '2023-03-14', 'Broker restarted again', 14],
        [null, null, 'Which day was this?', 15],
      ],
      diagnostics: [
        ambiguous(7, 1, '02/03/2023', '2 March 2023', 'February 3 2023'),
        ambiguous(8, 1, '02/03/2023', '2 March 2023', 'February 3 2023'),
        ambiguous(9, 1, '03/04/2023', '3 April 2023', 'March 4 2023'),
        ambiguous(15, 3, '05/06/2023', '5 June 2023', 'May 6 2023'),
        `${D}/not-ok.md:1:1  info  Unexpected postmortem without a date, expected \`date: YYYY-MM-DD\` in frontmatter, a \`Date:\` line or a \`YYYY-MM-DD-\` file-name prefix; read 2023-03-13 from the earliest timeline entry  missing-date`,
      ],
    });
  });

  it('reads `October 25, 2022 was …` (no separator after the date) as prose, not an entry', () => {
    const result = parsePostmortem('---\ntitle: t\ndate: 2022-10-25\n---\n\n## Timeline\n\nOctober 25, 2022 was a long day.\n\n2022-10-25 — Patch shipped\n');
    expect(timelineOf(result)).toEqual([[null, '2022-10-25', 'Patch shipped', 10]]);
  });
});

describe('shape: prose-only reports', () => {
  const P = 'test/fixtures/shapes/prose';
  const read = (name: string) => {
    const result = parsePostmortem(readFileSync(`${P}/${name}`, 'utf8'), { path: `${P}/${name}`, today: '2026-12-02' });
    return { rootCauses: result.rootCauses, trigger: result.trigger, resolution: result.resolution, inferred: result.inferred };
  };

  it('fills root causes, trigger and resolution from the sentences that state them, marked inferred', () => {
    expect(read('ok/b61f0a2c.md')).toEqual({
      rootCauses: [
        { text: 'The root cause was a disk on one of the queue servers that filled up with debug logs after a logging change last week.', inferred: true },
      ],
      trigger: 'The problem was triggered by a routine restart that moved most of the traffic onto the affected server.',
      resolution: 'We resolved it by clearing the logs and moving traffic back across all queue servers, after which the backlog drained within forty minutes.',
      inferred: ['rootCauses', 'trigger', 'resolution'],
    });
    expect(read('ok/9b2e8d31.md')).toEqual({
      rootCauses: [
        {
          text: 'The underlying cause of the outage was that our deployment tool did not check which zone a switch belonged to before applying a filter.',
          inferred: true,
        },
      ],
      trigger: 'A configuration push to the top-of-rack switches was the trigger: it contained a route filter meant for a different zone.',
      resolution: 'Engineers reverted the push zone by zone; we restored connectivity to the last racks at 12:40 UTC.',
      inferred: ['rootCauses', 'trigger', 'resolution'],
    });
    expect(read('ok/5a0c4e19.md')).toEqual({
      rootCauses: [{ text: 'The outage was due to a DNS record that a cleanup script removed because it looked unused.', inferred: true }],
      trigger: null,
      resolution: "We rolled back the script's change and the record came back, which restored access.",
      inferred: ['rootCauses', 'resolution'],
    });
  });

  it('gives at least half of a prose collection a root cause, and none to a report that states no cause', async () => {
    const loaded = await loadPostmortems(`${P}/ok`, { workers: false });
    const withCause = loaded.filter((postmortem) => postmortem.rootCauses.length > 0).map((postmortem) => postmortem.slug);
    expect(withCause.sort()).toEqual(['0d93e71b', '5a0c4e19', '9b2e8d31', 'b61f0a2c', 'e7c2d5f0']);
    expect(withCause.length * 2).toBeGreaterThanOrEqual(loaded.length);
    expect(loaded.find((postmortem) => postmortem.slug === '44c1')?.rootCauses).toEqual([]);
  });

  it('infers nothing from "due to the holidays" or a cause not known yet, nor where a Root cause section exists', () => {
    expect(read('not-ok/3c7d9e02.md')).toEqual({ rootCauses: [], trigger: null, resolution: null, inferred: undefined });
    expect(read('not-ok/with-sections.md')).toEqual({
      rootCauses: [{ text: 'An eviction setting copied from staging.' }],
      trigger: null,
      resolution: null,
      inferred: undefined,
    });
  });
});

describe('shape: images', () => {
  it('keeps markdown images and raw <img> sanitised (src, alt, title, width, height; no script or data URLs; lazy), relative ones listed and served from media/', () => {
    const result = parsePostmortem(readFileSync('test/fixtures/shapes/images/ok/2023-09-12-ingest-backlog.md', 'utf8'), {
      path: 'test/fixtures/shapes/images/ok/2023-09-12-ingest-backlog.md',
    });
    expect({ html: result.html.split('\n').filter((line) => line.includes('<img')), images: result.images }).toEqual({
      html: [
        '<p><img src="media/0-ingest-lag.png" alt="Ingest lag during the incident" title="Lag in minutes" loading="lazy"></p>',
        '<p><img src="media/1-consumer-count.png" alt="Consumers per partition" width="640" loading="lazy"></p>',
        '<p>Dashboards we used: <img src="https://status.example.org/badge.png" alt="status" loading="lazy"> and the',
      ],
      images: [
        { src: 'media/0-ingest-lag.png', file: 'images/ingest-lag.png' },
        { src: 'media/1-consumer-count.png', file: 'images/consumer count.png' },
      ],
    });
  });

  it('shows the alt text of an image whose javascript: or data: source the sanitiser dropped, not an empty image', () => {
    const result = parsePostmortem(readFileSync('test/fixtures/shapes/images/ok/2023-09-12-ingest-backlog.md', 'utf8'));
    expect(result.html).toContain(
      '<p>Dashboards we used: <img src="https://status.example.org/badge.png" alt="status" loading="lazy"> and the\nbad and inline.</p>',
    );
    expect(result.html).not.toMatch(/<img(?![^>]*\bsrc=)[^>]*>/);
  });

  it('lists no images for a body without relative ones', () => {
    expect(parsePostmortem('# T\n\n![remote](https://example.org/a.png)\n').images).toBeUndefined();
  });
});
