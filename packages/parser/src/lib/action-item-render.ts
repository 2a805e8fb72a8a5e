/** An action item's markdown flattened to one line of text, keeping its links and `**DONE**` markers; where a node starts. */
import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';

export type ItemStatus = 'open' | 'done';

/** Where an item starts, for diagnostics. */
export interface Place {
  line: number;
  column: number;
}

/** Inline content flattened to text, with what plain text would lose. */
export interface Rendered {
  /** Text as written (whitespace not collapsed), `**DONE**`-style markers replaced by a space. */
  text: string;
  /** URLs of links, at the offset in `text` where the link starts. */
  links: Array<{ offset: number; url: string }>;
  /** Status from a bold `**DONE**` / `**TODO**` marker. */
  marker: ItemStatus | null;
}

export function emptyRendered(): Rendered {
  return { text: '', links: [], marker: null };
}

/** Flattens blocks (a list item's paragraphs, a table cell) to one line of text. */
export function renderBlocks(nodes: readonly Nodes[]): Rendered {
  const out = emptyRendered();
  for (const node of nodes) {
    renderInto(node, out);
    out.text += ' ';
  }
  return out;
}

const boldMarkerPattern = /^(done|todo):?$/i;

function renderInto(node: Nodes, out: Rendered): void {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      out.text += node.value;
      return;
    case 'break':
    case 'html':
      out.text += ' ';
      return;
    case 'code':
    case 'image':
    case 'imageReference':
    case 'footnoteReference':
    case 'definition':
      return;
    case 'strong': {
      const marker = boldMarkerPattern.exec(toString(node).trim());
      if (marker) {
        out.marker ??= marker[1]?.toLowerCase() === 'todo' ? 'open' : 'done';
        out.text += ' ';
        return;
      }
      break;
    }
    case 'link':
      // A mail link or a profile link on "@jane" names a person, not a ticket.
      if (!node.url.startsWith('mailto:') && !toString(node).trim().startsWith('@')) {
        out.links.push({ offset: out.text.length, url: node.url });
      }
      break;
    default:
      break;
  }
  if ('children' in node) {
    for (const child of node.children) renderInto(child, out);
  }
}

export function placeOf(node: Nodes, fallback: Place): Place {
  const start = node.position?.start;
  return start ? { line: start.line, column: start.column } : fallback;
}
