/**
 * What the corpus charts leave out and why, so a page can say so ("48 undated incidents not
 * shown") instead of letting incidents silently drop out, and the continuous run of years a
 * per-year axis needs. Pure; the result is plain JSON.
 */
import { yearRange } from './cross-reference.js';
import type { Postmortem } from './schema.js';
import { yearOf } from './stats.js';

export interface ChartCoverage {
  total: number;
  /** Every year from the first to the last dated postmortem, years without one included. */
  years: string[];
  /** Postmortems without a usable year: in no per-year chart. */
  undated: number;
  /** Postmortems without a category: in no per-category chart. */
  uncategorized: number;
  /** Postmortems without a trigger. */
  untriggered: number;
  /** Year × category: those left out, each once (no category; else no year). */
  yearByCategory: { uncategorized: number; undated: number };
  /** Trigger × category: those left out, each once (no trigger; else no category). */
  triggerByCategory: { untriggered: number; uncategorized: number };
  /** Category id → its postmortems without a year: in its count, not in its per-year series. */
  undatedByCategory: Record<string, number>;
}

type Counted = Pick<Postmortem, 'date' | 'categories' | 'triggerCategory'>;

export function chartCoverage(postmortems: readonly Counted[]): ChartCoverage {
  const { first, last } = yearRange(postmortems);
  const years: string[] = [];
  for (let year = first; year <= last; year++) years.push(String(year));
  const coverage: ChartCoverage = {
    total: postmortems.length,
    years,
    undated: 0,
    uncategorized: 0,
    untriggered: 0,
    yearByCategory: { uncategorized: 0, undated: 0 },
    triggerByCategory: { untriggered: 0, uncategorized: 0 },
    undatedByCategory: {},
  };
  for (const postmortem of postmortems) {
    const dated = yearOf(postmortem) !== null;
    const categories = new Set(postmortem.categories.map((category) => category.trim()).filter((category) => category !== ''));
    const triggered = (postmortem.triggerCategory?.trim() ?? '') !== '';
    if (!dated) coverage.undated++;
    if (categories.size === 0) coverage.uncategorized++;
    if (!triggered) coverage.untriggered++;
    if (categories.size === 0) coverage.yearByCategory.uncategorized++;
    else if (!dated) coverage.yearByCategory.undated++;
    if (!triggered) coverage.triggerByCategory.untriggered++;
    else if (categories.size === 0) coverage.triggerByCategory.uncategorized++;
    if (!dated) for (const category of categories) coverage.undatedByCategory[category] = (coverage.undatedByCategory[category] ?? 0) + 1;
  }
  return coverage;
}
