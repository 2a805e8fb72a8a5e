/**
 * Action items written as labelled paragraphs rather than list items: `**Action item:** Add a
 * disk alert (owner: @sam)`, `Action: page the database team first`, and in a remediation
 * section `**AI:** …`; also a label inside a paragraph ("We restarted the pods. **Action item:**
 * add a liveness probe.", action-item-label-parts.ts). Reports put them under the problem they
 * answer ("What went wrong"), so they are read in every section but the timeline; `Action:` not
 * in a resolution section either, where it says what was done during the incident.
 */
import type { Paragraph, RootContent } from 'mdast';
import { annotate } from './action-item-annotations.js';
import { labelledParts } from './action-item-label-parts.js';
import { placeOf, renderBlocks, type Place } from './action-item-render.js';
import type { Status } from './action-item-list.js';
import { firstTicket } from './action-item-tickets.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { ActionItem, SectionKind } from './schema.js';
import type { SectionNode } from './sections.js';

// Anchored and bounded: the label is a handful of words at the very start of the paragraph.
const itemLabel = /^\s*(action items?|follow[- ]?up actions?|action|AI)\s?:\s*(?=\S)/i;
// `AI` is read only where it cannot mean artificial intelligence: in a remediation section, in capitals.
const remediationOnly = 'ai';
const notForAction = new Set<SectionKind | null>(['timeline', 'resolution']);

/** The action items of a paragraph: the one it opens with a label, and one per label inside it. */
export function labelledActionItems(
  paragraph: Paragraph,
  kind: SectionKind | null,
  sink: DiagnosticSink,
  fallback: Place,
  context: Status = null,
): ActionItem[] {
  const items: ActionItem[] = [];
  for (const part of labelledParts(paragraph)) {
    const item = labelledActionItem(part, kind, sink, fallback, context);
    if (item) items.push(item);
  }
  return items;
}

/** The action item a paragraph states after its label, or null when it has no such label. */
function labelledActionItem(paragraph: Paragraph, kind: SectionKind | null, sink: DiagnosticSink, fallback: Place, context: Status = null): ActionItem | null {
  const first = paragraph.children[0];
  // Cheap test first: most paragraphs open with other words.
  const opening = first?.type === 'strong' ? first.children[0] : first;
  if (opening?.type !== 'text' || !/^\s*(?:a|follow)/i.test(opening.value)) return null;
  const rendered = renderBlocks([paragraph]);
  const label = itemLabel.exec(rendered.text);
  if (label === null || !allowedIn(label[1]!, kind)) return null;
  const cut = label[0].length;
  const body = { ...rendered, text: rendered.text.slice(cut), links: rendered.links.map((link) => ({ ...link, offset: link.offset - cut })) };
  const place = placeOf(paragraph, fallback);
  const annotated = annotate(body, place, sink);
  if (annotated.text === '') return null;
  return {
    text: annotated.text,
    owner: annotated.owner,
    status: annotated.status ?? (annotated.doneOn !== null ? 'done' : null) ?? context,
    priority: annotated.priority,
    type: annotated.type,
    ticket: firstTicket(body),
    due: annotated.due,
    doneOn: annotated.doneOn,
    line: place.line,
  };
}

function allowedIn(label: string, kind: SectionKind | null): boolean {
  const word = label.toLowerCase();
  if (word === remediationOnly) return kind === 'remediation' && label === 'AI';
  if (kind === 'timeline') return false;
  return word !== 'action' || !notForAction.has(kind);
}

/** Labelled action-item paragraphs of the sections that are not remediation sections (those read their own). */
export function actionItemsInProse(sections: readonly SectionNode[], sink: DiagnosticSink): ActionItem[] {
  const items: ActionItem[] = [];
  for (const section of sections) {
    if (section.kind === 'remediation') continue;
    for (const node of section.own) collectParagraphs(node, section, items, sink);
  }
  return items;
}

// A stack, not recursion: lists may nest thousands deep in hostile input.
function collectParagraphs(node: RootContent, section: SectionNode, items: ActionItem[], sink: DiagnosticSink): void {
  const pending: RootContent[] = [node];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.type === 'paragraph') items.push(...labelledActionItems(next, section.kind, sink, section));
    else if (next.type === 'blockquote' || next.type === 'listItem' || next.type === 'list') {
      for (let index = next.children.length - 1; index >= 0; index--) pending.push(next.children[index]!);
    }
  }
}
