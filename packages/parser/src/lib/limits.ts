/**
 * Guards against markdown that remark/micromark handle in super-linear time or with deep
 * recursion (stack overflow): a cheap linear pre-scan before parsing, and a depth check
 * of the tree before anything walks it recursively. A body that trips a guard is not
 * parsed as markdown; it is kept verbatim as one code block (rendered as escaped
 * preformatted text) with a positioned diagnostic, so nothing the author wrote is lost.
 */
import type { Nodes, Root } from 'mdast';

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
 * micromark pairs emphasis delimiters (`*`, `_`) and link brackets (`[`) per paragraph in
 * time quadratic in their number; the sum over paragraphs of count² is capped (10,000
 * delimiter runs in one paragraph, or 1,000 in each of 100, still pass). Paragraphs are
 * approximated from above by runs of non-blank lines (code blocks included): a blank line
 * always ends a paragraph, so the estimate never undercounts.
 */
export const maxDelimiterCost = 100_000_000;
/**
 * micromark copies every event so far each time a list item or block quote closes, so many
 * of them in a long body take quadratic time (a 10 MB file of real postmortems: minutes).
 * The sum of the offsets of lines that open one is capped: a 1 MB body of real postmortems
 * costs about 1.1e9.
 */
export const maxContainerCost = 10_000_000_000;

/** The first limit `markdown` exceeds before parsing, or null. Linear in its length. */
export function precheckMarkdown(markdown: string): MarkdownLimit | null {
  let line = 0;
  let start = 0;
  let blockLine = 1;
  let emphasis = 0;
  let brackets = 0;
  let emphasisCost = 0;
  let bracketCost = 0;
  let containerCost = 0;
  const endBlock = (): MarkdownLimit | null => {
    emphasisCost += emphasis * emphasis;
    bracketCost += brackets * brackets;
    emphasis = 0;
    brackets = 0;
    if (emphasisCost > maxDelimiterCost || bracketCost > maxDelimiterCost) {
      const what = emphasisCost > maxDelimiterCost ? 'emphasis delimiters (`*`, `_`)' : 'link brackets (`[`)';
      return { line: blockLine, column: 1, message: `Unexpected number of ${what} in one paragraph, expected far fewer (they take quadratic time to pair); the body is kept as preformatted text` };
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
    if (nesting.markers > 0) containerCost += lineStart;
    if (containerCost > maxContainerCost) {
      return { line, column: 1, message: `Unexpected number of list items and block quotes for a body of ${markdown.length} characters, expected fewer (remark takes quadratic time on them); the body is kept as preformatted text` };
    }
    if (nesting.depth > maxLineNesting) {
      return { line, column: nesting.column, message: `Unexpected line nested ${nesting.depth}+ levels deep (block quotes, list markers, indentation), expected at most ${maxLineNesting}; the body is kept as preformatted text` };
    }

    if (text.trim() === '') {
      const limit = endBlock();
      if (limit) return limit;
      blockLine = line + 1;
      continue;
    }
    let previous = '';
    for (let index = 0; index < text.length; index++) {
      const char = text[index]!;
      if ((char === '*' || char === '_') && char !== previous) emphasis++;
      else if (char === '[') brackets++;
      previous = char;
    }
  }
  return endBlock();
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
export function checkTreeDepth(tree: Root): MarkdownLimit | null {
  const stack: Array<[Nodes, number]> = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > maxTreeDepth) {
      const start = node.position?.start;
      return { line: start?.line ?? 1, column: start?.column ?? 1, message: `Unexpected markdown nested ${maxTreeDepth}+ levels deep, expected at most ${maxTreeDepth}; the body is kept as preformatted text` };
    }
    if ('children' in node) for (const child of node.children) stack.push([child, depth + 1]);
  }
  return null;
}

/** The body as one code block: rendered as escaped preformatted text, nothing lost. */
export function verbatimTree(markdown: string): Root {
  let first = 0;
  let line = 1;
  while (markdown[first] === '\n' || markdown[first] === '\r') {
    if (markdown[first] === '\n') line++;
    first++;
  }
  const value = markdown.slice(first);
  return {
    type: 'root',
    children: value === '' ? [] : [{ type: 'code', lang: null, meta: null, value, position: { start: { line, column: 1, offset: first }, end: { line, column: 1, offset: markdown.length } } }],
  };
}
