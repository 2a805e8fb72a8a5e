import type { Marker, Metrics, Postmortem } from './schema.js';

type Times = Pick<Postmortem, 'startedAt' | 'detectedAt' | 'mitigatedAt' | 'resolvedAt' | 'timeline'>;

/** The moment of a phase: frontmatter first, else the first timeline entry carrying its marker. */
export function phaseTime(postmortem: Times, marker: Marker): string | null {
  const fromFrontmatter = { started: postmortem.startedAt, detected: postmortem.detectedAt, mitigated: postmortem.mitigatedAt, resolved: postmortem.resolvedAt }[marker];
  if (fromFrontmatter) return fromFrontmatter;
  return postmortem.timeline.find((entry) => entry.marker === marker && entry.at !== null)?.at ?? null;
}

/** Minutes from the start of impact to detection, mitigation and resolution; null when unknown. */
export function computeMetrics(postmortem: Times): Metrics {
  const started = phaseTime(postmortem, 'started');
  const since = (marker: Marker): number | null => {
    const end = phaseTime(postmortem, marker);
    if (started === null || end === null) return null;
    const minutes = (Date.parse(end) - Date.parse(started)) / 60_000;
    return Number.isFinite(minutes) && minutes >= 0 ? Math.round(minutes) : null;
  };
  return {
    timeToDetectMinutes: since('detected'),
    timeToMitigateMinutes: since('mitigated'),
    timeToResolveMinutes: since('resolved'),
  };
}
