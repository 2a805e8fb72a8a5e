/**
 * Text handling for the search index: the same tokeniser runs when the index is built
 * (at site build time) and on every query (in the browser), so both sides agree on terms.
 * No imports: this module ships to the browser.
 */

/** Longer tokens (hashes, URLs run together) are cut to this many characters. */
export const maxTokenLength = 32;

/**
 * Very common English words that say nothing about an incident. Kept short on purpose:
 * words such as `down`, `up`, `out` or `not` matter in postmortems and stay searchable.
 */
export const stopwords: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have he her his i if in into is it its ' +
    'just me my of on or our she so than that the their them then there these they this those to too was we were ' +
    'what when where which while who whom why will with would you your'
  ).split(' '),
);

const diacritics = /[\u0300-\u036f]/g;
/**
 * A word: a run of letters, digits and combining marks; Han, Hiragana and Katakana are
 * written without spaces, so each of their characters is a word of its own.
 */
const wordPattern = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}\p{M}])+/gu;
const ideograph = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;
const digit = /\p{N}/u;

/** Text with no character above U+007F: no accents to strip and no script but Latin. */
const ascii = /^[\u0000-\u007f]*$/;
/** `wordPattern` on lowercased ASCII text: the same words, without the Unicode property classes. */
const asciiWordPattern = /[a-z0-9]+/g;

/** Lowercases, strips Latin/Greek/Cyrillic accents (`café` → `cafe`) and splits into words. */
export function words(text: string): string[] {
  // Most postmortems are ASCII: there NFKD and the Unicode classes change nothing, and cost much of the index build.
  const isAscii = ascii.test(text);
  const folded = isAscii ? text.toLowerCase() : text.toLowerCase().normalize('NFKD').replace(diacritics, '');
  const out: string[] = [];
  for (const match of folded.matchAll(isAscii ? asciiWordPattern : wordPattern)) {
    const word = match[0];
    out.push(word.length > maxTokenLength ? word.slice(0, maxTokenLength) : word);
  }
  return out;
}

/**
 * Whether a word is worth indexing on its own: not a stopword and not a single letter
 * (single digits and CJK characters are kept).
 */
export function isIndexable(word: string): boolean {
  if (stopwords.has(word)) return false;
  if (word.length > 1) return true;
  return digit.test(word) || ideograph.test(word);
}

/** The indexable terms of a text, in order, repeats kept (they are term frequencies). */
export function tokenize(text: string): string[] {
  return words(text).filter(isIndexable);
}

const vowel = /[aeiouy]/;
const doubled = /([^aeiouylsz])\1$/;

/**
 * A light English suffix stemmer (plural `-s`/`-es`/`-ies`, `-ing`, `-ed`, final `-e`, `-y`).
 * Only used to group vocabulary terms that are forms of one word (`certificate`,
 * `certificates`; `deploy`, `deployed`, `deploying`) — results still show the words as written.
 */
export function stem(word: string): string {
  if (word.length <= 3 || digit.test(word)) return word;
  let s = word;
  if (s.endsWith('ies') && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith('sses')) s = s.slice(0, -2);
  else if (/(?:ch|sh|x|z)es$/.test(s)) s = s.slice(0, -2);
  else if (s.endsWith('s') && !/(?:ss|us|is)$/.test(s)) s = s.slice(0, -1);
  if (s.length > 5 && s.endsWith('ing') && vowel.test(s.slice(0, -3))) s = undouble(s.slice(0, -3));
  else if (s.length > 4 && s.endsWith('ed') && vowel.test(s.slice(0, -2))) s = undouble(s.slice(0, -2));
  if (s.length > 3 && s.endsWith('e')) s = s.slice(0, -1);
  if (s.length > 3 && s.endsWith('y')) s = `${s.slice(0, -1)}i`;
  return s;
}

function undouble(s: string): string {
  return doubled.test(s) ? s.slice(0, -1) : s;
}

/** Collapses whitespace and cuts at a word boundary so the result is at most `max` characters. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  let head = space > max * 0.6 ? cut.slice(0, space) : cut;
  // Do not leave half of a surrogate pair at the end.
  const last = head.charCodeAt(head.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
  return `${trimTrailingPunctuation(head)}…`;
}

const trailing = new Set([' ', '\t', '\n', '\r', ',', ';', ':', '.', '-', '–', '—']);

/** Drops spaces and punctuation at the end; a loop, as a `[…]+$` regex retries from every position. */
function trimTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && trailing.has(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/**
 * The index key of two adjacent words: their stems joined by a space (`rolled back` and
 * `rolling back` are both `roll back`). Stopwords between them were already dropped, so
 * `out of memory` is `out memori`. Phrase queries and multi-word synonyms look these up.
 */
export function pairKey(first: string, second: string): string {
  return `${stem(first)} ${stem(second)}`;
}
