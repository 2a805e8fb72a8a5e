import { serialize } from 'node:v8';
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

/** Bytes a character V8 holds `text` in: its serializer writes a one-byte string with tag `"`, a two-byte one with `c`. */
function bytesPerCharacter(text: string): number {
  const tag = serialize(text)
    .subarray(2)
    .find((byte) => byte !== 0);
  return tag === 0x22 ? 1 : tag === 0x63 ? 2 : Number.NaN;
}

describe('the HTML a parsed postmortem keeps', () => {
  // Built from literals: a string `replaceAll` made from a two-byte one stays two-byte whatever its characters.
  const latin1 = [
    '---',
    'title: Cache outage',
    '---',
    '',
    '## Summary',
    '',
    'Stale keys for forty minutes, Ünïcödé too.',
    '',
    '## Timeline',
    '',
    '- 10:00 UTC - the deploy started',
    '',
  ].join('\n');

  it('is one byte a character when its characters allow, headings and all', () => {
    const { html } = parsePostmortem(latin1, { path: 'cache.md', today: '2026-12-02' });
    expect(html).toContain('<h2 id="section-timeline">');
    expect(bytesPerCharacter(html)).toBe(1);
  });

  it('is two bytes a character when a character needs them', () => {
    expect(bytesPerCharacter(parsePostmortem(source, { path: 'cache.md', today: '2026-12-02' }).html)).toBe(2);
  });
});
