import type { Heading, ListItem, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { cellText } from './label-table.js';
import type { SectionKind } from './schema.js';
import { collapse } from './text.js';
import { readDate } from './time.js';

/** A heading and the mdast nodes that belong to it. */
export interface SectionNode {
  heading: string;
  kind: SectionKind | null;
  depth: number;
  line: number;
  column: number;
  /** Nodes up to the next heading of any depth. */
  own: RootContent[];
  /** Nodes up to the next heading of the same or a higher level (sub-sections included). */
  scope: RootContent[];
  /** Index of this section in the list, for finding its sub-sections. */
  index: number;
  /** Index of the enclosing section, or -1. */
  parent: number;
}

// Synonyms seen in public postmortems, matched at the start of a normalised heading.
const headingSynonyms: ReadonlyArray<readonly [SectionKind, readonly string[]]> = [
  [
    'lessons',
    [
      'lessons learned',
      'lessons learnt',
      'lessons',
      'learnings',
      'takeaways',
      'what went well',
      'what went right',
      'what went wrong',
      'what went badly',
      'what went poorly',
      'what didnt go well',
      'what did not go well',
      'where we got lucky',
      'where we were lucky',
      'things that went well',
      'things that went wrong',
      'things that went poorly',
      'what we learned',
      'what we learnt',
      'what we have learned',
      'what we have learnt',
      'what i learned',
      'what i learnt',
      'what id take from this',
      'key takeaways',
      'key learnings',
      'howd we do',
      'how did we do',
      'retrospective',
      'reflections',
      // A shortfall in how the team worked, not a cause of the failure: under "Root cause" too.
      'what we missed',
      'what we overlooked',
      'where we fell short',
      'what we could have done better',
    ],
  ],
  [
    'contributingFactors',
    [
      'contributing factors',
      'contributing factor',
      'contributing causes',
      'contributors',
      'problems encountered',
      'complicating factors',
      'aggravating factors',
      'exacerbating factors',
      'what made it worse',
      'what made this worse',
      'what made things worse',
    ],
  ],
  [
    'rootCause',
    [
      'root causes',
      'root cause analysis',
      'root cause',
      'rca',
      'what caused it',
      'what caused this',
      'what caused the outage',
      'causes',
      'cause',
      'five whys',
      '5 whys',
      'why did it happen',
      'why did this happen',
      'why it happened',
      'why it failed',
      'why did it fail',
      'what allowed this to happen',
      'what allowed it to happen',
      'technical causes',
      'technical cause',
      'technical details',
      'fault',
    ],
  ],
  [
    'summary',
    [
      'issue summary',
      'executive summary',
      'incident summary',
      'summary',
      'overview',
      'tl dr',
      'tldr',
      'what happened',
      'description',
      'issue description',
      'incident description',
      'problem description',
      'background',
      'synopsis',
      'what was the problem',
      'abstract',
      'introduction',
    ],
  ],
  ['impact', ['customer impact', 'user impact', 'business impact', 'impact', 'blast radius', 'affected services', 'affected systems', 'scope']],
  [
    'timeline',
    [
      'incident timeline',
      'timeline of events',
      'timeline',
      'event timeline',
      'events',
      'incident log',
      'key events',
      'chronology',
      'sequence of events',
      'detailed timeline',
      // "Follow-up timeline": the events after the incident, not follow-up actions.
      'follow up timeline',
      'followup timeline',
    ],
  ],
  ['trigger', ['trigger', 'triggering event', 'what triggered it', 'leadup', 'lead up']],
  [
    'detection',
    [
      'detection',
      'how it was detected',
      'how was it detected',
      'how we detected it',
      'how we found out',
      'why was this hard to detect',
      'why was it hard to detect',
      // "Why it wasn't caught (earlier)": what let the cause through unseen, not more causes.
      'why it wasnt caught',
      'why wasnt it caught',
      'why wasnt this caught',
      'why it was not caught',
      'why was it not caught',
      'why we didnt catch it',
      'why didnt we catch it',
    ],
  ],
  [
    'remediation',
    [
      'remediation',
      'remediations',
      'action items',
      'action item',
      'actions',
      'follow ups',
      'follow up',
      'followups',
      'corrective actions',
      'corrective and protective actions',
      'corrective and preventive actions',
      'corrective and preventative actions',
      'corrective and preventative measures',
      'corrective and preventive measures',
      'preventative actions',
      'preventive actions',
      'preventative measures',
      'prevention',
      'next steps',
      'what we are doing',
      'what were doing',
      'how we will prevent',
      'how were preventing',
      'preventing recurrence',
      'preventing this from happening again',
      'preventing the issue from happening again',
      'preventing it from happening again',
      'going forward',
      'future work',
      'improvements',
      'recommendations',
      'action plan',
    ],
  ],
  [
    'resolution',
    [
      'resolution and recovery',
      'resolution',
      'recovery',
      'mitigation',
      'mitigation and resolution',
      'how we fixed it',
      'how did we fix it',
      'how was it fixed',
      'details of the fix',
      'details of fix',
      'details of the mitigation',
      'details of mitigation',
      'steps to resolution',
      'resolution steps',
      'workaround',
      'workarounds',
      'fix',
      'repair',
      'response',
      'incident response',
    ],
  ],
];

function normaliseHeading(text: string): string {
  return (
    text
      .toLowerCase()
      // Numbered headings: "2. Timeline", "IV) Root cause" (but not "5 Whys").
      .replace(/^\s*(?:\d+(?:\.\d+)*|[ivx]+)[.)]\s+/, '')
      .replace(/['’]/g, '')
      // "Corrective & Preventive Actions" names what "corrective and preventive actions" does.
      .replace(/&/g, ' and ')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
  );
}

/** Words that often open a heading without changing what it names ("The root cause", "Our timeline"). */
const leadingFiller = /^(?:(?:the|our|a|an|detailed|full|brief|short|final|initial|incident|outage)\s+)+/;

/**
 * Qualified action headings: "Immediate actions", "Short-term improvements", "Long term action
 * items", "Completed tasks". The qualifiers say when or how far along, the last words say what.
 */
const qualifiedActions =
  /^(?:(?:immediate|short term|medium term|mid term|long term|near term|future|planned|completed|done|pending|open|outstanding|additional|further|other|remaining|proposed|recommended|key|preventive|preventative|corrective|process|technical|engineering|followup|follow up)\s+)+(?:actions?|action items?|improvements?|tasks|measures|follow ups|followups|remediations?)$/;

function matchSynonym(normalised: string): SectionKind | null {
  for (const [kind, synonyms] of headingSynonyms) {
    for (const synonym of synonyms) {
      if (normalised === synonym || normalised.startsWith(synonym + ' ')) return kind;
    }
  }
  return qualifiedActions.test(normalised) ? 'remediation' : null;
}

/**
 * The section kind a heading names, or null when we do not recognise it. Tried in turn: the
 * whole heading, without filler words at its start, then each part of a compound heading
 * ("What's next / Action items", "Impact & timeline": the first part that names a kind wins).
 * `compound: false` tries the whole heading only.
 */
export function classifyHeading(text: string, compound = true): SectionKind | null {
  const normalised = normaliseHeading(text);
  const whole = matchSynonym(normalised) ?? matchSynonym(normalised.replace(leadingFiller, ''));
  if (whole !== null || !compound) return whole;
  const parts = text.split(/[/&|:;()\u2013\u2014]|\s-\s|\band\b/i);
  if (parts.length < 2) return null;
  for (const part of parts) {
    const normalisedPart = normaliseHeading(part);
    if (normalisedPart === '') continue;
    const kind = matchSynonym(normalisedPart) ?? matchSynonym(normalisedPart.replace(leadingFiller, ''));
    if (kind !== null) return kind;
  }
  return null;
}

/**
 * Splits a document at its headings. Every heading becomes a section (unknown ones with
 * kind null); a sub-section we do not recognise inherits the kind of its parent
 * ("Immediate" under "Action items", a date under "Timeline").
 */
export function splitSections(tree: Root): SectionNode[] {
  const sections: SectionNode[] = [];
  const stack: SectionNode[] = [];
  let current: SectionNode | null = null;
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const heading = headingText(node);
      let sibling: SectionNode | undefined;
      while (stack.length > 0 && stack[stack.length - 1]!.depth >= node.depth) sibling = stack.pop();
      const parent = stack[stack.length - 1];
      // A document's opening `# Title` is read whole: "Data Processing Delays - Events & Persons Ingestion"
      // names no timeline, and the sections under it would inherit the kind of one of its words.
      const own = classifyHeading(heading, !(sections.length === 0 && node.depth === 1));
      // `## Timeline` then `## May 12`, `## May 13` at the same level: the days go on with the timeline.
      const continuesTimeline = own === null && sibling?.depth === node.depth && sibling.kind === 'timeline' && isDateHeading(heading);
      const section: SectionNode = {
        heading,
        kind: own ?? (continuesTimeline ? 'timeline' : parent ? parent.kind : null),
        depth: node.depth,
        line: node.position?.start.line ?? 1,
        column: node.position?.start.column ?? 1,
        own: [],
        scope: [],
        index: sections.length,
        parent: parent ? parent.index : -1,
      };
      for (const ancestor of stack) ancestor.scope.push(node);
      sections.push(section);
      stack.push(section);
      current = section;
      continue;
    }
    if (current) current.own.push(node);
    for (const ancestor of stack) ancestor.scope.push(node);
  }
  return sections;
}

/** A heading that is a date and nothing more (`May 12`, `2021-10-30:`, `Saturday, October 30`). */
export function isDateHeading(text: string): boolean {
  const date = readDate(text, 0);
  return date !== null && /^[\s:.,;—–-]*$/.test(text.slice(date.end));
}

export function headingText(node: Heading): string {
  return collapse(toString(node));
}

/** Paragraphs before the first heading (a first H1 aside) that are not `Key: value` metadata lines. */
export function introNodes(children: readonly RootContent[]): RootContent[] {
  const nodes: RootContent[] = [];
  for (const node of children) {
    if (node.type === 'heading') {
      if (node.depth === 1) continue;
      break;
    }
    if (node.type === 'paragraph' && !/^[\s*_]*[A-Za-z ]{1,30}[*_]*:/.test(toString(node))) nodes.push(node);
  }
  return nodes;
}

/** Plain text of nodes, blocks separated by blank lines. */
export function nodesToText(nodes: readonly RootContent[]): string {
  return nodes
    .map((node) => (node.type === 'list' ? node.children.map((item) => '- ' + blockText(item)).join('\n') : blockText(node)))
    .filter((text) => text.trim() !== '')
    .join('\n\n')
    .trim();
}

/**
 * Plain text of one block. `toString` runs the cells of a table together (`ServiceRegionAPI`):
 * here a table gives one line per row with its cells separated by ` | `, so its words stay words.
 * A cell reads as the label reader reads it (`cellText`): raw HTML in it is left out.
 */
function blockText(node: RootContent | ListItem): string {
  if (node.type === 'table') return node.children.map((row) => row.children.map(cellText).join(' | ')).join('\n');
  if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading' && node.children.some((child) => child.type === 'table')) {
    return (node.children as RootContent[]).map(blockText).join(' ');
  }
  return toString(node);
}

/** Sections of `kind` that are not inside another of the same kind (sub-headings belong to their parent). */
export function topSectionsOf(sections: readonly SectionNode[], kind: SectionKind): SectionNode[] {
  return sections.filter((section) => section.kind === kind && (section.parent === -1 || sections[section.parent]!.kind !== kind));
}
