/** Action items written as list items: task lists, bullets with annotations, groups under a label. */
import type { List, ListItem, Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { annotate } from './action-item-annotations.js';
import { mergeFields, readFieldList } from './action-item-fields.js';
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
    // `- owner: @ines` / `- status: done` under the item describe it; they are not items.
    const fields = nested.length === 1 ? readFieldList(nested[0]!, place, sink) : null;
    if (fields !== null || !isGroupLabel(listItem, own, nested)) {
      const rendered = renderBlocks(own);
      const annotated = annotate(rendered, place, sink);
      if (annotated.text !== '') {
        const checkbox = listItem.checked === true ? 'done' : listItem.checked === false ? 'open' : null;
        const item: ActionItem = {
          text: annotated.text,
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
    const groupStatus = isGroupLabel(listItem, own, nested) ? statusOfLabel(collapse(own.map((node) => toString(node)).join(' '))) : null;
    for (const child of nested) collectList(child, items, sink, fallback, groupStatus ?? context);
  }
}

/** "- Immediate:" or "- **Long-term**" heading a nested list groups items; it is not one. */
function isGroupLabel(listItem: ListItem, own: readonly Nodes[], nested: readonly List[]): boolean {
  if (nested.length === 0 || typeof listItem.checked === 'boolean') return false;
  const text = collapse(own.map((node) => toString(node)).join(' '));
  if (text.endsWith(':')) return true;
  const only = own.length === 1 ? own[0] : undefined;
  return only?.type === 'paragraph' && only.children.length === 1 && only.children[0]?.type === 'strong';
}
