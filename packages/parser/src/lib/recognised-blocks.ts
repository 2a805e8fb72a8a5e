/**
 * The body copy of what the parser read as structure (the timeline, the action items): the
 * blocks holding those entries are folded into a `<details>`, so a page that shows the
 * structured version does not repeat it, and the text as written stays one click away.
 * Runs on the sanitized tree and adds only constant elements and attributes.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';

export interface RecognisedBlocks {
  /** What was read from the blocks, as the `data-recognised` attribute says it. */
  kind: 'timeline' | 'action-items';
  /** The summary line of the folded block. */
  summary: string;
  /** Source lines of the entries read (1-based, in the file). */
  lines: ReadonlySet<number>;
}

const blockTags = new Set(['ul', 'ol', 'table', 'p', 'pre']);

interface Run {
  kind: RecognisedBlocks;
  details: Element;
  /** Whitespace seen after the run's last block: inside the run if another block follows. */
  pending: RootContent[];
}

/** Folds each run of top-level blocks holding a line of `recognised` into one `<details data-recognised="kind">`. */
export function foldRecognisedBlocks(tree: Root, recognised: readonly RecognisedBlocks[]): void {
  const wanted = recognised.filter((entry) => entry.lines.size > 0);
  if (wanted.length === 0) return;
  const children: RootContent[] = [];
  let open = null as Run | null;
  for (const node of tree.children) {
    const kind = node.type === 'element' && blockTags.has(node.tagName) ? wanted.find((entry) => holdsLine(node, entry.lines)) : undefined;
    if (kind && open?.kind === kind) {
      open.details.children.push(...(open.pending as ElementContent[]), node as ElementContent);
      open.pending = [];
      continue;
    }
    if (kind) {
      if (open) children.push(...open.pending);
      const details: Element = {
        type: 'element',
        tagName: 'details',
        properties: { dataRecognised: kind.kind },
        children: [{ type: 'element', tagName: 'summary', properties: {}, children: [{ type: 'text', value: kind.summary }] }, node as ElementContent],
      };
      children.push(details);
      open = { kind, details, pending: [] };
      continue;
    }
    // Whitespace between two blocks of one run stays inside the run; anything else ends it.
    if (open && node.type === 'text' && node.value.trim() === '') {
      open.pending.push(node);
      continue;
    }
    if (open) children.push(...open.pending);
    open = null;
    children.push(node);
  }
  if (open) children.push(...open.pending);
  tree.children = children;
}

function holdsLine(node: Element, lines: ReadonlySet<number>): boolean {
  const start = node.position?.start.line;
  const end = node.position?.end.line;
  if (start === undefined || end === undefined) return false;
  for (let line = start; line <= end; line++) if (lines.has(line)) return true;
  return false;
}
