/** Inline annotations of an action item's text: owner, status, priority, type, due and done dates. */
import type { ItemStatus, Place, Rendered } from './action-item-render.js';
import type { DiagnosticSink } from './diagnostics.js';
import { collapse, trimEnd } from './text.js';
import { isValidCalendarDate } from './time.js';

/** The fields one piece of item text carries. */
interface Annotated {
  text: string;
  owner: string | null;
  status: ItemStatus | null;
  priority: string | null;
  type: string | null;
  due: string | null;
  doneOn: string | null;
}

// Marker spelled in the text: "(done)", "[todo]", "✅".
const textMarkerPattern = /[([](done|todo)[)\]]|✅\uFE0F?/giu;
// A status in capitals opening or closing the item: "DONE: add alerting", "Add alerting — DONE".
const capitalMarkerPattern = /^(DONE|TODO|COMPLETED|FIXED)\b:?|\b(DONE|TODO|COMPLETED|FIXED)\.?$/gu;
// "due 2023-06-01", "due: 2023-06-01", "due date: …", "due by …", "by 2023-06-01".
const dueDatePattern = /\b(?:due(?: date)?:? ?(?:(?:on|by) )?|by )(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/gi;
// "due: end of Q3" — an explicit due annotation whose value is not a date.
const dueFreeFormPattern = /\bdue(?: date)?: ?([^,;()[\]|]+)/gi;
// "done 2023-06-01", "completed on 2023-06-01", "closed: 2023-06-01": when the item was done.
const doneOnPattern = /\b(?:done|completed|closed|fixed|shipped|finished)(?: on)?:? (\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/gi;
const priorityPhrasePattern = /\b(?:priority|prio|pri): ?([\w-]+)/gi;
const priorityTokenPattern = /\b[Pp][0-4]\b/g;
const typePhrasePattern = /\btype: ?([\w-]+)/gi;
const ownerPhrasePattern = /\b(?:owners?|assignee|assigned to|dri): ?([^,;()[\]|]+)/gi;
// "@jane.doe" but not "jane@example.com" or "https://host/@jane".
const mentionPattern = /(?<![\w.@/+-])@([A-Za-z0-9][\w.-]*)/g;
// "[prevent] …", "(mitigate) …" at the very start.
const leadingTagPattern = /^[([]([A-Za-z][A-Za-z-]{1,30})[)\]]/;
// Characters a handle may contain but not end with.
const handleTrailingChars = new Set(['.', '_', '-']);
const priorityWords = new Set(['critical', 'urgent', 'high', 'medium', 'low']);

/** Reads owner, status, priority, type and due from item text and returns the text without them. */
export function annotate(rendered: Rendered, place: Place, sink: DiagnosticSink): Annotated {
  // Whitespace first: then every `\s` run is one space and the patterns stay simple.
  const text = collapse(rendered.text);
  const spans = new Spans(text);
  const result: Annotated = { text: '', owner: null, status: rendered.marker, priority: null, type: null, due: null, doneOn: null };

  // Before the status markers, so "DONE 2023-06-01" is read as a date, not only as a status.
  for (const match of text.matchAll(doneOnPattern)) {
    if (!spans.add(match.index, match[0].length)) continue;
    if (result.doneOn === null) {
      const written = match[0].slice(match[0].search(/\d/));
      result.doneOn = calendarDate(match.slice(1), written, place, sink, 'Done date');
    }
  }

  for (const match of text.matchAll(textMarkerPattern)) {
    if (!spans.add(match.index, match[0].length)) continue;
    result.status ??= match[1]?.toLowerCase() === 'todo' ? 'open' : 'done';
  }
  for (const match of text.matchAll(capitalMarkerPattern)) {
    if (!spans.add(match.index, match[0].length)) continue;
    result.status ??= (match[1] ?? match[2]) === 'TODO' ? 'open' : 'done';
  }

  for (const match of text.matchAll(dueDatePattern)) {
    if (!spans.add(match.index, match[0].length)) continue;
    if (result.due === null) {
      const written = match[0].slice(match[0].search(/\d/));
      result.due = calendarDate(match.slice(1), written, place, sink);
    }
  }
  if (result.due === null) {
    for (const match of text.matchAll(dueFreeFormPattern)) {
      const value = cutValue(match, spans);
      if (!spans.add(match.index, value.end - match.index)) continue;
      sink.report('action-item-unrecognised-due', `Due date "${value.text}" is not in YYYY-MM-DD form, so the action item keeps no due date.`, place);
      break;
    }
  }

  for (const match of text.matchAll(priorityPhrasePattern)) {
    if (spans.add(match.index, match[0].length)) result.priority ??= match[1] ?? null;
  }
  for (const match of text.matchAll(priorityTokenPattern)) {
    if (spans.add(match.index, match[0].length)) result.priority ??= match[0].toUpperCase();
  }

  for (const match of text.matchAll(typePhrasePattern)) {
    if (spans.add(match.index, match[0].length)) result.type ??= match[1] ?? null;
  }

  for (const match of text.matchAll(ownerPhrasePattern)) {
    const value = cutValue(match, spans);
    const owner = value.text.replace(/^@/, '').replace(/\.$/, '').trim();
    if (owner === '' || !spans.add(match.index, value.end - match.index)) continue;
    result.owner ??= owner;
  }
  if (result.owner === null) {
    for (const match of text.matchAll(mentionPattern)) {
      // A sentence may end right after the handle: "ask @jane."
      const handle = trimEnd(match[1] ?? '', handleTrailingChars);
      if (spans.add(match.index, handle.length + 1)) {
        result.owner = handle;
        break;
      }
    }
  }

  let remaining = tidy(spans.remaining());
  const tag = leadingTagPattern.exec(remaining);
  const tagWord = tag?.[1];
  if (tag && tagWord !== undefined && !/^(?:done|todo)$/i.test(tagWord)) {
    if (priorityWords.has(tagWord.toLowerCase())) result.priority ??= tagWord;
    else result.type ??= tagWord;
    remaining = tidy(remaining.slice(tag[0].length));
  }
  result.text = remaining;
  return result;
}

/**
 * The value of an `owner:` / `due:` phrase: up to a separator, a dash, a sentence end or the
 * next annotation ("owner: Jane Doe due 2023-06-01").
 */
function cutValue(match: RegExpMatchArray, spans: Spans): { text: string; end: number } {
  const value = match[1] ?? '';
  const start = (match.index ?? 0) + match[0].length - value.length;
  let length = spans.firstClaimed(start, start + value.length) - start;
  for (const stop of [' - ', ' – ', ' — ', '. ']) {
    const at = value.indexOf(stop);
    if (at !== -1 && at < length) length = at;
  }
  const kept = value.slice(0, length);
  const trimmed = kept.trimEnd();
  return { text: trimmed.trim(), end: start + trimmed.length };
}

/**
 * Characters of the text already read as annotations. A flag per character, not a list of
 * ranges: an item with thousands of annotations must not cost a scan of all ranges per match.
 */
class Spans {
  private readonly claimed: Uint8Array;

  constructor(private readonly text: string) {
    this.claimed = new Uint8Array(text.length);
  }

  /** Claims a range unless part of it is already claimed. */
  add(start: number | undefined, length: number): boolean {
    if (start === undefined || length <= 0) return false;
    const end = start + length;
    if (this.firstClaimed(start, end) !== end) return false;
    this.claimed.fill(1, start, end);
    return true;
  }

  /** The first claimed position in `[from, limit)`, or `limit`. */
  firstClaimed(from: number, limit: number): number {
    for (let at = from; at < limit; at++) if (this.claimed[at] === 1) return at;
    return limit;
  }

  /** The text with each claimed run replaced by one space. */
  remaining(): string {
    let out = '';
    let runStart = 0;
    for (let at = 0; at <= this.text.length; at++) {
      const isClaimed = at < this.text.length && this.claimed[at] === 1;
      if (isClaimed || at === this.text.length) {
        if (runStart < at) out += this.text.slice(runStart, at);
        if (isClaimed && (at === 0 || this.claimed[at - 1] !== 1)) out += ' ';
        runStart = at + 1;
      }
    }
    return out;
  }
}

const separatorChars = new Set([' ', ',', ';', ':', '|', '-', '–', '—']);

/** Tidies text after annotations were cut out: empty brackets, stray separators, spaces. */
function tidy(text: string): string {
  const out = collapse(text.replace(/[([][\s,;:|/–—-]*[)\]]/g, ' '))
    .replace(/ ([,;:.!?)\]])/g, '$1')
    .replace(/([([]) /g, '$1')
    .replace(/([,;])[,;]+/g, '$1');
  let start = 0;
  while (start < out.length && separatorChars.has(out[start]!)) start++;
  return trimEnd(out.slice(start), separatorChars);
}

/** `YYYY-MM-DD` of year, month and day as written, or null (with a warning) when no such day exists. */
export function calendarDate(parts: readonly (string | undefined)[], written: string, place: Place, sink: DiagnosticSink, what = 'Due date'): string | null {
  const [yearText = '', monthText = '', dayText = ''] = parts;
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  if (!isValidCalendarDate(year, month, day)) {
    sink.report('action-item-invalid-due', `${what} "${written}" is not a valid calendar date; expected a real date as YYYY-MM-DD.`, place);
    return null;
  }
  return `${yearText}-${monthText.padStart(2, '0')}-${dayText.padStart(2, '0')}`;
}
