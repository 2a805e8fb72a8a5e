/*
 * Action items come as task lists, plain bullets with inline annotations, tables or labelled
 * paragraphs (action-item-list.ts, action-item-annotations.ts, action-item-table.ts,
 * action-item-paragraphs.ts).
 * Every regex in those modules is anchored on a literal or guarded by a lookbehind so that a
 * failed attempt cannot rescan a long run: inputs may be huge and must stay linear.
 */
import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { collectList, statusOfLabel, type Status } from './action-item-list.js';
import { labelledActionItem } from './action-item-paragraphs.js';
import type { Place } from './action-item-render.js';
import { collectTable } from './action-item-table.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { ActionItem } from './schema.js';
import { classifyHeading, headingText, type SectionNode } from './sections.js';
import { collapse } from './text.js';

/** Action items of a remediation section, its sub-sections included. */
export function extractActionItems(section: SectionNode, sink: DiagnosticSink): ActionItem[] {
  const items: ActionItem[] = [];
  const fallback: Place = section;
  // A sub-section that names another kind ("### Lessons" under "## Follow-ups") is not ours.
  let foreignDepth: number | null = null;
  // The status a heading or label states for the plain items under it ("Completed", "Next steps").
  const headingStatus: Array<{ depth: number; status: Status }> = [{ depth: section.depth, status: statusOfLabel(section.heading) }];
  let labelStatus: Status | undefined;
  for (const node of section.scope) {
    if (node.type === 'heading') {
      if (foreignDepth !== null && node.depth <= foreignDepth) foreignDepth = null;
      const text = headingText(node);
      if (foreignDepth === null) {
        const kind = classifyHeading(text);
        if (kind !== null && kind !== 'remediation') foreignDepth = node.depth;
      }
      while (headingStatus.length > 1 && headingStatus[headingStatus.length - 1]!.depth >= node.depth) headingStatus.pop();
      headingStatus.push({ depth: node.depth, status: statusOfLabel(text) ?? headingStatus[headingStatus.length - 1]!.status });
      labelStatus = undefined;
      continue;
    }
    if (foreignDepth !== null) continue;
    if (node.type === 'paragraph') {
      const status = labelStatus ?? headingStatus[headingStatus.length - 1]!.status;
      const item = labelledActionItem(node, 'remediation', sink, fallback, status);
      if (item) {
        items.push(item);
        continue;
      }
      // A short paragraph such as `**Completed:**` or `Follow-up:` labels the list after it.
      const text = collapse(toString(node));
      if (text.length <= 60) labelStatus = statusOfLabel(text) ?? labelStatus;
      continue;
    }
    collectBlock(node, items, sink, fallback, labelStatus ?? headingStatus[headingStatus.length - 1]!.status);
    if (node.type === 'list' || node.type === 'table') labelStatus = undefined;
  }
  return items;
}

function collectBlock(node: RootContent, items: ActionItem[], sink: DiagnosticSink, fallback: Place, context: Status = null): void {
  if (node.type === 'list') collectList(node, items, sink, fallback, context);
  else if (node.type === 'table') collectTable(node, items, sink, fallback, context);
  else if (node.type === 'blockquote') for (const child of node.children) collectBlock(child, items, sink, fallback, context);
  // Prose paragraphs are context, not items.
}
