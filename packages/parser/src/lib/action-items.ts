/*
 * Action items come as task lists, plain bullets with inline annotations, tables or labelled
 * paragraphs (action-item-list.ts, action-item-annotations.ts, action-item-table.ts,
 * action-item-paragraphs.ts).
 * Every regex in those modules is anchored on a literal or guarded by a lookbehind so that a
 * failed attempt cannot rescan a long run: inputs may be huge and must stay linear.
 */
import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { mergeFields, readFieldList } from './action-item-fields.js';
import { collectList, statusOfLabel, type Status } from './action-item-list.js';
import { labelledActionItems } from './action-item-paragraphs.js';
import { placeOf, type Place } from './action-item-render.js';
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
  let previous: RootContent | undefined;
  for (const node of section.scope) {
    const before = previous;
    previous = node;
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
      const labelled = labelledActionItems(node, 'remediation', sink, fallback, status);
      if (labelled.length > 0) {
        items.push(...labelled);
        continue;
      }
      // A short paragraph such as `**Completed:**` or `Follow-up:` labels the list after it.
      const text = collapse(toString(node));
      if (text.length <= 60) labelStatus = statusOfLabel(text) ?? labelStatus;
      continue;
    }
    // A list of `owner: …` / `status: …` lines right after a list (a change of bullet ends the list) is its last item's.
    const last = before?.type === 'list' && node.type === 'list' ? lastItemOf(before, items) : undefined;
    const fields = last !== undefined && node.type === 'list' ? readFieldList(node, placeOf(node, fallback), sink) : null;
    if (last !== undefined && fields !== null) {
      mergeFields(last, fields);
      last.status = fields.status ?? last.status;
    } else collectBlock(node, items, sink, fallback, labelStatus ?? headingStatus[headingStatus.length - 1]!.status);
    if (node.type === 'list' || node.type === 'table') labelStatus = undefined;
  }
  return items;
}

/** The last item read from `list`, if its last item was read as one. */
function lastItemOf(list: RootContent, items: ActionItem[]): ActionItem | undefined {
  const last = items[items.length - 1];
  const from = list.position?.start.line;
  return last !== undefined && from !== undefined && last.line >= from ? last : undefined;
}

function collectBlock(node: RootContent, items: ActionItem[], sink: DiagnosticSink, fallback: Place, context: Status = null): void {
  if (node.type === 'list') collectList(node, items, sink, fallback, context);
  else if (node.type === 'table') collectTable(node, items, sink, fallback, context);
  else if (node.type === 'blockquote') for (const child of node.children) collectBlock(child, items, sink, fallback, context);
  // Prose paragraphs are context, not items.
}
