/**
 * An action item whose owner, due date and status sit in a sub-list of `key: value` lines:
 *
 *     1. **Cap client retries**
 *        - owner: @ines
 *        - due: 2024-06-15
 *        - status: done
 *
 * (indented under the item, or flat right after its list). Such a sub-list is part of the item
 * above it, not items of its own. An indented sub-list may mix such lines with plain points
 * (`- Check the old key is revoked`): the lines give the fields, the points stay in the item's text.
 */
import type { List, ListItem } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { annotate } from './action-item-annotations.js';
import { statusOfLabel } from './action-item-list.js';
import { renderBlocks, type Place } from './action-item-render.js';
import { firstTicket } from './action-item-tickets.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { ActionItem } from './schema.js';
import { collapse } from './text.js';

// Anchored, bounded key; the value is what follows the colon.
const fieldLine =
  /^(owners?|assignee|assigned to|dri|due(?: date)?|deadline|target date|status|state|priority|prio|ticket|issue|bug|jira|tracking|type|done on|completed on)\s?:\s*(\S.*)$/i;
const closedWords = /^(?:closed|merged)\b/i;

type Fields = Pick<ActionItem, 'owner' | 'status' | 'priority' | 'type' | 'ticket' | 'due' | 'doneOn'>;

/** The fields of a list whose every item is a `key: value` line, else null. */
export function readFieldList(list: List, place: Place, sink: DiagnosticSink): Fields | null {
  return fieldsOf(list.children, place, sink);
}

/**
 * The fields of an item's indented sub-list, and its other lines (points): null unless some line
 * gives a field, and, with `allowPoints` false, unless every line is a `key: value` line. A
 * status no status word reads (`Status: blocked on the vendor`) or a ticket key with no ticket
 * (`Issue: see the thread`) gives no field: that line is a point too, so nothing is lost. A task
 * list or a list with lists inside is not read so.
 */
export function readSubList(list: List, place: Place, sink: DiagnosticSink, allowPoints: boolean): { fields: Fields; points: ListItem[] } | null {
  if (list.children.some((item) => typeof item.checked === 'boolean' || item.children.some((child) => child.type === 'list'))) return null;
  const fieldItems: ListItem[] = [];
  const points: ListItem[] = [];
  let allLabelled = true;
  for (const item of list.children) {
    const match = fieldLine.exec(collapse(toString(item, { includeHtml: false })));
    if (match === null) allLabelled = false;
    if (match !== null && givesField(match[1]!.toLowerCase(), match[2]!, item)) fieldItems.push(item);
    else points.push(item);
  }
  if (fieldItems.length === 0 || (!allLabelled && !allowPoints)) return null;
  const fields = fieldsOf(fieldItems, place, sink);
  return fields === null ? null : { fields, points };
}

const ticketKeys = new Set(['ticket', 'issue', 'bug', 'jira', 'tracking']);

function givesField(key: string, value: string, item: ListItem): boolean {
  if (key === 'status' || key === 'state') return statusOfLabel(value) !== null || closedWords.test(value);
  if (ticketKeys.has(key)) return firstTicket(renderBlocks([item])) !== null;
  return true;
}

function fieldsOf(items: readonly ListItem[], place: Place, sink: DiagnosticSink): Fields | null {
  const lines: string[] = [];
  let status: ActionItem['status'] = null;
  for (const item of items) {
    if (typeof item.checked === 'boolean' || item.children.some((child) => child.type === 'list')) return null;
    const text = collapse(toString(item, { includeHtml: false }));
    const match = fieldLine.exec(text);
    if (match === null) return null;
    const key = match[1]!.toLowerCase();
    if (key === 'status' || key === 'state') status ??= statusOfLabel(match[2]!) ?? (closedWords.test(match[2]!) ? 'done' : null);
    // Tickets and due dates are read from the value as written; an `issue:` / `bug:` key adds nothing.
    else lines.push(ticketKeys.has(key) ? match[2]! : text);
  }
  if (lines.length === 0 && status === null) return null;
  const rendered = renderBlocks(items.filter((item) => !/^\s*(?:status|state)\s?:/i.test(toString(item))));
  const annotated = annotate({ ...rendered, text: lines.join(', ') }, place, sink);
  return {
    owner: annotated.owner,
    status: status ?? annotated.status ?? (annotated.doneOn !== null ? 'done' : null),
    priority: annotated.priority,
    type: annotated.type,
    ticket: firstTicket(rendered),
    due: annotated.due,
    doneOn: annotated.doneOn,
  };
}

/** Fills what the item does not say itself from its field list. */
export function mergeFields(item: ActionItem, fields: Fields): void {
  item.owner ??= fields.owner;
  item.priority ??= fields.priority;
  item.type ??= fields.type;
  item.ticket ??= fields.ticket;
  item.due ??= fields.due;
  item.doneOn ??= fields.doneOn;
}
