/**
 * Times read from a sentence on hostile input: a time phrase with no clause end after it is read
 * from its longest run of words that parses, trying shorter runs, so the work must stay bounded
 * per phrase and in the text searched. Each input is about a megabyte (the largest file
 * `loadPostmortems` reads) with no clause end; work quadratic in its length would not end within
 * the test timeout. No wall-clock assertion: the timeout is only a safety net.
 */
import { describe, expect, it } from 'vitest';
import { parsePostmortem } from '@postmortem-kb/parser';
import { readProseTimes } from '../../packages/parser/src/lib/prose-times.js';

const megabyte = 1_000_000;

/** `unit` repeated to exactly `size` characters. */
function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

const noDay = { date: null, timezone: null };
const knownDay = { date: '2021-03-03', timezone: 'UTC' };

describe('readProseTimes on a megabyte with no clause end', () => {
  it.each([
    [
      'a start followed by times with nothing between them',
      'The outage began at 14:05 UTC on 3 March 2021 ' + fill('14:05 ', megabyte),
      '2021-03-03T14:05:00Z',
    ],
    ['"from" before a time, over and over', fill('from 14:05 ', megabyte), null],
    ['"from" before a date and time that are not valid', fill('from May 32, 25:61 PM XYZ ', megabyte), null],
    ['a run of digits and colons', 'The outage was resolved at ' + fill('12:34:', megabyte), null],
    ['a run of digits', 'The incident began at ' + fill('1', megabyte), null],
    ['one sentence of numbers', 'The incident started at ' + fill('1 2 3 4 5 6 7 8 9 ', megabyte), null],
    ['a range whose end never comes', 'between 09:10 UTC on 4 March 2023 ' + fill('then 10:02 ', megabyte), null],
  ])('%s', (_name, text, startedAt) => {
    // With no day known, a bare time is also tried on a stand-in day: twice the readings.
    expect(readProseTimes(text, noDay)).toEqual({ startedAt, resolvedAt: null });
    expect(readProseTimes(text, knownDay)).toEqual({ startedAt, resolvedAt: null });
  });

  it('still reads a start and an end stated after a long phrase', () => {
    const text = `The incident began at 09:30 CEST ${fill('and then ', 2_000)}. It was resolved at 11:15 CEST.` + fill(' 11:15', megabyte);
    expect(readProseTimes(text, knownDay)).toEqual({ startedAt: '2021-03-03T09:30:00+02:00', resolvedAt: '2021-03-03T11:15:00+02:00' });
  });
});

describe('parsePostmortem with such a summary and no timeline', { timeout: 60_000 }, () => {
  it('reads the start from a sentence followed by a quarter of a megabyte of times', () => {
    const summary = 'The outage began at 14:05 UTC on 3 March 2021 ' + fill('14:05 ', megabyte / 4);
    const result = parsePostmortem(`# Tiles missing\n\n## Summary\n\n${summary}\n`, { today: '2026-01-01' });
    expect({ date: result.date, startedAt: result.startedAt, resolvedAt: result.resolvedAt }).toEqual({
      date: '2021-03-03',
      startedAt: '2021-03-03T14:05:00Z',
      resolvedAt: null,
    });
  });

  it('reads nothing from a quarter of a megabyte of numbers in one sentence', () => {
    const summary = 'The incident started at ' + fill('1 2 3 4 5 6 7 8 9 ', megabyte / 4);
    const result = parsePostmortem(`# Numbers\n\n## Summary\n\n${summary}\n`, { today: '2026-01-01' });
    expect({ date: result.date, startedAt: result.startedAt, resolvedAt: result.resolvedAt }).toEqual({ date: null, startedAt: null, resolvedAt: null });
    expect(result.summary.startsWith('The incident started at 1 2 3')).toBe(true);
  });
});
