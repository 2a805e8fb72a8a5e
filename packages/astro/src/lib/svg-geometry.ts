/** Geometry for the build-time SVG charts: positions from already-counted values. */

export interface Box {
  width: number;
  height: number;
  padding: number;
}

/** `x,y` points of a sparkline through `values`, scaled to fit `box`. */
export function sparklinePoints(values: readonly number[], box: Box): string {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? (box.width - 2 * box.padding) / (values.length - 1) : 0;
  return values
    .map((value, index) => {
      const x = box.padding + index * step;
      const y = box.height - box.padding - (value / max) * (box.height - 2 * box.padding);
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

/** One bar per value: x, y, width, height inside `box`, bars `gap` apart. */
export function barRects(values: readonly number[], box: Box, gap = 4): { x: number; y: number; width: number; height: number }[] {
  const max = Math.max(1, ...values);
  const inner = box.width - 2 * box.padding;
  const width = values.length > 0 ? Math.max(1, (inner - gap * (values.length - 1)) / values.length) : 0;
  return values.map((value, index) => {
    const height = (value / max) * (box.height - 2 * box.padding);
    return { x: round(box.padding + index * (width + gap)), y: round(box.height - box.padding - height), width: round(width), height: round(height) };
  });
}

/** Opacity step (0–4) of a heat-map cell: 0 for none, then quartiles of the maximum. */
export function heatLevel(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((value / max) * 4)));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

export type PhaseName = 'detect' | 'mitigate' | 'resolve';

/**
 * The phase bar of one incident on one axis from the start of impact: each known phase from
 * the previous known one (or the start) to its own minute, as `x` and `width` in percent.
 * Phases that end before the previous one (figures from different sources) start at 0.
 */
export function phaseSegments(minutes: Readonly<Record<PhaseName, number | null>>): { phase: PhaseName; minutes: number; x: number; width: number }[] {
  const known = (['detect', 'mitigate', 'resolve'] as const).flatMap((phase) => {
    const value = minutes[phase];
    return value !== null && Number.isFinite(value) && value >= 0 ? [{ phase, minutes: value }] : [];
  });
  const span = Math.max(1, ...known.map((entry) => entry.minutes));
  let previous = 0;
  return known.map(({ phase, minutes: end }) => {
    const from = end >= previous ? previous : 0;
    previous = end;
    return { phase, minutes: end, x: round((from / span) * 100), width: round(((end - from) / span) * 100) };
  });
}
