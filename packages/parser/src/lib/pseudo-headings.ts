/**
 * Lines that stand for headings in documents written without markdown headings: a paragraph that
 * is only bold text (`**Timeline**`), only a short line ending in a colon (`Timeline:`), or only a
 * short line in capitals (`ROOT CAUSE`). One becomes a heading when, and only when, its words name
 * a section we know ("Corrective and Preventative Measures:"), so a bold warning or a `Note:`
 * line stays a paragraph. Pasted and exported reports (plain text, Google Docs, wikis) write
 * their sections this way.
 */
import type { Heading, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { classifyHeading } from './sections.js';

/** The headings made here, for readers that look past them (`incident-times.ts`). */
const promoted = new WeakSet<Heading>();

/** Longest line read as a heading: section names are short. */
const maxLength = 60;

/** The heading's words when `node` is a paragraph written as a heading, else null. */
function pseudoHeadingText(node: RootContent): string | null {
  if (node.type !== 'paragraph') return null;
  const paragraph: Paragraph = node;
  const text = toString(paragraph).trim();
  if (text === '' || text.length > maxLength || text.includes('\n')) return null;
  const parts = paragraph.children.filter((child) => !(child.type === 'text' && (child.value.trim() === '' || child.value.trim() === ':')));
  const bold = parts.length === 1 && parts[0]!.type === 'strong';
  const plain = paragraph.children.length === 1 && paragraph.children[0]!.type === 'text';
  const colon = plain && text.endsWith(':');
  const capitals = plain && /[A-Z]{3}/.test(text) && !/[a-z]/.test(text);
  if (!bold && !colon && !capitals) return null;
  const words = (text.endsWith(':') ? text.slice(0, -1) : text).trim();
  return words !== '' && classifyHeading(words) !== null ? words : null;
}

/**
 * Turns top-level paragraphs written as headings into headings, one level below the heading
 * they follow (level 2 under the title or when there is none). Only outside the sections we
 * know: inside one ("**Root causes:**" under a timeline's day, "Next steps:" under Action
 * items) such a line is a label its section's reader already reads. The tree is changed in place.
 */
export function promotePseudoHeadings(tree: Root): void {
  // The real headings above the current line: their depth and the kind they name or inherit.
  const open: { depth: number; known: boolean }[] = [];
  const children: RootContent[] = [];
  let changed = false;
  for (const node of tree.children) {
    if (node.type === 'heading') {
      while (open.length > 0 && open[open.length - 1]!.depth >= node.depth) open.pop();
      const known = classifyHeading(toString(node)) !== null || (open.length > 0 && open[open.length - 1]!.known);
      open.push({ depth: node.depth, known });
      children.push(node);
      continue;
    }
    const current = open[open.length - 1];
    if (current?.known === true || node.type !== 'paragraph') {
      children.push(node);
      continue;
    }
    const depth = Math.min(6, (current?.depth ?? 1) + 1) as Heading['depth'];
    const words = pseudoHeadingText(node);
    const pieces = words !== null ? [headingOf(words, depth, node.position)] : splitAtHeadingLines(node);
    if (pieces === null) {
      children.push(node);
      continue;
    }
    for (const piece of pieces) {
      if (piece.type === 'heading') piece.depth = depth;
      children.push(piece);
    }
    changed = true;
  }
  if (changed) tree.children = children;
}

function headingOf(words: string, depth: Heading['depth'], position: Paragraph['position']): Heading {
  const heading: Heading = { type: 'heading', depth, children: [{ type: 'text', value: words, position }], position };
  promoted.add(heading);
  return heading;
}

/** The words of a line that alone names a section (`Timeline:`, `ROOT CAUSE`), else null. */
function headingLineWords(line: string): string | null {
  const trimmed = line.trim();
  if (trimmed.length > maxLength) return null;
  const colon = trimmed.endsWith(':');
  const capitals = /[A-Z]{3}/.test(trimmed) && !/[a-z]/.test(trimmed);
  if (!colon && !capitals) return null;
  const words = (colon ? trimmed.slice(0, -1) : trimmed).trim();
  return words !== '' && classifyHeading(words) !== null ? words : null;
}

type Piece = { heading: string; line: number } | { text: string; line: number };

/**
 * A paragraph of plain text whose lines include one that alone names a section ("Timeline:",
 * then entries on the next lines, then "Root Cause:" and its text): the headings and the
 * paragraphs between them, in order; null when no line names a section. A paragraph with links
 * or emphasis is split only at its first line.
 */
function splitAtHeadingLines(paragraph: Paragraph): RootContent[] | null {
  const first = paragraph.children[0];
  const start = paragraph.position?.start;
  if (first?.type !== 'text' || start === undefined) return null;
  const plain = paragraph.children.length === 1;
  const lines = first.value.split('\n');
  const pieces: Piece[] = [];
  let text: string[] = [];
  let textLine = start.line;
  for (const [index, line] of lines.entries()) {
    const words = plain || index === 0 ? headingLineWords(line) : null;
    if (words === null || (!plain && index === lines.length - 1)) {
      if (text.length === 0) textLine = start.line + index;
      text.push(line);
      continue;
    }
    if (text.length > 0) pieces.push({ text: text.join('\n'), line: textLine });
    text = [];
    pieces.push({ heading: words, line: start.line + index });
  }
  if (!pieces.some((piece) => 'heading' in piece)) return null;
  if (text.length > 0) pieces.push({ text: text.join('\n'), line: textLine });
  return pieces.map((piece, index) => {
    const position = { start: { line: piece.line, column: piece.line === start.line ? start.column : 1 }, end: { line: piece.line, column: 1 } };
    if ('heading' in piece) return headingOf(piece.heading, 2, position);
    // The last piece keeps the paragraph's other inline nodes (only a first-line split has any).
    const tail = index === pieces.length - 1 ? paragraph.children.slice(1) : [];
    return { type: 'paragraph', children: [{ type: 'text', value: piece.text, position }, ...tail], position } satisfies Paragraph;
  });
}

/** Whether `heading` was a paragraph written as a heading (see `promotePseudoHeadings`). */
export function isPseudoHeading(heading: Heading): boolean {
  return promoted.has(heading);
}
