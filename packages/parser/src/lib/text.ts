/** Small text helpers shared by the parser's modules. */

/** `text` cut to at most `max` characters, ending in `…` when cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** `text` with every whitespace run as one space, trimmed. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Drops trailing characters of a set. A loop, not `/[…]+$/`: that pattern rescans a long run
 * from every position in it when the run is not at the end.
 */
export function trimEnd(text: string, chars: ReadonlySet<string>): string {
  let end = text.length;
  while (end > 0 && chars.has(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** `text` cut to its first `length` characters followed by `…` when longer. */
export function truncate(text: string, length: number): string {
  return text.length > length ? text.slice(0, length) + '…' : text;
}

/** Code-unit order, the same in every locale (unlike `localeCompare`). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
