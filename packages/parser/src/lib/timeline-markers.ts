/** Markers: the timeline entries that mark the start, detection, mitigation and resolution the metrics need. */
import type { Marker, TimelineEntry } from './schema.js';

// The capitalised forms authors write on purpose ("OUTAGE BEGINS"): every one counts.
const explicitMarkers: ReadonlyArray<readonly [Marker, RegExp]> = [
  ['started', /\b(?:OUTAGE|INCIDENT|IMPACT) (?:BEGINS|BEGAN|STARTS|STARTED)\b/],
  ['detected', /\b(?:(?:OUTAGE|INCIDENT) )?DETECTED\b/],
  ['mitigated', /\b(?:(?:OUTAGE|INCIDENT|IMPACT) )?MITIGATED\b/],
  ['resolved', /\b(?:OUTAGE|INCIDENT|IMPACT) ENDS\b|\b(?:(?:OUTAGE|INCIDENT) )?RESOLVED\b/],
];

// Phrases in ordinary prose: only the first entry of each kind, and only when the
// timeline has no explicit form of that kind.
const heuristicMarkers: ReadonlyArray<readonly [Marker, RegExp]> = [
  ['started', /\b(?:incident|outage|impact) (?:begins|began|starts|started|start)\b/i],
  [
    'detected',
    /\b(?:alerts? (?:fired|triggered)|first alert|paged|pager (?:storm|alert)|receives? (?:a )?pages?|alerted|incident (?:was )?declared|customers? (?:report|reported|reports|complain|complained))\b/i,
  ],
  ['mitigated', /\b(?:impact|outage|incident) (?:was )?mitigated\b/i],
  ['resolved', /\b(?:incident (?:was )?resolved|fully recovered|all[ -]clear|(?:outage|incident|impact) ends)\b/i],
  // A bare word counts only as the entry's label: "Resolved.", "Detected: …".
  ['detected', /^detected(?=$|\s?[:.!—–-])/i],
  ['mitigated', /^mitigated(?=$|\s?[:.!—–-])/i],
  ['resolved', /^resolved(?=$|\s?[:.!—–-])/i],
];

function isNegated(text: string, index: number): boolean {
  return /(?:\bnot?|\bnever|\bwithout|n't)\s(?:\S{1,20}\s)?$/i.test(text.slice(Math.max(0, index - 30), index));
}

function earliestMarker(text: string, patterns: ReadonlyArray<readonly [Marker, RegExp]>, allowed: (marker: Marker) => boolean): Marker | null {
  let best: { marker: Marker; index: number } | null = null;
  for (const [marker, pattern] of patterns) {
    if (!allowed(marker)) continue;
    const match = pattern.exec(text);
    if (!match || isNegated(text, match.index)) continue;
    if (!best || match.index < best.index) best = { marker, index: match.index };
  }
  return best?.marker ?? null;
}

export function assignMarkers(entries: TimelineEntry[]): void {
  const explicitKinds = new Set<Marker>();
  for (const entry of entries) {
    entry.marker = earliestMarker(entry.text, explicitMarkers, () => true);
    if (entry.marker) explicitKinds.add(entry.marker);
  }
  const heuristicKinds = new Set<Marker>();
  for (const entry of entries) {
    if (entry.marker) continue;
    entry.marker = earliestMarker(entry.text, heuristicMarkers, (marker) => !explicitKinds.has(marker) && !heuristicKinds.has(marker));
    if (entry.marker) heuristicKinds.add(entry.marker);
  }
}
