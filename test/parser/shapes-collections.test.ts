/**
 * Shapes found on further public collections of real postmortems (issue 12 acceptance),
 * one fixture pair per shape under test/fixtures/shapes/<shape>/, written in our own words.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, parsePostmortem, type Postmortem } from '@postmortem-kb/parser';

const fixture = (shape: string, name: string): Postmortem => {
  const path = `test/fixtures/shapes/${shape}/${name}`;
  return parsePostmortem(readFileSync(path, 'utf8'), { path, today: '2026-12-02' });
};
const lines = (postmortem: Postmortem) => postmortem.diagnostics.map(formatDiagnostic);

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
