/**
 * Reads the timeline section of a postmortem into dated, zoned entries.
 *
 * Three steps, each its own module: `collectBlocks` (timeline-collect.ts, timeline-table.ts)
 * walks the section's markdown (tables, lists, paragraphs, date sub-headings) into entries and
 * date lines in document order; `resolveItems` (timeline-dates.ts) gives each entry its date
 * and zone (running date, midnight rollover, zone notes); `assignMarkers` (timeline-markers.ts)
 * tags the events the metrics need (start, detection, …).
 * Content problems become diagnostics; nothing here throws on content.
 */
import type { DiagnosticSink } from './diagnostics.js';
import type { TimelineEntry } from './schema.js';
import { isDateHeading, type SectionNode } from './sections.js';
import { readDate } from './time.js';
import { collectBlocks } from './timeline-collect.js';
import { resolveItems, type TimelineContext } from './timeline-dates.js';
import { dateItem, type TimelineItem } from './timeline-items.js';
import { assignMarkers } from './timeline-markers.js';
import { findSectionZone } from './timeline-zone.js';

export type { TimelineContext } from './timeline-dates.js';

/**
 * The entries of a timeline section (its `scope`, so date sub-headings are included), in
 * document order. Order is not checked here: out-of-order timelines are a lint rule's job.
 */
export function extractTimeline(section: SectionNode, sections: readonly SectionNode[], context: TimelineContext, sink: DiagnosticSink): TimelineEntry[] {
  const items: TimelineItem[] = [];
  // A day heading that continues the timeline at its level (`## May 12` after `## Timeline`) dates what is under it.
  const day = isDateHeading(section.heading) ? readDate(section.heading, 0, context.slashOrder ?? null) : null;
  if (day)
    items.push(
      dateItem(day, { text: section.heading, line: section.line, anchors: [{ offset: 0, line: section.line, column: section.column + section.depth + 1 }] }),
    );
  collectBlocks(section.scope, items, section, context.slashOrder ?? null);
  const entries = resolveItems(items, context, findSectionZone(section, sections), section, sink);
  assignMarkers(entries);
  return entries;
}
