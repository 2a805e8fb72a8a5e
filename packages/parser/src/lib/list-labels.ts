/**
 * A short paragraph that only labels the list below it (`**Root causes:**`, `Causes:`): a report
 * covering several incidents writes each one's causes that way under its timeline heading. The
 * label names a section kind as a heading would.
 */
import type { List, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { SectionKind } from './schema.js';
import { classifyHeading } from './sections.js';
import { collapse } from './text.js';

const maxLabelLength = 60;

/** The section kind a label-only paragraph names (`**Root causes:**` → `rootCause`), or null for any other block. */
export function listLabelKind(node: RootContent): SectionKind | null {
  if (node.type !== 'paragraph') return null;
  const text = collapse(toString(node));
  if (text.length > maxLabelLength || !text.endsWith(':')) return null;
  return classifyHeading(text.slice(0, -1), false);
}

/** The lists right after a paragraph labelling them as `kind`, among `nodes`. */
export function labelledLists(nodes: readonly RootContent[], kind: SectionKind): List[] {
  const lists: List[] = [];
  nodes.forEach((node, index) => {
    const before = nodes[index - 1];
    if (node.type === 'list' && before !== undefined && listLabelKind(before) === kind) lists.push(node);
  });
  return lists;
}
