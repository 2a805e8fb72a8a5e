/**
 * Postmortem content is untrusted, and the CLI prints it (titles, categories, services, file
 * names, messages quoting them) to terminals and CI logs. A control character there can set
 * the clipboard (OSC 52), plant a link (OSC 8), retitle the window, clear the screen, hide
 * text, or — a newline — forge a lint line or a GitHub Actions `::error` command.
 *
 * Two layers, one escaping function (`escapeTerminalText`):
 * - every content value is escaped where it is put into a line of human output, newlines
 *   included, so a value always stays inside its line;
 * - `Output` (the output boundary) escapes whatever control character is still left in the
 *   text it writes, except the line feeds and the colour codes the CLI itself emits.
 */

/**
 * C0 controls (tab and line feed included), DEL, C1 controls, the line and paragraph
 * separators, and the bidirectional formatting characters (which can make a terminal show
 * text in another order than it is).
 */
const unsafeRange = '\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const unsafeCharacter = new RegExp(`[${unsafeRange}]`, 'g');
/** An SGR (colour) sequence or an unsafe character, at the output boundary. */
const sgrOrUnsafeCharacter = new RegExp(`\\u001b\\[[0-9;]{0,12}m|[${unsafeRange}]`, 'g');
/** What JSON.stringify leaves raw in strings: DEL, C1, separators, bidi characters. */
const rawInJson = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const shortEscapes: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One character as visible text: `\n`, `\r`, `\t`, `\x1b`, `\u2028`. */
function visibleEscape(character: string): string {
  const short = shortEscapes[character];
  if (short !== undefined) return short;
  const code = character.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control, separator and bidi character shown as a visible escape (`\x1b`, `\n`). */
export function escapeTerminalText(text: string): string {
  return text.replace(unsafeCharacter, visibleEscape);
}

/**
 * The output boundary: `text` with every unsafe character escaped except line feeds and the
 * exact colour sequences in `allowedSequences` (those the CLI's own colours emit).
 */
export function sanitizeTerminalOutput(text: string, allowedSequences: ReadonlySet<string>): string {
  return text.replace(sgrOrUnsafeCharacter, (match) => (match === '\n' || allowedSequences.has(match) ? match : match.replace(unsafeCharacter, visibleEscape)));
}

/**
 * JSON text whose strings carry no raw DEL, C1, U+2028/U+2029 or bidi character (JSON.stringify
 * already escapes C0): each becomes a `\uXXXX` escape, the same value for any JSON reader, and
 * safe to show in a terminal or to embed in JavaScript.
 */
export function escapeJsonText(json: string): string {
  return json.replace(rawInJson, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `JSON.stringify` with `escapeJsonText` applied: for every JSON and NDJSON the CLI writes. */
export function stringifyJson(value: unknown, indent?: number): string {
  return escapeJsonText(JSON.stringify(value, null, indent));
}
