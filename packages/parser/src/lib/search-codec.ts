/**
 * Compact text encoding of non-negative integers for the search index: a little-endian
 * varint in base 42 written with JSON-safe ASCII (no `"`, `\`, `<`, `>`), so a posting list
 * is one short string rather than an array of numbers. No imports: this module ships to the browser.
 */

/** Character codes 40–126 minus `<` (60), `>` (62) and `\` (92): 84 characters. */
const alphabet: readonly number[] = Array.from({ length: 87 }, (_, i) => 40 + i).filter((code) => code !== 60 && code !== 62 && code !== 92);
const radix = alphabet.length / 2; // 42: the first half ends a number, the second half continues it
/** Character code → digit (0–83), or -1. */
const digits = new Int8Array(128).fill(-1);
alphabet.forEach((code, digit) => {
  digits[code] = digit;
});

/** Appends the characters of `value` (a non-negative integer) to `out`. */
export function writeVarint(out: number[], value: number): void {
  let rest = Math.max(0, Math.floor(value));
  while (rest >= radix) {
    out.push(alphabet[radix + (rest % radix)]!);
    rest = Math.floor(rest / radix);
  }
  out.push(alphabet[rest]!);
}

/** The string for a list of character codes (in chunks: `fromCharCode` takes limited arguments). */
export function codesToString(codes: readonly number[]): string {
  let text = '';
  for (let start = 0; start < codes.length; start += 8192) {
    text += String.fromCharCode(...codes.slice(start, start + 8192));
  }
  return text;
}

/**
 * Decodes every varint in `text` into `out` from index 0 and returns how many there were.
 * `out` must have room for `text.length` values (each takes at least one character).
 * Throws on a character outside the alphabet or a truncated number (a corrupt index).
 */
export function readVarints(text: string, out: Float64Array): number {
  let count = 0;
  let value = 0;
  let scale = 1;
  let open = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? digits[code]! : -1;
    if (digit < 0) throw new TypeError('search index: bad character in a posting list');
    if (digit >= radix) {
      value += (digit - radix) * scale;
      scale *= radix;
      open = true;
    } else {
      out[count++] = value + digit * scale;
      value = 0;
      scale = 1;
      open = false;
    }
  }
  if (open) throw new TypeError('search index: truncated posting list');
  return count;
}
