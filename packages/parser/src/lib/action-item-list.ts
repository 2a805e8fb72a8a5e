/** Action items written as list items: task lists, bullets with annotations, groups under a label. */
import type { List, ListItem, Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { annotate } from './action-item-annotations.js';
import { mergeFields, readSubList } from './action-item-fields.js';
import { placeOf, renderBlocks, type Place } from './action-item-render.js';
import { firstTicket } from './action-item-tickets.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { ActionItem } from './schema.js';
import { collapse } from './text.js';

export type Status = ActionItem['status'];

const doneLabel = /\b(?:completed?|done|resolved|finished|implemented|fixed|shipped)\b/i;
const openLabel = /\b(?:open|follow[- ]?ups?|next steps?|planned|(?:short|medium|long)[- ]term|to ?do|pending|in progress|upcoming|future|remaining)\b/i;

/** `done` for "Immediate actions (completed)", `open` for "Short-term improvements", else null. */
export function statusOfLabel(text: string): Status {
  if (doneLabel.test(text)) return 'done';
  if (openLabel.test(text)) return 'open';
  return null;
}

export function collectList(list: List, items: ActionItem[], sink: DiagnosticSink, fallback: Place, context: Status = null): void {
  for (const listItem of list.children) {
    const nested = listItem.children.filter((child): child is List => child.type === 'list');
    const own = listItem.children.filter((child) => child.type !== 'list');
    const place = placeOf(listItem, fallback);
    const groupLabel = isGroupLabel(listItem, own, nested);
    // `- owner: @ines` / `- status: done` under the item describe it; they are not items. Plain points beside them are its text.
    const subList = nested.length === 1 ? readSubList(nested[0]!, place, sink, !groupLabel || !isStatusLabel(own)) : null;
    const fields = subList?.fields ?? null;
    if (fields !== null || !groupLabel) {
      const rendered = renderBlocks(own);
      const annotated = annotate(rendered, place, sink);
      const text = withPoints(annotated.text, subList?.points ?? []);
      if (text !== '') {
        const checkbox = listItem.checked === true ? 'done' : listItem.checked === false ? 'open' : null;
        const item: ActionItem = {
          text,
          owner: annotated.owner,
          status: checkbox ?? annotated.status ?? fields?.status ?? (annotated.doneOn !== null ? 'done' : null) ?? context,
          priority: annotated.priority,
          type: annotated.type,
          ticket: firstTicket(rendered),
          due: annotated.due,
          doneOn: annotated.doneOn,
          line: place.line,
        };
        if (fields !== null) mergeFields(item, fields);
        items.push(item);
      }
      if (fields !== null) continue;
    }
    // "- Completed:" over a nested list states the status of its items.
    const groupStatus = groupLabel ? statusOfLabel(textOf(own)) : null;
    for (const child of nested) collectList(child, items, sink, fallback, groupStatus ?? context);
  }
}

function textOf(own: readonly Nodes[]): string {
  return collapse(own.map((node) => toString(node)).join(' '));
}

/** "- Long-term:", "- **Completed**": a label whose sub-list holds items, even when one of them reads like a field. */
function isStatusLabel(own: readonly Nodes[]): boolean {
  const text = textOf(own);
  return text.endsWith(':') || statusOfLabel(text) !== null;
}

/** The item's text with the plain points of its sub-list after it, as written: "Rotate the key: revoke the old one; update the runbook". */
function withPoints(text: string, points: readonly ListItem[]): string {
  let out = text;
  for (const point of points) {
    const said = collapse(toString(point, { includeHtml: false }));
    if (said === '') continue;
    out = out === '' ? said : `${out}${/[.!?:;]$/.test(out) ? ' ' : out === text ? ': ' : '; '}${said}`;
  }
  return out;
}

/** "- Immediate:" or "- **Long-term**" heading a nested list groups items; it is not one. */
function isGroupLabel(listItem: ListItem, own: readonly Nodes[], nested: readonly List[]): boolean {
  if (nested.length === 0 || typeof listItem.checked === 'boolean') return false;
  const text = textOf(own);
  if (text.endsWith(':')) return true;
  const only = own.length === 1 ? own[0] : undefined;
  return only?.type === 'paragraph' && only.children.length === 1 && only.children[0]?.type === 'strong';
}
