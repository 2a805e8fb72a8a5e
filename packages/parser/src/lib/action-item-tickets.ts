/** The ticket an action item links to: a key (`ABC-123`), an issue number (`#42`) or a URL. */
import type { Rendered } from './action-item-render.js';
import { trimEnd } from './text.js';

// "ABC-123" — the lookbehind stops a failed attempt from restarting inside a long word.
const ticketKeyPattern = /(?<![\w-])[A-Z][A-Z0-9_]+-\d+(?![\w-])/g;
const issueNumberPattern = /(?<![\w&#])#\d+(?!\w)/g;
const bareUrlPattern = /\bhttps?:\/\/[^\s<>()[\]"']+/g;
// A sentence may end right after a URL.
const urlTrailingPunctuation = new Set(['.', ',', ';', ':', '!', '?']);
// Prefixes that look like keys but name standards or severities.
const notTicketPrefixes = new Set(['UTF', 'SEV', 'ISO', 'SHA', 'CVE', 'RFC', 'TLS', 'HTTP', 'IPV', 'MD']);

/** The first ticket key, issue number or URL, in reading order; a link wins a tie with its own text. */
export function firstTicket(rendered: Rendered): string | null {
  // Links go first so that, at equal offsets, the earlier candidate (the link) is kept.
  const candidates = rendered.links.map((link) => ({ offset: link.offset, value: link.url }));
  for (const match of rendered.text.matchAll(ticketKeyPattern)) {
    const prefix = match[0].slice(0, match[0].indexOf('-'));
    if (!notTicketPrefixes.has(prefix)) candidates.push({ offset: match.index, value: match[0] });
  }
  for (const match of rendered.text.matchAll(issueNumberPattern)) {
    candidates.push({ offset: match.index, value: match[0] });
  }
  for (const match of rendered.text.matchAll(bareUrlPattern)) {
    candidates.push({ offset: match.index, value: trimEnd(match[0], urlTrailingPunctuation) });
  }
  let first = candidates[0];
  for (const candidate of candidates) if (first && candidate.offset < first.offset) first = candidate;
  return first?.value ?? null;
}
