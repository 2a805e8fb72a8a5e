import type { StatedDurations, StatedMetric } from './durations.js';
import type { Marker, Metrics, Postmortem } from './schema.js';

type Times = Pick<Postmortem, 'startedAt' | 'detectedAt' | 'mitigatedAt' | 'resolvedAt' | 'timeline'>;

/** The moment of a phase: frontmatter first, else the first timeline entry carrying its marker. */
export function phaseTime(postmortem: Times, marker: Marker): string | null {
  return phase(postmortem, marker)?.at ?? null;
}

function phase(postmortem: Times, marker: Marker): { at: string; from: 'frontmatter' | 'timeline' } | null {
  const fromFrontmatter = {
    started: postmortem.startedAt,
    detected: postmortem.detectedAt,
    mitigated: postmortem.mitigatedAt,
    resolved: postmortem.resolvedAt,
  }[marker];
  if (fromFrontmatter) return { at: fromFrontmatter, from: 'frontmatter' };
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
 * `sources` says which gave each figure.
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
        metrics.sources[metric] = started.from === 'frontmatter' && end.from === 'frontmatter' ? 'frontmatter' : 'timeline';
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
