/**
 * An unknown frontmatter `timezone` is reported where it is written and not used; it used to
 * be read silently as UTC while the timeline message said the times had no zone.
 */
import { describe, expect, it } from 'vitest';
import { parsePostmortem } from '@postmortem-kb/parser';

const source = (zone: string) => `---\ntitle: T\ndate: 2021-01-01\ntimezone: ${zone}\nstarted_at: 12:00\n---\n## Timeline\n\n- 12:00 start\n`;

describe('frontmatter timezone', () => {
  it('reports an unknown zone at its key, names it, and says what is done instead', () => {
    const result = parsePostmortem(source('Mars/Olympus'), { path: 'tz.md' });
    expect(
      result.diagnostics
        .filter((diagnostic) => diagnostic.ruleId === 'frontmatter-schema')
        .map((diagnostic) => `${diagnostic.line}:${diagnostic.column} ${diagnostic.severity} ${diagnostic.message}`),
    ).toEqual([
      '4:1 error Unexpected `timezone` value `Mars/Olympus`, expected a zone: an IANA name (`Europe/Berlin`), an abbreviation (`UTC`, `PST`) or an offset (`+02:00`); it is not used, so times written without a zone are read as UTC',
    ]);
    expect(result.timezone).toBeNull();
    expect(result.extra['invalid:timezone']).toBe('Mars/Olympus');
    expect(result.startedAt).toBe('2021-01-01T12:00:00Z');
  });

  it("falls back to the caller's zone, and says so", () => {
    const result = parsePostmortem(source('Nowhere/Else'), { path: 'tz.md', timezone: 'Europe/Berlin' });
    expect(result.diagnostics.find((diagnostic) => diagnostic.ruleId === 'frontmatter-schema')?.message).toMatch(/read as Europe\/Berlin$/);
    expect(result.timezone).toBe('Europe/Berlin');
    expect(result.timeline[0]?.at).toBe('2021-01-01T12:00:00+01:00');
  });

  it.each([
    ['Europe/Berlin', '2021-01-01T12:00:00+01:00'],
    ['PST', '2021-01-01T12:00:00-08:00'],
    ['+02:00', '2021-01-01T12:00:00+02:00'],
    ['UTC', '2021-01-01T12:00:00Z'],
  ])('uses a known zone (%s) without a diagnostic', (zone, at) => {
    const result = parsePostmortem(source(zone), { path: 'tz.md' });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity !== 'info')).toEqual([]);
    expect(result.timezone).toBe(zone);
    expect(result.timeline[0]?.at).toBe(at);
    expect(result.startedAt).toBe(at);
  });
});
