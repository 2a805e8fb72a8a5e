/**
 * Gives a parsed postmortem strings of its own, so that keeping it (a corpus keeps every
 * postmortem it loads) does not keep the file's text too.
 *
 * The strings a parse returns are mostly slices of the file's text (V8 "sliced strings": a
 * pointer into the parent string) or concatenations holding such slices, so each postmortem
 * kept the whole decoded file alive. And one character above U+00FF anywhere in a file (an em
 * dash will do) makes the decoded text two bytes per character, and every slice of it with
 * it, though most section texts and timeline lines are plain ASCII. A copy is one byte per
 * character when its own characters allow. Measured on the 1k bench corpus: 46.5 → 37 KB of
 * heap kept per postmortem. The HTML is left alone: it is built by joining, so it is already
 * a string of its own.
 */
import { Buffer } from 'node:buffer';

// Shorter slices are copied by V8 already (`SlicedString::kMinLength`).
const minSliceLength = 13;

/** Replaces, in place, every string of 13 or more characters in `value`'s plain objects and arrays (but `skip`'s keys at the top) by a copy. */
export function ownStrings<T extends object>(value: T, skip: ReadonlySet<string> = new Set()): T {
  const record = value as Record<string, unknown>;
  // Equal strings share one copy: a postmortem repeats its path in every diagnostic, a section's
  // text as its summary, trigger or lesson (about 1.5 KB a postmortem on the bench corpus).
  const copies = new Map<string, string>();
  for (const key of Object.keys(record)) if (!skip.has(key)) record[key] = own(record[key], copies);
  return value;
}

function own(value: unknown, copies: Map<string, string>): unknown {
  if (typeof value === 'string') {
    if (value.length < minSliceLength) return value;
    let copy = copies.get(value);
    if (copy === undefined) {
      copy = copyString(value);
      copies.set(copy, copy);
    }
    return copy;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = own(value[index], copies);
  } else if (value !== null && typeof value === 'object' && isPlain(value)) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = own(record[key], copies);
  }
  return value;
}

function isPlain(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

// One regex test is 2-3x faster than a charCodeAt loop over the string (about 40 strings a file).
const aboveLatin1 = /[^\0-\xff]/;

/** A flat copy of `text`: one byte per character when every character is at most U+00FF. */
function copyString(text: string): string {
  // Concatenating then slicing flattens into a new string (the slice of it keeps only that copy).
  if (aboveLatin1.test(text)) return (' ' + text).slice(1);
  return Buffer.from(text, 'latin1').toString('latin1');
}
