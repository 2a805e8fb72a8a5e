/** Plain-text lines of a timeline's inline markdown, and where each of their pieces sits in the source. */
import type { Code, Paragraph, PhrasingContent } from 'mdast';

interface Anchor {
  offset: number;
  line: number;
  column: number;
}

/** One line of plain text (markdown stripped) and where its pieces sit in the source. */
export interface TextLine {
  text: string;
  line: number;
  anchors: Anchor[];
}

/**
 * Splits inline content into plain-text lines at soft and hard breaks, remembering the
 * source position of every text piece so a column inside `**25:10**` points at the `2`.
 * Continuation lines inside one text node have lost their indentation in mdast: they are
 * placed at the block's start column, which is where they almost always are.
 */
export function inlineLines(nodes: readonly PhrasingContent[], start: { line: number; column: number }): TextLine[] {
  const lines: TextLine[] = [];
  let current: TextLine = { text: '', line: start.line, anchors: [] };
  let lastLine = start.line;

  const newLine = (line: number) => {
    lines.push(current);
    current = { text: '', line, anchors: [] };
  };
  const append = (value: string, line: number, column: number) => {
    const parts = value.split('\n');
    parts.forEach((part, index) => {
      if (index > 0) newLine(line + index);
      if (part === '') return;
      current.anchors.push({ offset: current.text.length, line: line + index, column: index === 0 ? column : start.column });
      current.text += part;
    });
    lastLine = line + parts.length - 1;
  };
  const walk = (children: readonly PhrasingContent[]) => {
    for (const node of children) {
      const line = node.position?.start.line ?? lastLine;
      const column = node.position?.start.column ?? start.column;
      switch (node.type) {
        case 'text':
          append(node.value, line, column);
          break;
        case 'inlineCode':
          append(node.value, line, column + 1);
          break;
        case 'break':
          newLine(node.position?.end.line ?? lastLine + 1);
          break;
        case 'html':
          if (/^<br\s{0,3}\/?>$/i.test(node.value)) newLine(node.position?.end.line ?? lastLine + 1);
          break;
        case 'image':
        case 'imageReference':
          if (node.alt) append(node.alt, line, column);
          break;
        case 'footnoteReference':
          break;
        default:
          if ('children' in node) walk(node.children);
      }
    }
  };
  walk(nodes);
  lines.push(current);
  return lines;
}

export function positionIn(line: TextLine, offset: number): { line: number; column: number } {
  let anchor: Anchor | undefined;
  for (const candidate of line.anchors) {
    if (candidate.offset > offset) break;
    anchor = candidate;
  }
  return anchor ? { line: anchor.line, column: anchor.column + (offset - anchor.offset) } : { line: line.line, column: 1 };
}

export function startOf(node: { position?: { start: { line: number; column: number } } | undefined }, fallbackLine: number) {
  return { line: node.position?.start.line ?? fallbackLine, column: node.position?.start.column ?? 1 };
}

export function paragraphLines(paragraph: Paragraph, fallbackLine: number): TextLine[] {
  return inlineLines(paragraph.children, startOf(paragraph, fallbackLine));
}

/**
 * The lines of a code block. A fenced block's first line is below its fence, at the fence's
 * column; an indented block (no fence: its position spans only its lines) starts on its own
 * line, four columns in (a tab indent makes that an estimate).
 */
export function codeLines(code: Code, fallbackLine: number): TextLine[] {
  const start = startOf(code, fallbackLine);
  const values = code.value.split('\n');
  const spanned = (code.position?.end.line ?? start.line) - start.line + 1;
  const fenced = spanned > values.length;
  const first = fenced ? start.line + 1 : start.line;
  const column = fenced ? start.column : start.column + 4;
  return values.map((text, index) => ({ text, line: first + index, anchors: [{ offset: 0, line: first + index, column }] }));
}
