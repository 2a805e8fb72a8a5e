/**
 * Start and end of an incident stated in a sentence, for reports with no timeline and no
 * labelled times: "The outage began at 14:05 UTC on 3 March 2021 and was resolved at 16:40",
 * "From November 11, 4:02 PM UTC to November 14, 3:02 PM UTC, uploads failed". A phrase
 * that does not read as a date and time gives nothing.
 */
import type { Marker } from './schema.js';
import { readDateTime, type DateTimeContext } from './time.js';

export interface ProseTimes {
  startedAt: string | null;
  resolvedAt: string | null;
}

// Each pattern ends where the date-time starts; the words before it are bounded, so no scan backtracks far.
const startPhrase =
  /\b(?:incident|outage|issue|problem|impact|disruption|degradation|errors?|failures?)\s(?:[\w-]{1,30}\s){0,3}?(?:began|started|commenced)\s/gi;
const endPhrase = /\b(?:was|were|been|is|are)\s(?:fully\s|completely\s)?(?:resolved|restored|recovered|ended|over)\s/gi;
const rangePhrase = /\b(?:from|between)\s/gi;
// Between the two ends of a range: "to", "and", or a dash ("14:05–16:40 UTC").
const rangeJoiner = /^\s(?:to|until|till|through|and)\s|^\s?[-–—]\s?/i;
// Where a date-time phrase stops: the end of a clause, or a dash after a time ("14:05–16:40", "2:05 PM - 3:10 PM").
const phraseEnd =
  /[.;!?()\n–—]|,\s(?:and|but|when|while|after|before|which|as)\s|\s(?:and|to|until|till|through|when|while|after|before|because|with|for)\s|(?<=\d:\d\d(?:\s?[AaPp]\.?[Mm])?)\s?-\s?(?=\d)/i;
const leadingWords = /^(?:(?:at|on|around|about|approximately|roughly|shortly after)\s)+/i;
const maxPhrase = 60;
const standInDay = '2000-01-01';

/** The first stated start and end in `text` (at most its first 4,000 characters). */
export function readProseTimes(text: string, context: DateTimeContext): ProseTimes {
  const searched = text.slice(0, 4_000);
  let startedAt: string | null = null;
  let resolvedAt: string | null = null;
  for (const match of searched.matchAll(rangePhrase)) {
    const start = match.index + match[0].length;
    let from = phraseAt(searched, start, context);
    let standIn = false;
    if (from === null && context.date === null) {
      // With no day known, a bare start time is read on a stand-in day: the end must then name the day, year included.
      const bare = phraseAt(searched, start, { ...context, date: standInDay });
      standIn = bare?.dated === false;
      if (standIn) from = bare;
    }
    if (from === null) continue;
    const joiner = rangeJoiner.exec(searched.slice(from.end, from.end + 12));
    // The end is on the start's day unless it names its own.
    const to = joiner ? phraseAt(searched, from.end + joiner[0].length, standIn ? context : { ...context, date: from.at.slice(0, 10) }) : null;
    if (to === null) continue;
    return { startedAt: carryBack(from, to, context), resolvedAt: to.at };
  }
  for (const match of searched.matchAll(startPhrase)) {
    startedAt = phraseAt(searched, match.index + match[0].length, context)?.at ?? null;
    if (startedAt !== null) break;
  }
  for (const match of searched.matchAll(endPhrase)) {
    resolvedAt = phraseAt(searched, match.index + match[0].length, { ...context, date: startedAt?.slice(0, 10) ?? context.date })?.at ?? null;
    if (resolvedAt !== null) break;
  }
  return { startedAt, resolvedAt };
}

interface PhraseRead {
  at: string;
  end: number;
  /** The words that were read, and whether they name a zone and a date of their own. */
  phrase: string;
  zone: string | null;
  dated: boolean;
}

/**
 * The start of a range, with the zone and date written once after its end applied to it too:
 * "from 14:05 to 16:40 UTC", "between 09:10 and 11:30 PST on 4 March 2023".
 */
function carryBack(from: PhraseRead, to: PhraseRead, context: DateTimeContext): string {
  const zone = from.zone ?? to.zone;
  const dated = !from.dated && to.dated;
  if (zone === from.zone && !dated) return from.at;
  return readDateTime(from.phrase, { date: dated ? to.at.slice(0, 10) : context.date, timezone: zone ?? context.timezone }).at ?? from.at;
}

/** The date-time written at `from` ("14:05 UTC on 3 March 2021", "November 11, 4:02 PM UTC"), and where it ends. */
function phraseAt(text: string, from: number, context: DateTimeContext): PhraseRead | null {
  const window = text.slice(from, from + maxPhrase);
  const stop = phraseEnd.exec(window);
  const phrase = (stop ? window.slice(0, stop.index) : window).replace(leadingWords, '').trim();
  if (phrase === '' || !/\d/.test(phrase)) return null;
  const stopAt = from + (stop ? stop.index : window.length);
  // "…, 3:02 PM UTC, uploads failed": the words after a comma are not part of it.
  const cuts = [phrase];
  for (let comma = phrase.lastIndexOf(', '); comma > 0; comma = phrase.lastIndexOf(', ', comma - 1)) cuts.push(phrase.slice(0, comma));
  // "09:30 CEST the status page listed …": failing those, the longest run of words that reads, up to the time.
  for (let space = phrase.lastIndexOf(' '); space > 0; space = phrase.lastIndexOf(' ', space - 1)) cuts.push(phrase.slice(0, space));
  for (const cut of cuts) {
    // "14:05 UTC on 3 March 2021": the date after the time.
    const timeFirst = /^(.{1,20}?)\s(?:on|of)\s(.{4,30})$/.exec(cut);
    for (const candidate of timeFirst ? [`${timeFirst[2]} ${timeFirst[1]}`, cut] : [cut]) {
      const { at, zone = null, dated = false } = readDateTime(candidate, context);
      if (at !== null) return { at, end: stopAt, phrase: candidate, zone, dated };
    }
  }
  return null;
}

/**
 * The incident's times with a start and end stated in the introduction, summary or impact filled in, when there is no timeline;
 * `fromText` names the phases a sentence gave, so that metrics say where their figures came from.
 */
export function withProseTimes<T extends ProseTimes & { timezone: string | null }>(
  times: T,
  hasTimeline: boolean,
  texts: () => string,
  date: string | null,
): T & { fromText: Marker[] } {
  if (hasTimeline || (times.startedAt !== null && times.resolvedAt !== null)) return { ...times, fromText: [] };
  const prose = readProseTimes(texts(), { date, timezone: times.timezone });
  const startedAt = times.startedAt ?? prose.startedAt;
  // A time read from a sentence is a guess: one that would end the incident before it starts is dropped, not reported.
  const resolvedAt =
    times.resolvedAt ?? (startedAt !== null && prose.resolvedAt !== null && Date.parse(prose.resolvedAt) <= Date.parse(startedAt) ? null : prose.resolvedAt);
  const fromText: Marker[] = [];
  if (times.startedAt === null && startedAt !== null) fromText.push('started');
  if (times.resolvedAt === null && resolvedAt !== null) fromText.push('resolved');
  return { ...times, startedAt, resolvedAt, fromText };
}
