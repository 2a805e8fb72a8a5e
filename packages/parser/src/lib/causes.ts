/**
 * Root causes, contributing factors, trigger, detection and resolution: from their sections or
 * labelled paragraphs, else (a prose-only report) from sentences of the prose that state them,
 * marked inferred. Each root cause gets a category: the one the author chose, or among several
 * the one its text mentions.
 */
import type { Root } from 'mdast';
import { inferFromProse, type InferredFromProse } from './inferred-causes.js';
import type { Postmortem, SectionKind } from './schema.js';
import type { SectionContent } from './section-content.js';
import { nodesToText, type SectionNode } from './sections.js';
import { categoriesMentioned, type Taxonomy } from './taxonomy.js';

export type Causes = Pick<Postmortem, 'rootCauses' | 'contributingFactors' | 'trigger' | 'detection' | 'resolution' | 'inferred'>;

// "Root cause: …", "Contributing factor: …", "**Trigger:** …" opening an item of a causes or went-wrong list.
const causeLabel = /^(?:(?:root|primary|main|underlying) causes?|(contributing (?:factors?|causes?)|contributors?)|(trigger(?:ed by)?))\s?:\s*(?=\S)/i;

interface SortedItems {
  rootCauses: string[];
  contributingFactors: string[];
  trigger: string | null;
}

/** Sorts items by the label that opens them; `unlabelled` says where an item without one goes. */
function sortByLabel(items: readonly string[], unlabelled: 'rootCauses' | null, into: SortedItems): void {
  for (const item of items) {
    const label = causeLabel.exec(item);
    if (label === null) {
      if (unlabelled) into[unlabelled].push(item);
      continue;
    }
    const text = item.slice(label[0].length);
    if (label[1] !== undefined) into.contributingFactors.push(text);
    else if (label[2] !== undefined) into.trigger ??= text;
    else into.rootCauses.push(text);
  }
}

/**
 * `summary`, the frontmatter's, is read for what the body's prose does not state: a
 * frontmatter-first collection often keeps the cause there above a body that only tells the impact.
 */
export function readCauses(
  content: SectionContent,
  tree: Root,
  summary: string | undefined,
  categories: readonly string[],
  taxonomy: Taxonomy | undefined,
): Causes {
  // A causes list that labels its items ("Contributing factor: …") sorts them; so does a went-wrong list, for its labelled items only.
  const sorted: SortedItems = { rootCauses: [], contributingFactors: content.items('contributingFactors'), trigger: null };
  sortByLabel(content.items('rootCause'), 'rootCauses', sorted);
  // Lists labelled `**Root causes:**` / `**Contributing factors:**` elsewhere (under each incident of a report of several).
  addNew(sorted.rootCauses, content.labelledItems('rootCause'));
  addNew(sorted.contributingFactors, content.labelledItems('contributingFactors'));
  sortByLabel(content.items('lessons'), null, sorted);
  const statedCauses = sorted.rootCauses;
  const trigger = content.text('trigger') ?? sorted.trigger;
  const resolution = content.text('resolution');
  const prose = statedCauses.length === 0 || trigger === null || resolution === null ? proseOrSummary(statingText(tree, content.sections), summary) : null;
  const inferredCauses = statedCauses.length === 0 ? (prose?.rootCauses ?? []) : [];
  const inferred: NonNullable<Postmortem['inferred']> = [
    ...(inferredCauses.length > 0 ? (['rootCauses'] as const) : []),
    ...(trigger === null && prose?.trigger ? (['trigger'] as const) : []),
    ...(resolution === null && prose?.resolution ? (['resolution'] as const) : []),
  ];
  const rootCauses = [...statedCauses, ...inferredCauses].map((item) => {
    const category = taxonomy ? pickCategory(item, categories, taxonomy) : categories[0];
    const cause = category ? { text: item, category } : { text: item };
    return inferredCauses.length > 0 ? { ...cause, inferred: true as const } : cause;
  });
  return {
    rootCauses,
    contributingFactors: sorted.contributingFactors.map((item) => ({ text: item })),
    trigger: trigger ?? prose?.trigger ?? null,
    detection: content.text('detection'),
    resolution: resolution ?? prose?.resolution ?? null,
    ...(inferred.length > 0 ? { inferred } : {}),
  };
}

// Sections whose lines are events, actions or lessons: "after the deploy" there states no trigger, "revert the change" no resolution.
const notStating = new Set<SectionKind | null>(['timeline', 'remediation', 'lessons', 'detection', 'contributingFactors']);

/** The document's text outside its timeline, action-item, lessons, detection and contributing-factor sections. */
function statingText(tree: Root, sections: readonly SectionNode[]): string {
  const firstHeading = tree.children.findIndex((node) => node.type === 'heading');
  const nodes = firstHeading === -1 ? tree.children : tree.children.slice(0, firstHeading);
  return nodesToText([...nodes, ...sections.filter((section) => !notStating.has(section.kind)).flatMap((section) => section.own)]);
}

/** What the body's prose states, each field the body leaves empty taken from the summary. */
function proseOrSummary(body: string, summary: string | undefined): InferredFromProse {
  const prose = inferFromProse(body);
  if (summary === undefined || (prose.rootCauses.length > 0 && prose.trigger !== null && prose.resolution !== null)) return prose;
  const fromSummary = inferFromProse(summary);
  return {
    rootCauses: prose.rootCauses.length > 0 ? prose.rootCauses : fromSummary.rootCauses,
    trigger: prose.trigger ?? fromSummary.trigger,
    resolution: prose.resolution ?? fromSummary.resolution,
  };
}

function addNew(into: string[], items: readonly string[]): void {
  for (const item of items) if (!into.includes(item)) into.push(item);
}

function pickCategory(text: string, categories: readonly string[], taxonomy: Taxonomy): string | undefined {
  // With one category chosen, it is the answer whatever the text mentions: skip the scan.
  if (categories.length === 1) return categories[0];
  const mentioned = categoriesMentioned(text, taxonomy);
  // A category the author chose wins over one the text merely mentions.
  return mentioned.find((id) => categories.includes(id)) ?? categories[0] ?? mentioned[0];
}
