/** Zone notes: "(all times UTC)", "All times are in PDT", "Timeline (times in CET)". */
import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { isDateHeading, type SectionNode } from './sections.js';
import { findZoneMention } from './time.js';
import { readEntryLead } from './timeline-lead.js';
import { paragraphLines } from './timeline-lines.js';

const zoneNoteWordPattern = /\btime(?:s|\s?zones?)?\b/gi;

/** A zone named shortly after "times"/"time zone", with no number in between ("times went up at 14:00 UTC" is not a note). */
function zoneNote(text: string): string | null {
  for (const match of text.matchAll(zoneNoteWordPattern)) {
    const after = match.index + match[0].length;
    const window = text.slice(after, after + 40);
    const zone = findZoneMention(window);
    if (zone !== null) {
      const between = window.slice(0, window.indexOf(zone));
      if (!/\d/.test(between)) return zone;
    }
  }
  return null;
}

/**
 * The zone the section says its times are in: its heading ("Timeline (UTC)"), the headings
 * of the sections around it, or a note in its prose or sub-headings.
 */
export function findSectionZone(section: SectionNode, sections: readonly SectionNode[]): string | null {
  const own = findZoneMention(section.heading);
  if (own !== null) return own;
  for (let parent = sections[section.parent]; parent; parent = sections[parent.parent]) {
    const note = zoneNote(parent.heading);
    if (note !== null) return note;
  }
  const texts: string[] = [];
  const gather = (nodes: readonly RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'heading') texts.push(toString(node));
      else if (node.type === 'blockquote') gather(node.children);
      else if (node.type === 'paragraph') {
        for (const line of paragraphLines(node, 1)) {
          if (readEntryLead(line.text).time === null) texts.push(line.text);
        }
      }
    }
  };
  gather(section.scope);
  for (const text of texts) {
    const note = zoneNote(text);
    if (note !== null) return note;
  }
  // A day heading that goes on with the timeline (`## Timeline` / "All times in EEST" / `## May 12`) keeps its note.
  if (isDateHeading(section.heading)) {
    const timeline = sections
      .slice(0, section.index)
      .reverse()
      .find((before) => before.depth === section.depth && before.parent === section.parent && before.kind === 'timeline' && !isDateHeading(before.heading));
    if (timeline) return findSectionZone(timeline, sections);
  }
  return null;
}
