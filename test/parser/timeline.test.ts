import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../../packages/parser/src/lib/diagnostics.js';
import { parseMarkdown } from '../../packages/parser/src/lib/markdown.js';
import type { Diagnostic, Marker, TimelineEntry } from '../../packages/parser/src/lib/schema.js';
import { splitSections } from '../../packages/parser/src/lib/sections.js';
import { extractTimeline, type TimelineContext } from '../../packages/parser/src/lib/timeline.js';

const incident: TimelineContext = { date: '2021-10-30', timezone: null };

/** Entries and diagnostics of the first timeline section of `markdown`. */
function extract(markdown: string, context: TimelineContext = incident): { entries: TimelineEntry[]; diagnostics: Diagnostic[] } {
  const sections = splitSections(parseMarkdown(markdown));
  const section = sections.find((candidate) => candidate.kind === 'timeline');
  if (!section) throw new Error('test markdown has no timeline section');
  const sink = new DiagnosticSink('pm.md');
  return { entries: extractTimeline(section, sections, context, sink), diagnostics: sink.diagnostics };
}

/** An entry; its `date` is the day of `at` unless given (a date-only entry has a date and no `at`). */
function entry(
  at: string | null,
  text: string,
  raw: string,
  line: number,
  marker: Marker | null = null,
  date: string | null = at?.slice(0, 10) ?? null,
): TimelineEntry {
  return { at, date, text, raw, line, marker };
}

function info(ruleId: 'timeline-no-zone' | 'timeline-no-date', line = 1, column = 1): Diagnostic {
  const message =
    ruleId === 'timeline-no-zone'
      ? 'Unexpected timeline times without a time zone, expected a zone on the times (`14:05 UTC`), a note such as "All times UTC" or `timezone` in the frontmatter; assuming UTC'
      : 'Unexpected timeline times without a date, expected a date heading (`### 2021-10-30`), a date on the entries or `date` in the frontmatter; their `at` is left empty';
  return { ruleId, severity: 'info', message, path: 'pm.md', line, column };
}

function invalidTime(written: string, line: number, column: number): Diagnostic {
  return {
    ruleId: 'timeline-invalid-time',
    severity: 'warning',
    message: `Unexpected time \`${written}\`, expected a valid time of day such as \`14:05\` or \`2:05 PM\``,
    path: 'pm.md',
    line,
    column,
  };
}

describe('extractTimeline: tables', () => {
  it('reads a timeline table whose first column holds times', () => {
    const markdown = [
      '## Timeline (UTC)',
      '',
      '| Time | Event | Owner |',
      '| --- | --- | --- |',
      '| 14:05 | Deploy of **v2** starts | ops |',
      '| 14:20 | Error rate rises |  |',
    ].join('\n');
    expect(extract(markdown)).toEqual({
      entries: [
        entry('2021-10-30T14:05:00Z', 'Deploy of v2 starts — ops', '14:05 | Deploy of v2 starts | ops', 5),
        entry('2021-10-30T14:20:00Z', 'Error rate rises', '14:20 | Error rate rises |', 6),
      ],
      diagnostics: [],
    });
  });

  it('reads date-times in the first column and a zone in its header', () => {
    const markdown = [
      '## Timeline',
      '',
      '| Time (PDT) | Event |',
      '| --- | --- |',
      '| 2021-10-30 23:50 | Cache flushed |',
      '| 2021-10-31 00:10 UTC | Paged the on-call |',
    ].join('\n');
    expect(extract(markdown)).toEqual({
      entries: [
        entry('2021-10-30T23:50:00-07:00', 'Cache flushed', '2021-10-30 23:50 | Cache flushed', 5),
        entry('2021-10-31T00:10:00Z', 'Paged the on-call', '2021-10-31 00:10 UTC | Paged the on-call', 6, 'detected'),
      ],
      diagnostics: [],
    });
  });

  it('reads a table with a date column followed by a time column', () => {
    const markdown = ['## Timeline', '', '| Date | Time | Event |', '| --- | --- | --- |', '| Oct 31 | 01:15 UTC | Fully recovered |'].join('\n');
    expect(extract(markdown)).toEqual({
      entries: [entry('2021-10-31T01:15:00Z', 'Fully recovered', 'Oct 31 | 01:15 UTC | Fully recovered', 5, 'resolved')],
      diagnostics: [],
    });
  });

  it('keeps a row without a time as an undated entry when other rows have times', () => {
    const markdown = ['## Timeline', '', '| Time | Event |', '| --- | --- |', '| 14:05 UTC | Deploy |', '| later | Retro held |'].join('\n');
    expect(extract(markdown)).toEqual({
      entries: [entry('2021-10-30T14:05:00Z', 'Deploy', '14:05 UTC | Deploy', 5), entry(null, 'later — Retro held', 'later | Retro held', 6)],
      diagnostics: [],
    });
  });

  it('reads no entries from a table without any time', () => {
    const markdown = ['## Timeline', '', '| Team | Role |', '| --- | --- |', '| SRE | On call |'].join('\n');
    expect(extract(markdown)).toEqual({ entries: [], diagnostics: [] });
  });

  it('reports an invalid time in a table cell at its column', () => {
    const markdown = ['## Timeline', '', '| Time | Event |', '| --- | --- |', '| 25:10 UTC | Deploy |'].join('\n');
    expect(extract(markdown)).toEqual({
      entries: [entry(null, 'Deploy', '25:10 UTC | Deploy', 5)],
      diagnostics: [invalidTime('25:10', 5, 3)],
    });
  });
});

describe('extractTimeline: list items', () => {
  it.each<[string, string, string | null, string]>([
    ['time, zone and em dash', '- 14:51 UTC — Deploy starts', '2021-10-30T14:51:00Z', 'Deploy starts'],
    ['time, zone and en dash', '- 14:51 UTC – Deploy starts', '2021-10-30T14:51:00Z', 'Deploy starts'],
    ['bold time and hyphen', '- **16:58 UTC** - Deploy starts', '2021-10-30T16:58:00Z', 'Deploy starts'],
    ['bracketed time, star bullet', '* [13:26 UTC] Deploy starts', '2021-10-30T13:26:00Z', 'Deploy starts'],
    ['ordered list item', '1. 13:26 UTC: Deploy starts', '2021-10-30T13:26:00Z', 'Deploy starts'],
    ['ISO date and time with colon', '- 2024-09-20 11:21 UTC: Deploy starts', '2024-09-20T11:21:00Z', 'Deploy starts'],
    ['ISO date-time with Z', '- 2024-09-20T11:21Z Deploy starts', '2024-09-20T11:21:00Z', 'Deploy starts'],
    ['12-hour time, zone, weekday and month-day', '- 12:45 PM PST Saturday Oct 30th: Deploy starts', '2021-10-30T12:45:00-08:00', 'Deploy starts'],
    ['ISO date, time and PDT', '- 2013-04-05 14:00 PDT — Deploy starts', '2013-04-05T14:00:00-07:00', 'Deploy starts'],
    ['month-day-year, time, zone', '- Oct 30, 2021 14:00 UTC: Deploy starts', '2021-10-30T14:00:00Z', 'Deploy starts'],
    ['zone in parentheses', '- 14:00 (CEST) Deploy starts', '2021-10-30T14:00:00+02:00', 'Deploy starts'],
    ['numeric offset zone', '- 14:00 UTC+2 Deploy starts', '2021-10-30T14:00:00+02:00', 'Deploy starts'],
    ['time range keeps its start', '- 14:00–14:30 UTC Deploy starts', '2021-10-30T14:00:00Z', 'Deploy starts'],
    ['seconds', '- 14:00:30 UTC Deploy starts', '2021-10-30T14:00:30Z', 'Deploy starts'],
    ['inline code time', '- `14:00` UTC Deploy starts', '2021-10-30T14:00:00Z', 'Deploy starts'],
    ['link in the event', '- 14:00 UTC Deploy [v2](https://example.com) starts', '2021-10-30T14:00:00Z', 'Deploy v2 starts'],
  ])('reads a bullet with %s', (_name, markdown, at, text) => {
    const raw = extract(`## Timeline\n\n${markdown}\n`);
    expect(raw).toEqual({ entries: [entry(at, text, expect.any(String) as unknown as string, 3)], diagnostics: [] });
  });

  it('keeps the item as written in raw', () => {
    expect(extract('## Timeline\n\n- **16:58 UTC** - Deploy *starts*\n').entries).toEqual([
      entry('2021-10-30T16:58:00Z', 'Deploy starts', '16:58 UTC - Deploy starts', 3),
    ]);
  });

  it('reads nested list items as separate entries', () => {
    const markdown = ['## Timeline', '', '- 14:00 UTC Deploy', '  - 14:05 UTC Errors', '  - 14:10 UTC Rollback'].join('\n');
    expect(extract(markdown).entries).toEqual([
      entry('2021-10-30T14:00:00Z', 'Deploy', '14:00 UTC Deploy', 3),
      entry('2021-10-30T14:05:00Z', 'Errors', '14:05 UTC Errors', 4),
      entry('2021-10-30T14:10:00Z', 'Rollback', '14:10 UTC Rollback', 5),
    ]);
  });

  it('keeps a nested list without times as details of its entry', () => {
    const markdown = ['## Timeline', '', '- 14:00 UTC Deploy', '  - region us-east', '  - region eu-west'].join('\n');
    expect(extract(markdown).entries).toEqual([
      entry('2021-10-30T14:00:00Z', 'Deploy region us-east; region eu-west', '14:00 UTC Deploy region us-east; region eu-west', 3),
    ]);
  });

  it('keeps an item without a time as an undated entry in a list of timed items', () => {
    const markdown = ['## Timeline', '', '- 14:00 UTC Deploy', '- Engineers investigate', '- 14:30 UTC Rollback'].join('\n');
    expect(extract(markdown)).toEqual({
      entries: [
        entry('2021-10-30T14:00:00Z', 'Deploy', '14:00 UTC Deploy', 3),
        entry(null, 'Engineers investigate', 'Engineers investigate', 4),
        entry('2021-10-30T14:30:00Z', 'Rollback', '14:30 UTC Rollback', 5),
      ],
      diagnostics: [],
    });
  });

  it('reads no entries from a list where no item has a time', () => {
    expect(extract('## Timeline\n\n- We deployed\n- It broke\n')).toEqual({ entries: [], diagnostics: [] });
  });
});

describe('extractTimeline: paragraphs', () => {
  it('reads each line of a paragraph that starts with a time', () => {
    const markdown = ['## Timeline', '', 'All times UTC.', '', '14:00 Deploy', '14:05 Errors rise', 'across all regions', '14:10: Rollback'].join('\n');
    expect(extract(markdown)).toEqual({
      entries: [
        entry('2021-10-30T14:00:00Z', 'Deploy', '14:00 Deploy', 5),
        entry('2021-10-30T14:05:00Z', 'Errors rise across all regions', '14:05 Errors rise across all regions', 6),
        entry('2021-10-30T14:10:00Z', 'Rollback', '14:10: Rollback', 8),
      ],
      diagnostics: [],
    });
  });

  it('does not read prose lines as entries', () => {
    const markdown = ['## Timeline', '', 'The deploy went out in the morning.', 'Nobody noticed until later.'].join('\n');
    expect(extract(markdown)).toEqual({ entries: [], diagnostics: [] });
  });
});

describe('extractTimeline: dates', () => {
  it.each<[string, string]>([
    ['an ISO date sub-heading', '### 2021-11-02'],
    ['a weekday and month-day sub-heading', '### Tuesday, November 2'],
    ['a bold date paragraph', '**Nov 2**'],
    ['a date line', 'Nov 2, 2021:'],
  ])('takes the date of the times below %s', (_name, dateLine) => {
    const markdown = ['## Timeline', '', dateLine, '', '- 09:00 UTC Deploy', '- 09:30 UTC Rollback'].join('\n');
    expect(extract(markdown).entries.map((timelineEntry) => timelineEntry.at)).toEqual(['2021-11-02T09:00:00Z', '2021-11-02T09:30:00Z']);
  });

  it('takes the date of a date bullet for its nested times', () => {
    const markdown = ['## Timeline', '', '- Oct 31:', '  - 09:00 UTC Deploy', '- Nov 1:', '  - 10:00 UTC Rollback'].join('\n');
    expect(extract(markdown)).toEqual({
      entries: [entry('2021-10-31T09:00:00Z', 'Deploy', '09:00 UTC Deploy', 4), entry('2021-11-01T10:00:00Z', 'Rollback', '10:00 UTC Rollback', 6)],
      diagnostics: [],
    });
  });

  it('reads a month and day in the entry with the year of the incident', () => {
    const markdown = '## Timeline\n\n- 12:45 PM PST Sunday Oct 31st: Deploy\n';
    expect(extract(markdown, { date: null, timezone: null, year: 2021 }).entries).toEqual([
      entry('2021-10-31T12:45:00-08:00', 'Deploy', '12:45 PM PST Sunday Oct 31st: Deploy', 3),
    ]);
  });

  it('rolls times past midnight to the next day', () => {
    const markdown = ['## Timeline', '', '- 22:30 UTC Deploy', '- 23:50 UTC Errors', '- 00:20 UTC Rollback', '- 00:10 UTC Note'].join('\n');
    expect(extract(markdown).entries.map((timelineEntry) => timelineEntry.at)).toEqual([
      '2021-10-30T22:30:00Z',
      '2021-10-30T23:50:00Z',
      '2021-10-31T00:20:00Z',
      '2021-10-31T00:10:00Z',
    ]);
  });

  it('does not roll over for a small step back in time', () => {
    const markdown = ['## Timeline', '', '- 14:30 UTC Deploy', '- 14:10 UTC Earlier note'].join('\n');
    expect(extract(markdown).entries.map((timelineEntry) => timelineEntry.at)).toEqual(['2021-10-30T14:30:00Z', '2021-10-30T14:10:00Z']);
  });

  it('leaves times undated and reports once when no date is known', () => {
    const markdown = ['## Timeline', '', '- 14:00 UTC Deploy', '- 14:30 UTC Rollback'].join('\n');
    expect(extract(markdown, { date: null, timezone: null })).toEqual({
      entries: [entry(null, 'Deploy', '14:00 UTC Deploy', 3), entry(null, 'Rollback', '14:30 UTC Rollback', 4)],
      diagnostics: [info('timeline-no-date')],
    });
  });

  it('reports a date not in the calendar and leaves the entry undated', () => {
    expect(extract('## Timeline\n\n- 2021-02-30 14:00 UTC Deploy\n')).toEqual({
      entries: [entry(null, 'Deploy', '2021-02-30 14:00 UTC Deploy', 3)],
      diagnostics: [
        {
          ruleId: 'timeline-invalid-date',
          severity: 'warning',
          message: 'Unexpected date `2021-02-30`, expected a calendar date such as `2021-10-30` or `Oct 30, 2021`',
          path: 'pm.md',
          line: 3,
          column: 3,
        },
      ],
    });
  });
});

describe('extractTimeline: zones', () => {
  it.each<[string, string, TimelineContext, string]>([
    ['a zone note in a paragraph', '## Timeline\n\nAll times are in PDT.\n\n- 14:00 Deploy\n', incident, '2021-10-30T14:00:00-07:00'],
    ['a zone note in the heading', '## Timeline (times in CET)\n\n- 14:00 Deploy\n', incident, '2021-10-30T14:00:00+01:00'],
    ['a zone in parentheses in the heading', '## Timeline (all times UTC)\n\n- 14:00 Deploy\n', incident, '2021-10-30T14:00:00Z'],
    ['a zone note in the enclosing heading', '# Incident (all times PST)\n\n## Timeline\n\n- 14:00 Deploy\n', incident, '2021-10-30T14:00:00-08:00'],
    ['a DST-aware region note', '## Timeline\n\n_All times Pacific Time._\n\n- 14:00 Deploy\n', incident, '2021-10-30T14:00:00-07:00'],
    ['the frontmatter zone', '## Timeline\n\n- 14:00 Deploy\n', { date: '2021-10-30', timezone: 'Europe/Berlin' }, '2021-10-30T14:00:00+02:00'],
    ['the entry zone over the note', '## Timeline\n\nAll times are in PDT.\n\n- 14:00 UTC Deploy\n', incident, '2021-10-30T14:00:00Z'],
  ])('reads times in %s', (_name, markdown, context, at) => {
    const result = extract(markdown, context);
    expect(result.entries.map((timelineEntry) => timelineEntry.at)).toEqual([at]);
    expect(result.diagnostics).toEqual([]);
  });

  it('assumes UTC and reports it once at the heading when no zone is known', () => {
    const markdown = ['# Outage', '', '## Timeline', '', '- 14:00 Deploy', '- 14:30 Rollback'].join('\n');
    expect(extract(markdown)).toEqual({
      entries: [entry('2021-10-30T14:00:00Z', 'Deploy', '14:00 Deploy', 5), entry('2021-10-30T14:30:00Z', 'Rollback', '14:30 Rollback', 6)],
      diagnostics: [info('timeline-no-zone', 3)],
    });
  });

  it('does not take a zone mentioned after a number for a note', () => {
    const markdown = '## Timeline\n\nResponse times rose to 5s in EST regions.\n\n- 14:00 Deploy\n';
    expect(extract(markdown).diagnostics).toEqual([info('timeline-no-zone')]);
  });
});

describe('extractTimeline: IANA zone names', () => {
  const winter: TimelineContext = { date: '2024-03-05', timezone: null };
  const summer: TimelineContext = { date: '2024-07-05', timezone: null };

  it('reads a zone name after the time like an abbreviation, at its offset on that date, and leaves it out of the text', () => {
    const markdown = ['## Timeline', '', '- 06:20 US/Pacific: page sent', '- 07:00 Europe/Berlin: rollback started', '- 08:00 PST: cache warm'].join('\n');
    expect(extract(markdown, winter)).toEqual({
      entries: [
        entry('2024-03-05T06:20:00-08:00', 'page sent', '06:20 US/Pacific: page sent', 3),
        entry('2024-03-05T07:00:00+01:00', 'rollback started', '07:00 Europe/Berlin: rollback started', 4),
        entry('2024-03-05T08:00:00-08:00', 'cache warm', '08:00 PST: cache warm', 5),
      ],
      diagnostics: [],
    });
  });

  it('resolves daylight saving time at the entry date, and reads a name in parentheses or with three parts', () => {
    const markdown = [
      '## Timeline',
      '',
      '- 06:20 (America/Los_Angeles) alert',
      '- 07:00 Europe/Berlin — rollback',
      '- 08:00 America/Argentina/Buenos_Aires: done',
    ].join('\n');
    expect(extract(markdown, summer)).toEqual({
      entries: [
        entry('2024-07-05T06:20:00-07:00', 'alert', '06:20 (America/Los_Angeles) alert', 3),
        entry('2024-07-05T07:00:00+02:00', 'rollback', '07:00 Europe/Berlin — rollback', 4),
        entry('2024-07-05T08:00:00-03:00', 'done', '08:00 America/Argentina/Buenos_Aires: done', 5),
      ],
      diagnostics: [],
    });
  });

  it('reads a zone name in a table time cell and in the time column header', () => {
    const markdown = ['## Timeline', '', '| Time (Europe/Berlin) | Event |', '|---|---|', '| 06:20 | alert |', '| 07:00 US/Pacific | rollback |'].join('\n');
    expect(extract(markdown, winter)).toEqual({
      entries: [
        entry('2024-03-05T06:20:00+01:00', 'alert', '06:20 | alert', 5),
        entry('2024-03-05T07:00:00-08:00', 'rollback', '07:00 US/Pacific | rollback', 6),
      ],
      diagnostics: [],
    });
  });

  it.each<[string, string, string]>([
    ['a note in a paragraph', '## Timeline\n\nAll times in Europe/Berlin.\n\n- 14:00 Deploy\n', '2024-07-05T14:00:00+02:00'],
    ['a note in the heading', '## Timeline (America/New_York)\n\n- 14:00 Deploy\n', '2024-07-05T14:00:00-04:00'],
    ['a timeline sub-heading', '## Timeline\n\n### Times in Asia/Kolkata\n\n- 14:00 Deploy\n', '2024-07-05T14:00:00+05:30'],
    [
      'a note naming both an abbreviation and a name, the first wins',
      '## Timeline\n\nAll times UTC (not Europe/Berlin).\n\n- 14:00 Deploy\n',
      '2024-07-05T14:00:00Z',
    ],
  ])('reads times in %s', (_name, markdown, at) => {
    const result = extract(markdown, summer);
    expect(result.entries.map((timelineEntry) => [timelineEntry.at, timelineEntry.text])).toEqual([[at, 'Deploy']]);
    expect(result.diagnostics).toEqual([]);
  });

  it('does not take an unknown Area/Location name for a zone: it stays in the text, and the time reads as UTC with the no-zone note', () => {
    const markdown = ['## Timeline', '', '- 06:20 Mars/Olympus: alert', '- 06:30 CPU/Memory alarms'].join('\n');
    expect(extract(markdown, winter)).toEqual({
      entries: [
        entry('2024-03-05T06:20:00Z', 'Mars/Olympus: alert', '06:20 Mars/Olympus: alert', 3),
        entry('2024-03-05T06:30:00Z', 'CPU/Memory alarms', '06:30 CPU/Memory alarms', 4),
      ],
      diagnostics: [info('timeline-no-zone')],
    });
  });

  it('does not take an unknown name in a note', () => {
    const markdown = '## Timeline\n\nAll times in Mars/Olympus.\n\n- 14:00 Deploy\n';
    expect(extract(markdown, summer)).toEqual({
      entries: [entry('2024-07-05T14:00:00Z', 'Deploy', '14:00 Deploy', 5)],
      diagnostics: [info('timeline-no-zone')],
    });
  });
});

describe('extractTimeline: invalid times', () => {
  it.each<[string, string, string, number]>([
    ['an hour past 23', '- 25:10 UTC Deploy', '25:10', 3],
    ['minutes past 59', '- **12:61** Deploy', '12:61', 5],
    ['AM on a 24-hour time', '- 13:55 AM Deploy', '13:55 AM', 3],
  ])('keeps an entry with %s undated and reports the time', (_name, markdown, written, column) => {
    expect(extract(`## Timeline\n\n${markdown}\n`, { date: '2021-10-30', timezone: 'UTC' })).toEqual({
      entries: [entry(null, 'Deploy', expect.any(String) as unknown as string, 3)],
      diagnostics: [invalidTime(written, 3, column)],
    });
  });

  it('reports an invalid time in a paragraph line at its own line', () => {
    const markdown = '## Timeline\n\n14:00 UTC Deploy\n24:30 UTC Rollback\n';
    expect(extract(markdown).diagnostics).toEqual([invalidTime('24:30', 4, 1)]);
  });
});

describe('extractTimeline: markers', () => {
  it.each<[string, Marker | null]>([
    ['OUTAGE BEGINS', 'started'],
    ['INCIDENT BEGINS: checkout down', 'started'],
    ['IMPACT BEGINS', 'started'],
    ['The incident started when the cache expired', 'started'],
    ['Outage starts', 'started'],
    ['DETECTED by synthetic checks', 'detected'],
    ['Alerts fired for 5xx rate', 'detected'],
    ['On-call engineer paged', 'detected'],
    ['First alert in #ops', 'detected'],
    ['Incident declared (SEV1)', 'detected'],
    ['docbrown receives pager storm from all clusters', 'detected'],
    ['Customers report failed checkouts on Twitter', 'detected'],
    ['Monitoring alerted the database team', 'detected'],
    ['Customers did not report anything', null],
    ['Detected: checkout errors', 'detected'],
    ['MITIGATED by failing over', 'mitigated'],
    ['OUTAGE MITIGATED', 'mitigated'],
    ['Impact mitigated after failover', 'mitigated'],
    ['OUTAGE ENDS', 'resolved'],
    ['INCIDENT ENDS', 'resolved'],
    ['RESOLVED', 'resolved'],
    ['Incident resolved', 'resolved'],
    ['All services fully recovered', 'resolved'],
    ['All clear given', 'resolved'],
    ['DNS resolved to the wrong address', null],
    ['We detected a spike in errors', null],
    ['No alerts fired', null],
    ['The pager was not paged', null],
    ['Deployed the outage-page banner', null],
  ])('marks %j as %s', (text, marker) => {
    expect(extract(`## Timeline\n\n- 14:00 UTC ${text}\n`).entries.map((timelineEntry) => timelineEntry.marker)).toEqual([marker]);
  });

  it('marks only the first entry of each kind found by a phrase, and none when an explicit form exists', () => {
    const markdown = [
      '## Timeline',
      '',
      '- 14:00 UTC Alerts fired for checkout',
      '- 14:05 UTC Database team paged',
      '- 14:10 UTC Incident resolved? No',
      '- 14:20 UTC RESOLVED',
    ].join('\n');
    expect(extract(markdown).entries.map((timelineEntry) => timelineEntry.marker)).toEqual(['detected', null, null, 'resolved']);
  });
});

describe('extractTimeline: long input', () => {
  // No clock assertion: the test timeout is a hang guard (quadratic work at this size takes minutes).
  it('reads an 80,000-character line in linear time', { timeout: 20_000 }, () => {
    const long = `## Timeline\n\n- 14:00 UTC ${'Oct 3 times '.repeat(7_000)}\n\n${'1'.repeat(80_000)}\n\n- ${' '.repeat(5)}${'12:'.repeat(26_000)}\n`;
    const result = extract(long);
    expect(result.entries.length).toBeGreaterThan(0);
  });
});
