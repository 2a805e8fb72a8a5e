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
const lines = (postmortem: Postmortem) => postmortem.diagnostics.map(formatDiagnostic);

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
