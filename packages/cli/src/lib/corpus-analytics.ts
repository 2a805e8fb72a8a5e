/**
 * Corpus statistics and related incidents.
 *
 * STOPGAP: the parser is getting `corpusStats` and `relatedIncidents`
 * (packages/parser/src/lib/stats.ts, related.ts). Until it exports them, the CLI computes
 * the same things here, with the shapes the `stats` and `related` commands render. When the
 * parser's versions land, import them from '@postmortem-kb/parser' in commands/stats.ts and
 * commands/related.ts and delete this file (adapting the renderers if the shapes differ).
 */
import type { Postmortem } from '@postmortem-kb/parser';

export interface CountEntry {
  key: string;
  count: number;
}

export interface CorpusStats {
  postmortems: number;
  /** Most frequent first, then by key. */
  byCategory: CountEntry[];
  byService: CountEntry[];
  /** Oldest year first; incidents without a date are not counted. */
  byYear: CountEntry[];
  /** Over incidents whose start and end are known (nearest-rank percentiles). */
  timeToResolveMinutes: { count: number; p50: number | null; p90: number | null; max: number | null };
  /** Items not marked done are open; open items with a due date before today are overdue. */
  actionItems: { total: number; open: number; done: number; overdue: number };
}

export function corpusStats(postmortems: readonly Postmortem[], options: { today?: string } = {}): CorpusStats {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const durations = postmortems
    .map((postmortem) => postmortem.metrics.timeToResolveMinutes)
    .filter((minutes): minutes is number => minutes !== null)
    .sort((a, b) => a - b);
  const items = postmortems.flatMap((postmortem) => postmortem.actionItems);
  const open = items.filter((item) => item.status !== 'done');
  return {
    postmortems: postmortems.length,
    byCategory: countBy(postmortems.flatMap((postmortem) => unique(postmortem.categories))),
    byService: countBy(postmortems.flatMap((postmortem) => unique(postmortem.services))),
    byYear: countBy(postmortems.flatMap((postmortem) => (postmortem.date ? [postmortem.date.slice(0, 4)] : []))).sort((a, b) => a.key.localeCompare(b.key)),
    timeToResolveMinutes: {
      count: durations.length,
      p50: percentile(durations, 50),
      p90: percentile(durations, 90),
      max: durations.at(-1) ?? null,
    },
    actionItems: {
      total: items.length,
      open: open.length,
      done: items.length - open.length,
      overdue: open.filter((item) => item.due !== null && item.due < today).length,
    },
  };
}

export interface RelatedIncident {
  postmortem: Postmortem;
  score: number;
  /** Why, most important first: "linked in related", "same category: dns" … */
  reasons: string[];
}

/** Incidents of `corpus` sharing links, categories, services, tags or organization with `target`, best first. */
export function relatedIncidents(target: Postmortem, corpus: readonly Postmortem[], options: { limit?: number } = {}): RelatedIncident[] {
  const names = (postmortem: Postmortem) => new Set([postmortem.id, postmortem.slug]);
  const targetNames = names(target);
  const related: RelatedIncident[] = [];
  for (const candidate of corpus) {
    if (candidate === target || (candidate.path !== null && candidate.path === target.path)) continue;
    const candidateNames = names(candidate);
    const reasons: string[] = [];
    let score = 0;
    const linkedFromTarget = [...target.related, ...(target.duplicateOf ? [target.duplicateOf] : [])].some((name) => candidateNames.has(name));
    const linkedToTarget = [...candidate.related, ...(candidate.duplicateOf ? [candidate.duplicateOf] : [])].some((name) => targetNames.has(name));
    if (linkedFromTarget || linkedToTarget) {
      score += 10;
      reasons.push(linkedFromTarget ? 'linked from this postmortem' : 'links to this postmortem');
    }
    const shared = (label: string, weight: number, ours: readonly string[], theirs: readonly string[]) => {
      const theirSet = new Set(theirs.map((value) => value.toLowerCase()));
      for (const value of unique(ours)) {
        if (!theirSet.has(value.toLowerCase())) continue;
        score += weight;
        reasons.push(`same ${label}: ${value}`);
      }
    };
    shared('category', 3, target.categories, candidate.categories);
    shared('service', 2, target.services, candidate.services);
    shared('tag', 1, target.tags, candidate.tags);
    if (target.organization !== null && candidate.organization !== null && target.organization.toLowerCase() === candidate.organization.toLowerCase()) {
      score += 1;
      reasons.push(`same organization: ${target.organization}`);
    }
    if (score > 0) related.push({ postmortem: candidate, score, reasons });
  }
  related.sort((a, b) => b.score - a.score || (b.postmortem.date ?? '').localeCompare(a.postmortem.date ?? '') || a.postmortem.slug.localeCompare(b.postmortem.slug));
  return options.limit === undefined ? related : related.slice(0, options.limit);
}

function countBy(keys: readonly string[]): CountEntry[] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** Nearest-rank percentile of ascending `values`. */
function percentile(values: readonly number[], rank: number): number | null {
  if (values.length === 0) return null;
  return values[Math.max(0, Math.ceil((rank / 100) * values.length) - 1)]!;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
