/**
 * What a postmortem says under each kind of section: the sections of that kind (sub-headings
 * belong to their parent), else a labelled paragraph before the first H2 (`**Impact:** …`).
 */
import type { List, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { labelledLists } from './list-labels.js';
import type { BodyMetadata } from './metadata.js';
import type { SectionKind } from './schema.js';
import { nodesToText, topSectionsOf, type SectionNode } from './sections.js';
import { collapse } from './text.js';

export class SectionContent {
  constructor(
    readonly sections: readonly SectionNode[],
    private readonly fields: BodyMetadata['sectionFields'],
  ) {}

  /** The sections of `kind` that are not inside another of that kind. */
  all(kind: SectionKind): SectionNode[] {
    return topSectionsOf(this.sections, kind);
  }

  first(kind: SectionKind): SectionNode | undefined {
    return this.all(kind)[0];
  }

  /** The labelled paragraph's text for `kind`, or null. */
  field(kind: SectionKind): string | null {
    const value = this.fields.get(kind)?.value;
    return value ? value : null;
  }

  /** The text of the sections of `kind`, else of its labelled paragraph, else null. */
  text(kind: SectionKind): string | null {
    const found = this.all(kind);
    if (found.length === 0) return this.field(kind);
    return found.map((section) => nodesToText(section.scope)).join('\n\n');
  }

  /**
   * The list items (or paragraphs) of the sections of `kind`, else its labelled paragraph as one item.
   * A sub-section of another kind ("### Contributing factors" under "## Root cause") is not part of it.
   */
  items(kind: SectionKind): string[] {
    const found = this.all(kind);
    if (found.length > 0) return found.flatMap((section) => itemsOf(this.ownedNodes(section)));
    const value = this.field(kind);
    return value ? [value] : [];
  }

  /**
   * The items of lists labelled as `kind` (`**Root causes:**` over a list) in sections of other
   * kinds, each item once: a report of several incidents lists each one's causes that way.
   */
  labelledItems(kind: SectionKind): string[] {
    const items = this.sections
      .filter((section) => !this.isWithin(section, kind))
      .flatMap((section) => labelledLists(section.own, kind).flatMap((list) => list.children.map((item) => collapse(toString(item)))));
    return [...new Set(items.filter(Boolean))];
  }

  /** Whether a section is of `kind` or inside one. */
  private isWithin(section: SectionNode, kind: SectionKind): boolean {
    for (let current: SectionNode | undefined = section; current !== undefined; current = this.sections[current.parent]) {
      if (current.kind === kind) return true;
    }
    return false;
  }

  /** The section's own nodes and those of its sub-sections of the same kind (the whole scope when it has none other). */
  private ownedNodes(section: SectionNode): RootContent[] {
    const kept = new Set([section.index]);
    const nodes = [...section.own];
    for (let index = section.index + 1; index < this.sections.length; index++) {
      const sub = this.sections[index]!;
      if (sub.depth <= section.depth) break;
      if (sub.kind !== section.kind || !kept.has(sub.parent)) continue;
      kept.add(sub.index);
      nodes.push(...sub.own);
    }
    return nodes;
  }
}

/** List items, or the paragraphs when there is no list. */
function itemsOf(nodes: readonly RootContent[]): string[] {
  const lists = nodes.filter((node): node is List => node.type === 'list');
  if (lists.length > 0) {
    return lists.flatMap((list) => list.children.map((item) => collapse(toString(item)))).filter(Boolean);
  }
  const text = nodesToText(nodes.filter((node) => node.type !== 'heading'));
  return text ? [text.replace(/[ \t]+/g, ' ')] : [];
}
