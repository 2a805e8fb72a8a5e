import type { StatedDurations, StatedMetric } from './durations.js';
import type { Marker, Metrics, Postmortem } from './schema.js';

type Times = Pick<Postmortem, 'startedAt' | 'detectedAt' | 'mitigatedAt' | 'resolvedAt' | 'timeline'> & {
  /** The phases whose time a sentence of the text gave ("The outage began at 14:05 UTC …"), not frontmatter or a label line. */
  fromText?: readonly Marker[];
};
type Source = 'frontmatter' | 'timeline' | 'stated';

/** The moment of a phase: frontmatter first, else the first timeline entry carrying its marker. */
export function phaseTime(postmortem: Times, marker: Marker): string | null {
  return phase(postmortem, marker)?.at ?? null;
}

function phase(postmortem: Times, marker: Marker): { at: string; from: Source } | null {
  const fromFrontmatter = {
    started: postmortem.startedAt,
    detected: postmortem.detectedAt,
    mitigated: postmortem.mitigatedAt,
    resolved: postmortem.resolvedAt,
  }[marker];
  if (fromFrontmatter) return { at: fromFrontmatter, from: postmortem.fromText?.includes(marker) ? 'stated' : 'frontmatter' };
  const at = postmortem.timeline.find((entry) => entry.marker === marker && entry.at !== null)?.at;
  return at ? { at, from: 'timeline' } : null;
}

export const noMetrics: Metrics = {
  timeToDetectMinutes: null,
  timeToMitigateMinutes: null,
  timeToResolveMinutes: null,
  sources: { timeToDetectMinutes: null, timeToMitigateMinutes: null, timeToResolveMinutes: null },
};

/**
 * Minutes from the start of impact to detection, mitigation and resolution, from frontmatter
 * times and timeline markers; where those cannot give a figure, a duration the text states.
 * `sources` says which gave each figure: an end read from a sentence (`fromText`) makes it `stated`.
 */
export function computeMetrics(postmortem: Times, stated: StatedDurations = {}): Metrics {
  const started = phase(postmortem, 'started');
  const metrics: Metrics = { ...noMetrics, sources: { ...noMetrics.sources } };
  const since = (metric: StatedMetric, marker: Marker): void => {
    const end = phase(postmortem, marker);
    if (started !== null && end !== null) {
      const minutes = (Date.parse(end.at) - Date.parse(started.at)) / 60_000;
      if (Number.isFinite(minutes) && minutes >= 0) {
        metrics[metric] = Math.round(minutes);
        const ends = [started.from, end.from];
        metrics.sources[metric] = ends.includes('timeline') ? 'timeline' : ends.includes('stated') ? 'stated' : 'frontmatter';
        return;
      }
    }
    const written = stated[metric];
    if (written !== undefined) {
      metrics[metric] = written.minutes;
      metrics.sources[metric] = 'stated';
    }
  };
  since('timeToDetectMinutes', 'detected');
  since('timeToMitigateMinutes', 'mitigated');
  since('timeToResolveMinutes', 'resolved');
  return metrics;
}
