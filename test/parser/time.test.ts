import { describe, expect, it } from 'vitest';
import { addDays, findDate, findZoneMention, parseDateTime, readDate, readTimeOfDay, readZone, resolveZone } from '../../packages/parser/src/lib/time.js';

describe('resolveZone', () => {
  it.each<[string, string | undefined, string]>([
    ['UTC', undefined, '+00:00'],
    ['GMT', undefined, '+00:00'],
    ['Z', undefined, '+00:00'],
    ['utc', undefined, '+00:00'],
    ['PST', undefined, '-08:00'],
    ['PDT', undefined, '-07:00'],
    ['EST', undefined, '-05:00'],
    ['EDT', undefined, '-04:00'],
    ['CST', undefined, '-06:00'],
    ['CDT', undefined, '-05:00'],
    ['MST', undefined, '-07:00'],
    ['MDT', undefined, '-06:00'],
    ['AKST', undefined, '-09:00'],
    ['HST', undefined, '-10:00'],
    ['CET', undefined, '+01:00'],
    ['CEST', undefined, '+02:00'],
    ['BST', undefined, '+01:00'],
    ['IST', undefined, '+05:30'],
    ['JST', undefined, '+09:00'],
    ['KST', undefined, '+09:00'],
    ['AEST', undefined, '+10:00'],
    ['AEDT', undefined, '+11:00'],
    ['SGT', undefined, '+08:00'],
    ['MSK', undefined, '+03:00'],
    ['WET', undefined, '+00:00'],
    ['WEST', undefined, '+01:00'],
    ['EET', undefined, '+02:00'],
    ['EEST', undefined, '+03:00'],
    ['(CEST)', undefined, '+02:00'],
    ['Pacific Time', '2021-01-15', '-08:00'],
  ])('resolves the abbreviation %s (at %s) to %s', (name, atDate, expected) => {
    expect(resolveZone(name, atDate)).toBe(expected);
  });

  it.each<[string, string | undefined, string]>([
    ['PT', undefined, '-08:00'],
    ['PT', '2021-01-15', '-08:00'],
    ['PT', '2021-10-30', '-07:00'],
    ['ET', '2021-07-04', '-04:00'],
    ['ET', '2021-12-24', '-05:00'],
    ['PT', '2021-11-07T00:30', '-07:00'],
    ['PT', '2021-11-07T03:00', '-08:00'],
  ])('resolves the DST-dependent %s at %s to %s', (name, atDate, expected) => {
    expect(resolveZone(name, atDate)).toBe(expected);
  });

  it.each<[string, string]>([
    ['+0200', '+02:00'],
    ['+02:00', '+02:00'],
    ['-0800', '-08:00'],
    ['UTC+2', '+02:00'],
    ['UTC-7', '-07:00'],
    ['GMT-07:00', '-07:00'],
    ['UTC+05:30', '+05:30'],
    ['UTC +1', '+01:00'],
  ])('resolves the numeric offset %s to %s', (name, expected) => {
    expect(resolveZone(name)).toBe(expected);
  });

  it.each<[string, string, string]>([
    ['Europe/Berlin', '2021-07-01', '+02:00'],
    ['Europe/Berlin', '2021-01-01', '+01:00'],
    ['America/Los_Angeles', '2021-10-30', '-07:00'],
    ['America/Los_Angeles', '2021-12-01', '-08:00'],
    ['Asia/Kolkata', '2021-10-30', '+05:30'],
    ['Etc/UTC', '2021-10-30', '+00:00'],
  ])('resolves the IANA zone %s at %s to %s', (name, atDate, expected) => {
    expect(resolveZone(name, atDate)).toBe(expected);
  });

  it.each([['Mars/Olympus'], ['XYZ'], [''], ['UTC+25'], ['+02:75'], ['not a zone at all'], ['../etc/passwd'], ['A'.repeat(100)]])(
    'returns null for the unknown zone %j without throwing',
    (name) => {
      expect(resolveZone(name, '2021-10-30')).toBeNull();
    },
  );
});

describe('parseDateTime', () => {
  const noContext = { date: null, timezone: null };

  it.each<[string, { date: string | null; timezone: string | null }, string]>([
    ['2021-10-30T12:45:00-08:00', noContext, '2021-10-30T12:45:00-08:00'],
    ['2021-10-30T12:45:00+00:00', noContext, '2021-10-30T12:45:00Z'],
    ['2021-10-30T12:45Z', noContext, '2021-10-30T12:45:00Z'],
    ['2019-06-14T13:02:00.000Z', noContext, '2019-06-14T13:02:00Z'],
    ['2021-10-30 12:45 PST', noContext, '2021-10-30T12:45:00-08:00'],
    ['2021-10-30 12:45 PT', noContext, '2021-10-30T12:45:00-07:00'],
    ['2021-10-30 12:45 (CEST)', noContext, '2021-10-30T12:45:00+02:00'],
    ['2021-10-30 12:45 UTC+2', noContext, '2021-10-30T12:45:00+02:00'],
    ['2021-10-30 12:45 Europe/Berlin', noContext, '2021-10-30T12:45:00+02:00'],
    ['2021-10-30 12:45:30 UTC', noContext, '2021-10-30T12:45:30Z'],
    ['2021-10-30 2:05 PM EDT', noContext, '2021-10-30T14:05:00-04:00'],
    ['Oct 30, 2021 14:00 UTC', noContext, '2021-10-30T14:00:00Z'],
    ['12:45', { date: '2021-10-30', timezone: null }, '2021-10-30T12:45:00Z'],
    ['12:45 PDT', { date: '2021-10-30', timezone: null }, '2021-10-30T12:45:00-07:00'],
    ['2021-10-30 12:45', noContext, '2021-10-30T12:45:00Z'],
    ['2021-10-30 12:45', { date: null, timezone: 'PST' }, '2021-10-30T12:45:00-08:00'],
    ['2021-10-30 12:45', { date: null, timezone: 'America/Los_Angeles' }, '2021-10-30T12:45:00-07:00'],
    ['2021-10-30 12:45', { date: null, timezone: '+05:30' }, '2021-10-30T12:45:00+05:30'],
    ['2021-10-30 12:45', { date: null, timezone: 'Nowhere/Special' }, '2021-10-30T12:45:00Z'],
    ['Sat Oct 30 2021 20:45:00 GMT+0000 (Coordinated Universal Time)', noContext, '2021-10-30T20:45:00Z'],
    ['  2021-10-30T12:45:00-08:00  ', noContext, '2021-10-30T12:45:00-08:00'],
  ])('reads %j', (value, context, at) => {
    expect(parseDateTime(value, context)).toEqual({ at, error: null });
  });

  it.each<[string, { date: string | null; timezone: string | null }, string]>([
    ['2021-10-30 25:10 UTC', noContext, 'Unexpected time `25:10`, expected a valid time of day such as `14:05` or `2:05 PM`'],
    ['2021-10-30 13:55 AM', noContext, 'Unexpected time `13:55 AM`, expected a valid time of day such as `14:05` or `2:05 PM`'],
    ['2021-10-30 12:61', noContext, 'Unexpected time `12:61`, expected a valid time of day such as `14:05` or `2:05 PM`'],
    ['2021-02-30 12:00 UTC', noContext, 'Unexpected date `2021-02-30`, expected a calendar date such as `2021-10-30` or `Oct 30, 2021`'],
    ['2021-13-01 12:00 UTC', noContext, 'Unexpected date `2021-13-01`, expected a calendar date such as `2021-10-30` or `Oct 30, 2021`'],
    [
      '2021-10-30 12:45 XYZ',
      noContext,
      'Unexpected zone `XYZ`, expected a zone abbreviation (`UTC`, `PST`), a UTC offset (`+02:00`) or an IANA name (`Europe/Berlin`)',
    ],
    [
      '12:45',
      noContext,
      'Unexpected time `12:45` without a date, expected a date-time such as `2021-10-30T12:45:00-08:00` or `2021-10-30 12:45 PST` or a `date` in the frontmatter',
    ],
    [
      '2021-10-30',
      noContext,
      'Unexpected `2021-10-30` without a time of day, expected a date-time such as `2021-10-30T12:45:00-08:00` or `2021-10-30 12:45 PST`',
    ],
    ['yesterday afternoon', noContext, 'Unexpected `yesterday afternoon`, expected a date-time such as `2021-10-30T12:45:00-08:00` or `2021-10-30 12:45 PST`'],
    ['', noContext, 'Unexpected ``, expected a date-time such as `2021-10-30T12:45:00-08:00` or `2021-10-30 12:45 PST`'],
    ['Oct 30 12:45 UTC', noContext, 'Unexpected date `Oct 30` without a year, expected a date such as `2021-10-30`'],
  ])('reports %j', (value, context, error) => {
    expect(parseDateTime(value, context)).toEqual({ at: null, error });
  });

  it('reads a month-day without a year in the year of the incident', () => {
    expect(parseDateTime('Oct 31 01:15 UTC', { date: '2021-10-30', timezone: null })).toEqual({ at: '2021-10-31T01:15:00Z', error: null });
  });
});

describe('readTimeOfDay', () => {
  it.each<[string, { hour: number; minute: number; second: number }, string]>([
    ['14:05 rest', { hour: 14, minute: 5, second: 0 }, '14:05'],
    ['9:05', { hour: 9, minute: 5, second: 0 }, '9:05'],
    ['14:05:30', { hour: 14, minute: 5, second: 30 }, '14:05:30'],
    ['2:05 PM', { hour: 14, minute: 5, second: 0 }, '2:05 PM'],
    ['2:05pm', { hour: 14, minute: 5, second: 0 }, '2:05pm'],
    ['12:45 AM', { hour: 0, minute: 45, second: 0 }, '12:45 AM'],
    ['12:45 PM', { hour: 12, minute: 45, second: 0 }, '12:45 PM'],
    ['2 p.m.', { hour: 14, minute: 0, second: 0 }, '2 p.m.'],
    ['11am', { hour: 11, minute: 0, second: 0 }, '11am'],
  ])('reads %j', (text, time, written) => {
    expect(readTimeOfDay(text)).toEqual({ valid: true, time, start: 0, end: written.length, written });
  });

  it.each([['25:10'], ['12:61'], ['13:55 AM'], ['0:30 PM'], ['14:05:61']])('reads %j as an invalid time', (written) => {
    expect(readTimeOfDay(written)).toEqual({ valid: false, start: 0, end: written.length, written });
  });

  it.each([['Deploy at 14:05'], ['5 servers'], ['1234'], ['12:345'], ['5 Amazon hosts']])('finds no time at the start of %j', (text) => {
    expect(readTimeOfDay(text)).toBeNull();
  });
});

describe('readDate', () => {
  it.each<[string, number | null, number, number, string]>([
    ['2021-10-30', 2021, 10, 30, '2021-10-30'],
    ['2021/10/30', 2021, 10, 30, '2021/10/30'],
    ['Oct 30th: event', null, 10, 30, 'Oct 30th'],
    ['October 30, 2021 at 14:00', 2021, 10, 30, 'October 30, 2021'],
    ['Sept. 3rd', null, 9, 3, 'Sept. 3rd'],
    ['30 Oct 2021', 2021, 10, 30, '30 Oct 2021'],
    ['1st of May', null, 5, 1, '1st of May'],
    ['Saturday, October 30', null, 10, 30, 'October 30'],
    ['Sat Oct 30th', null, 10, 30, 'Oct 30th'],
    ['10/30 14:10 EST', null, 10, 30, '10/30'],
    ['30/10/2021 15:10', 2021, 10, 30, '30/10/2021'],
    ['10/31/21 01:00', 2021, 10, 31, '10/31/21'],
  ])('reads %j', (text, year, month, day, written) => {
    expect(readDate(text)).toMatchObject({ year, month, day, valid: true, written });
  });

  it.each([['2021-02-30'], ['2021-13-01'], ['Oct 32'], ['Feb 30th']])('reads %j as a date not in the calendar', (text) => {
    expect(readDate(text)).toMatchObject({ valid: false, written: text });
  });

  it.each([
    ['Sunday was quiet'],
    ['May be related'],
    ['October'],
    ['Oct 12:45'],
    ['14:05'],
    ['02/01/2017 00:30 (month or day first?)'],
    ['1/2 of users'],
    ['13/14'],
  ])('finds no date at the start of %j', (text) => {
    expect(readDate(text)).toBeNull();
  });

  it('finds a date inside a heading', () => {
    expect(findDate('Day 2 (Oct 31)')).toMatchObject({ year: null, month: 10, day: 31, written: 'Oct 31' });
  });
});

describe('readZone and findZoneMention', () => {
  it.each<[string, number, string | null]>([
    ['14:05 UTC', 5, 'UTC'],
    ['14:05Z', 5, 'Z'],
    ['14:05:00-08:00', 8, '-08:00'],
    ['14:05 (CEST) x', 5, 'CEST'],
    ['14:05 UTC+2 x', 5, 'UTC+2'],
    ['14:05 est x', 5, null],
    ['14:05 ETA', 5, null],
    ['14:05 - event', 5, null],
    ['14:05 Europe/Berlin: x', 5, 'Europe/Berlin'],
    ['14:05 (America/Los_Angeles) x', 5, 'America/Los_Angeles'],
    ['14:05 US/Pacific', 5, 'US/Pacific'],
    ['14:05 Mars/Olympus: x', 5, null],
    ['14:05 europe/berlin x', 5, null],
    ['14:05 Europe/Berlinx/y x', 5, null],
  ])('reads the zone after the time in %j', (text, from, name) => {
    expect(readZone(text, from)?.name ?? null).toBe(name);
  });

  it.each<[string, string | null]>([
    ['All times are in PDT.', 'PDT'],
    ['all times Pacific Time', 'Pacific Time'],
    ['Times in utc', 'utc'],
    ['the rest of the test', null],
    ['the set of data', null],
    ['All times in Europe/Berlin.', 'Europe/Berlin'],
    ['Times (US/Pacific)', 'US/Pacific'],
    ['times UTC/GMT', 'UTC'],
    ['Etc/UTC', 'Etc/UTC'],
    ['times in Mars/Olympus', null],
    ['CPU/Memory in PST', 'PST'],
  ])('finds the zone named in %j', (text, name) => {
    expect(findZoneMention(text)).toBe(name);
  });

  it('adds days across month and year ends', () => {
    expect(addDays({ year: 2021, month: 12, day: 31 }, 1)).toEqual({ year: 2022, month: 1, day: 1 });
  });
});

describe('linear-time reading of long lines', () => {
  // No clock assertion: the test timeout is a hang guard (quadratic work at this size takes minutes).
  it('reads 80,000-character lines in linear time', { timeout: 20_000 }, () => {
    const long = [
      ' '.repeat(80_000) + 'x',
      '1'.repeat(80_000),
      'Oct '.repeat(20_000),
      '12:'.repeat(26_000),
      'times '.repeat(13_000) + 'UTC',
      'Ab/'.repeat(26_000),
      ' Europe/Berlin'.repeat(6_000),
    ];
    for (const text of long) {
      readDate(text);
      findDate(text);
      readTimeOfDay(text);
      findZoneMention(text);
      readZone(text, 0);
      parseDateTime(text, { date: '2021-10-30', timezone: null });
    }
  });
});
