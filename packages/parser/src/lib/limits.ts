/**
 * Guards against markdown that remark/micromark handle in super-linear time or with deep
 * recursion (stack overflow): a cheap linear pre-scan before parsing, and a depth check
 * of the tree before anything walks it recursively. A body that trips a guard is not
 * parsed as markdown; it is kept verbatim as one code block (rendered as escaped
 * preformatted text) with a positioned diagnostic, so nothing the author wrote is lost.
 */
import type { Nodes, Root } from 'mdast';
import type { DiagnosticSink } from './diagnostics.js';
import { parseMarkdown } from './markdown.js';

/**
 * The body's mdast, or (for bodies nested too deep or with too many delimiters for remark to
 * handle in linear time and bounded stack) the body verbatim as one code block, with a
 * positioned `too-large` diagnostic.
 */
export function parseMarkdownWithinLimits(body: string, sink: DiagnosticSink): Root {
  let limit = precheckMarkdown(body);
  if (!limit) {
    try {
      const tree = parseMarkdown(body);
      limit = checkTreeDepth(tree);
      if (!limit) return tree;
    } catch (error) {
      // A stack overflow in a recursive remark plugin: still never lose the content.
      if (!(error instanceof RangeError)) throw error;
      limit = { line: 1, column: 1, message: `Unexpected markdown remark could not parse (${error.message}); the body is kept as preformatted text` };
    }
  }
  sink.report('too-large', limit.message, limit);
  return verbatimTree(body);
}

export interface MarkdownLimit {
  line: number;
  column: number;
  message: string;
}

/** Block containers (`>`, list markers, two columns of indentation each) opened on one line. */
export const maxLineNesting = 64;
/** Depth of the mdast tree (root = 0). Real postmortems stay below 30. */
export const maxTreeDepth = 200;
/**
 * micromark pairs delimiters per paragraph by walking back over the paragraph's events: each
 * emphasis run (`*`, `_`) and strikethrough run (`~`) that can close looks back for an opener,
 * and each `]` looks back for a `[` or `![` (and scans everything when there is none). So the
 * work is about (runs that look back) × (events they pass), summed over paragraphs, and that
 * sum is capped: `~a` × 40,000 or `a]` × 40,000 (80 KB) took 8 to 25 s, `*a**a***a` × 3,300
 * (unpairable runs) 16 s. Events are over-estimated by every character that can start a token
 * (`*_~[]!\`&<`) plus one per line; paragraphs by runs of non-blank lines (code blocks and
 * tables included; a fenced code block at column 1, whose text is never tokenized, is
 * skipped): a blank line always ends a paragraph, so the estimate never undercounts. A
 * 2,000-line paragraph or table with a delimiter on every line still passes.
 */
export const maxDelimiterCost = 10_000_000;
/**
 * micromark copies every event so far each time a list item or block quote closes, so many
 * of them in a long body take quadratic time (a 10 MB file of real postmortems: minutes), and
 * more so when they are nested (every level adds events to each line, and `- a` nested 30
 * deep, 20,000 lines, took minutes). Each line that opens a container adds its offset times
 * its nesting depth; the sum is capped: a 1 MB body of real postmortems costs about 1.1e9, and
 * 40,000 flat list items about 3.2e9.
 */
export const maxContainerCost = 10_000_000_000;

/** Characters that look back over the paragraph's events for an opener (`]`) or a partner run. */
const lookBack = ['*', '_', '~', ']'];
/** Characters that can start a token of their own in a paragraph (each adds events). */
const tokenStart = ['*', '_', '~', '[', ']', '!', '\\', '`', '&', '<'];
// By ASCII code: 0 for a character that starts no token, else whether it also looks back (the scan runs over every character of the body).
const tokenStartKind = 1;
const lookBackKind = 2;
const charKinds = new Uint8Array(128);
for (const char of tokenStart) charKinds[char.charCodeAt(0)] = lookBack.includes(char) ? lookBackKind : tokenStartKind;

/** The first limit `markdown` exceeds before parsing, or null. Linear in its length. */
export function precheckMarkdown(markdown: string): MarkdownLimit | null {
  let line = 0;
  let start = 0;
  let blockLine = 1;
  let lookers = 0;
  let events = 0;
  let delimiterCost = 0;
  let containerCost = 0;
  // The top-level fenced code block the scan is in (its text is never tokenized), or null.
  let fence: string | null = null;
  let htmlSeen = false;
  const endBlock = (): MarkdownLimit | null => {
    delimiterCost += lookers * events;
    lookers = 0;
    events = 0;
    if (delimiterCost > maxDelimiterCost) {
      return {
        line: blockLine,
        column: 1,
        message:
          'Unexpected number of emphasis, strikethrough and link delimiters (`*`, `_`, `~`, `[`, `]`) in one paragraph, expected far fewer (they take quadratic time to pair); the body is kept as preformatted text',
      };
    }
    return null;
  };
  while (start <= markdown.length) {
    line++;
    let end = markdown.indexOf('\n', start);
    if (end === -1) end = markdown.length;
    const text = markdown.slice(start, end);
    const lineStart = start;
    start = end + 1;

    const nesting = lineNesting(text);
    if (nesting.markers > 0) containerCost += lineStart * Math.max(1, nesting.depth);
    if (containerCost > maxContainerCost) {
      return {
        line,
        column: 1,
        message: `Unexpected number of list items and block quotes (or their nesting) for a body of ${markdown.length} characters, expected fewer (remark takes quadratic time on them); the body is kept as preformatted text`,
      };
    }
    if (nesting.depth > maxLineNesting) {
      return {
        line,
        column: nesting.column,
        message: `Unexpected line nested ${nesting.depth}+ levels deep (block quotes, list markers, indentation), expected at most ${maxLineNesting}; the body is kept as preformatted text`,
      };
    }

    if (fence !== null) {
      if (closesFence(text, fence)) fence = null;
      continue;
    }
    if (text.trim() === '') {
      const limit = endBlock();
      if (limit) return limit;
      blockLine = line + 1;
      continue;
    }
    // Every HTML block starts with `<`; inside one a fence line is not a fence, so from the
    // first such line on, fences are no longer skipped (the estimate only grows).
    if (/^ {0,3}</.test(text)) htmlSeen = true;
    if (!htmlSeen) {
      const opened = openingFence(text);
      if (opened !== null) {
        const limit = endBlock();
        if (limit) return limit;
        fence = opened;
        blockLine = line + 1;
        continue;
      }
    }
    events++;
    let previous = -1;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      const kind = code < 128 ? charKinds[code]! : 0;
      // A run of one character is one token (and one look back).
      if (code !== previous && kind !== 0) {
        events++;
        if (kind === lookBackKind) lookers++;
      } else if (code === 93 || code === 91 || code === 92) {
        // Brackets and escapes (`]`, `[`, `\\`) are tokens one by one, not as runs.
        events++;
        if (code === 93) lookers++;
      }
      previous = code;
    }
  }
  return endBlock();
}

/**
 * The fence a line opens, or null. Only a fence at column 1 counts: there it is a top-level
 * fenced code block in every context but an HTML block (it closes any list or quote and
 * interrupts a paragraph or table), so skipping its content never hides text micromark parses.
 */
function openingFence(text: string): string | null {
  const char = text[0];
  if (char !== '`' && char !== '~') return null;
  let length = 0;
  while (text[length] === char) length++;
  if (length < 3) return null;
  // A backtick fence's info string has no backtick (else the line is inline code).
  if (char === '`' && text.includes('`', length)) return null;
  return char.repeat(length);
}

/** Whether `text` closes `fence`: up to 3 spaces, at least as many fence characters, then only whitespace. */
function closesFence(text: string, fence: string): boolean {
  let index = 0;
  while (index < 3 && text[index] === ' ') index++;
  let length = 0;
  while (text[index + length] === fence[0]) length++;
  return length >= fence.length && text.slice(index + length).trim() === '';
}

/** How many block containers a line opens, and the column where the count passed the limit. */
function lineNesting(text: string): { depth: number; markers: number; column: number } {
  let markers = 0;
  // Indentation nests too (a list item's content is indented): two columns count as a level.
  let columns = 0;
  let index = 0;
  // Past this index the rest of the line is known not to be a thematic break.
  let notBreakBefore = -1;
  const depth = () => markers + Math.floor(columns / 2);
  while (index < text.length && depth() <= maxLineNesting) {
    while (text[index] === ' ' || text[index] === '\t') columns += text[index++] === ' ' ? 1 : 4;
    if (depth() > maxLineNesting) break;
    const char = text[index];
    if (char === '>') {
      markers++;
      index++;
      continue;
    }
    let after = index;
    if (char === '-' || char === '+' || char === '*') {
      if (char !== '+' && index >= notBreakBefore) {
        const stop = thematicBreakStop(text, index, char);
        if (stop === -1) break;
        notBreakBefore = stop;
      }
      after = index + 1;
    } else {
      while (after - index < 9 && text[after]! >= '0' && text[after]! <= '9') after++;
      if (after === index || (text[after] !== '.' && text[after] !== ')')) break;
      after++;
    }
    if (after < text.length && text[after] !== ' ' && text[after] !== '\t' && text[after] !== '\r') break;
    markers++;
    index = after;
  }
  return { depth: depth(), markers, column: Math.min(index, text.length) + 1 };
}

/** -1 when `text` from `index` is a thematic break of `char`, else the index where it stops being one. */
function thematicBreakStop(text: string, index: number, char: string): number {
  let count = 0;
  let at = index;
  for (; at < text.length; at++) {
    if (text[at] === char) count++;
    else if (text[at] !== ' ' && text[at] !== '\t' && text[at] !== '\r') return at;
  }
  return count >= 3 ? -1 : at;
}

/** The first node deeper than `maxTreeDepth`, as a limit, or null. Iterative: safe on any depth. */
function checkTreeDepth(tree: Root): MarkdownLimit | null {
  const stack: Array<[Nodes, number]> = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > maxTreeDepth) {
      const start = node.position?.start;
      return {
        line: start?.line ?? 1,
        column: start?.column ?? 1,
        message: `Unexpected markdown nested ${maxTreeDepth}+ levels deep, expected at most ${maxTreeDepth}; the body is kept as preformatted text`,
      };
    }
    if ('children' in node) for (const child of node.children) stack.push([child, depth + 1]);
  }
  return null;
}

/** The body as one code block: rendered as escaped preformatted text, nothing lost. */
function verbatimTree(markdown: string): Root {
  let first = 0;
  let line = 1;
  while (markdown[first] === '\n' || markdown[first] === '\r') {
    if (markdown[first] === '\n') line++;
    first++;
  }
  const value = markdown.slice(first);
  return {
    type: 'root',
    children:
      value === ''
        ? []
        : [
            {
              type: 'code',
              lang: null,
              meta: null,
              value,
              position: { start: { line, column: 1, offset: first }, end: { line, column: 1, offset: markdown.length } },
            },
          ],
  };
}
