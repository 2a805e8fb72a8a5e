/**
 * Sentences of plain text, for the readers that look for one kind of statement in prose
 * (the cause, the trigger, the resolution of an incident).
 */

// Where a sentence may end: `.`, `!` or `?` (a closing quote or bracket may follow), a space,
// then a capital, a digit or an opening quote.
const sentenceEnd = /[.!?]["')\]]?\s(?=["'(]?[A-Z0-9])/g;
// A full stop that ends an abbreviation, not a sentence ("e.g. Redis", "vs. Postgres").
const abbreviation = /(?:^|[^A-Za-z])(?:e\.g|i\.e|etc|vs|approx|incl)\.$/i;
// "11:30 a.m. PST, …": a time's `a.m.` before its zone.
const meridiem = /(?:^|[^A-Za-z])[ap]\.m\.$/i;
const zoneAfter = /^[A-Z]{2,5}\b/;

/**
 * Split at sentence ends and at blank lines; list markers are dropped. Abbreviations such as
 * "U.S." may split a sentence early, which only shortens what is kept. Linear: each end is
 * checked against the few characters before it, never against the sentence so far.
 */
export function proseSentences(text: string): string[] {
  const found: string[] = [];
  for (const paragraph of text.split(/\n{2,}/)) {
    const flat = paragraph
      .replace(/^\s{0,3}[-*+]\s/gm, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (flat === '') continue;
    let start = 0;
    for (const match of flat.matchAll(sentenceEnd)) {
      const stop = match.index + match[0].length - 1;
      const tail = flat.slice(Math.max(start, stop - 8), stop).trimEnd();
      if (abbreviation.test(tail) || (meridiem.test(tail) && zoneAfter.test(flat.slice(stop + 1, stop + 7)))) continue;
      found.push(flat.slice(start, stop).trim());
      start = stop + 1;
    }
    const rest = flat.slice(start).trim();
    if (rest !== '') found.push(rest);
  }
  return found;
}
