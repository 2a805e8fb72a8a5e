/**
 * A timeline entry's text for a page that shows its marker as a badge: a leading label naming
 * the same marker ("DETECTED: alerts fired", "Incident resolved — …") is the badge already, so
 * it is not shown twice ("DETECTED DETECTED: …").
 */
import type { Marker, TimelineEntry } from './schema.js';

const leadingLabels: Record<Marker, RegExp> = {
  started: /^(?:(?:outage|incident|impact)\s+(?:begins|began|starts|started|start)|started|start)\b/i,
  detected: /^(?:(?:outage|incident)\s+)?detected\b/i,
  mitigated: /^(?:(?:outage|incident|impact)\s+)?mitigated\b/i,
  resolved: /^(?:(?:outage|incident|impact)\s+ends|(?:(?:outage|incident)\s+)?resolved)\b/i,
};

/** `text` without a leading label of its own `marker` and the punctuation after it; unchanged without a marker or such a label. */
export function textAfterMarker(entry: Pick<TimelineEntry, 'text' | 'marker'>): string {
  if (entry.marker === null) return entry.text;
  const label = leadingLabels[entry.marker].exec(entry.text);
  if (!label) return entry.text;
  return entry.text.slice(label[0].length).replace(/^\s*[:.!—–-]*\s*/, '');
}
