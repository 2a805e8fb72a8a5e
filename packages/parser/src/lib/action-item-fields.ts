/**
 * An action item whose owner, due date and status sit in a sub-list of `key: value` lines:
 *
 *     1. **Cap client retries**
 *        - owner: @ines
 *        - due: 2024-06-15
 *        - status: done
 *
 * (indented under the item, or flat right after its list). Such a sub-list is part of the item
 * above it, not items of its own; only a list made of nothing but such lines is read this way.
 */
import type { List } from 'mdast';
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
  const lines: string[] = [];
  let status: ActionItem['status'] = null;
  for (const item of list.children) {
    if (typeof item.checked === 'boolean' || item.children.some((child) => child.type === 'list')) return null;
    const text = collapse(toString(item, { includeHtml: false }));
    const match = fieldLine.exec(text);
    if (match === null) return null;
    const key = match[1]!.toLowerCase();
    if (key === 'status' || key === 'state') status ??= statusOfLabel(match[2]!) ?? (closedWords.test(match[2]!) ? 'done' : null);
    // Tickets and due dates are read from the value as written; an `issue:` / `bug:` key adds nothing.
    else lines.push(key === 'ticket' || key === 'issue' || key === 'bug' || key === 'jira' || key === 'tracking' ? match[2]! : text);
  }
  if (lines.length === 0 && status === null) return null;
  const rendered = renderBlocks(list.children.filter((item) => !/^\s*(?:status|state)\s?:/i.test(toString(item))));
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
