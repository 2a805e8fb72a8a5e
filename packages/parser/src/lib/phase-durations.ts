/**
 * Time to detect, mitigate and resolve across a corpus: how many postmortems give each
 * figure, and how the figures are spread. Pure; the result is plain JSON.
 */
import type { Postmortem } from './schema.js';
import { durationStats, type DurationStats } from './stats.js';

/** Buckets of minutes, [from, to), fine at the short end where detection times fall. */
export const phaseBuckets: ReadonlyArray<{ label: string; from: number; to: number }> = [
  { label: '<15m', from: 0, to: 15 },
  { label: '15m–1h', from: 15, to: 60 },
  { label: '1–4h', from: 60, to: 240 },
  { label: '4–12h', from: 240, to: 720 },
  { label: '12–24h', from: 720, to: 1440 },
  { label: '1–3d', from: 1440, to: 4320 },
  { label: '>3d', from: 4320, to: Infinity },
];

export interface PhaseDurations {
  /** Postmortems counted: each figure's `count` is out of this. */
  total: number;
  /** Minutes from the start of impact to detection, over `phaseBuckets`. */
  detect: DurationStats;
  /** … to mitigation. */
  mitigate: DurationStats;
  /** … to resolution. */
  resolve: DurationStats;
}

export function phaseDurations(postmortems: readonly Pick<Postmortem, 'metrics'>[]): PhaseDurations {
  const of = (metric: 'timeToDetectMinutes' | 'timeToMitigateMinutes' | 'timeToResolveMinutes') =>
    durationStats(
      postmortems.map((postmortem) => postmortem.metrics[metric]),
      phaseBuckets,
    );
  return { total: postmortems.length, detect: of('timeToDetectMinutes'), mitigate: of('timeToMitigateMinutes'), resolve: of('timeToResolveMinutes') };
}
