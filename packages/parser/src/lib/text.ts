/** Small text helpers shared by the parser's modules. */

/** `text` cut to at most `max` characters, ending in `…` when cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** `text` with every whitespace run as one space, trimmed. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
