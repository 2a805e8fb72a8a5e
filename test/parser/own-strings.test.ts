import { describe, expect, it } from 'vitest';
import { parseFileBytes } from '../../packages/parser/src/lib/parse-file.js';
import { parsePostmortem } from '../../packages/parser/src/lib/parse.js';
import { ownStrings } from '../../packages/parser/src/lib/own-strings.js';

const source = [
  '---',
  'title: Cache outage — stale keys',
  'date: 2024-03-01',
  '---',
  '',
  '## Summary',
  '',
  'The cache served stale keys for forty minutes — every region, ASCII prose otherwise. Ünïcödé ☃ too.',
  '',
  '## Timeline',
  '',
  '- 10:00 UTC — the deploy started',
  '- 10:40 UTC — the cache was flushed',
  '',
].join('\n');

describe('ownStrings', () => {
  it('keeps every value equal, replacing strings in nested plain objects and arrays in place', () => {
    const date = new Date(0);
    const map = new Map([['key', 'a value of some length']]);
    const value = {
      short: 'abc',
      long: 'a long enough string — with a dash',
      list: ['x', 'another long string here', { deep: 'and a deep one, long enough' }],
      date,
      map,
      none: null,
      n: 3,
    };
    const before = structuredClone(value);
    const result = ownStrings(value);
    expect(result).toBe(value);
    expect(value).toEqual(before);
    expect(value.date).toBe(date);
    expect(value.map).toBe(map);
  });

  it('leaves the keys it is told to skip as they are', () => {
    const html = { toString: () => 'not a string' };
    const value = { html, text: 'some text long enough to copy' };
    ownStrings(value as Record<string, unknown>, new Set(['html']));
    expect(value.html).toBe(html);
  });

  it('does not change what a parsed file holds (Latin-1, wider characters and em dashes alike)', () => {
    const bytes = new TextEncoder().encode(source);
    expect(parseFileBytes(bytes, 'cache.md', { taxonomy: null, maxBytes: 1_000_000, today: '2026-12-02' })).toEqual(
      parsePostmortem(source, { path: 'cache.md', today: '2026-12-02' }),
    );
  });
});
