/**
 * Precedents for a change: the past incidents most like a change described by its service,
 * root-cause category and words, with what they taught and what is still open. Ranked as
 * `relatedIncidents` ranks (shared categories and services by rarity, organization, TF-IDF text
 * similarity against root causes and summaries), the description standing in for a postmortem.
 * Pure; the result is plain JSON.
 */
import { emptyPostmortem } from './failed.js';
import { relatedIncidents, type RelatedReason } from './related.js';
import type { Postmortem } from './schema.js';
import { isOverdue, todayOf, type StatsOptions } from './stats.js';

export interface PrecedentQuery {
  service?: string | undefined;
  category?: string | undefined;
  organization?: string | undefined;
  /** Words describing the change ("rotate the TLS certificates of the edge proxies"). */
  text?: string | undefined;
  /** Only incidents dated before this `YYYY-MM-DD` (undated ones are left out too). */
  before?: string | undefined;
  /** Most precedents returned; 5 by default. */
  limit?: number | undefined;
}

export interface Precedent {
  id: string;
  slug: string;
  title: string;
  date: string | null;
  path: string | null;
  score: number;
  reasons: RelatedReason[];
  categories: string[];
  services: string[];
  /** What went wrong, lessons not sorted under a heading, where they got lucky, what went well. */
  lessons: string[];
  /** Action items still open, with whether they are overdue. */
  openFollowUps: Array<{ text: string; owner: string | null; due: string | null; overdue: boolean; line: number }>;
}

/** Past incidents most like the change described, best first. A query naming nothing finds nothing. */
export function precedents(corpus: readonly Postmortem[], query: PrecedentQuery, options: StatsOptions = {}): Precedent[] {
  const today = todayOf(options);
  if (query.before !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(query.before)) throw new RangeError(`Unexpected before "${query.before}", expected YYYY-MM-DD`);
  const candidates = query.before === undefined ? corpus : corpus.filter((postmortem) => postmortem.date !== null && postmortem.date < query.before!);
  const target = queryPostmortem(query);
  const bySlug = new Map(candidates.map((postmortem) => [postmortem.slug, postmortem]));
  return relatedIncidents(target, candidates, { limit: query.limit ?? 5 }).map(({ slug, score, reasons }) => {
    const postmortem = bySlug.get(slug)!;
    return {
      id: postmortem.id,
      slug,
      title: postmortem.title,
      date: postmortem.date,
      path: postmortem.path,
      score,
      reasons,
      categories: postmortem.categories,
      services: postmortem.services,
      lessons: [...postmortem.lessons.wentWrong, ...postmortem.lessons.learned, ...postmortem.lessons.lucky, ...postmortem.lessons.wentWell],
      openFollowUps: postmortem.actionItems
        .filter((item) => item.status === 'open')
        .map((item) => ({ text: item.text, owner: item.owner, due: item.due, overdue: isOverdue(item, today), line: item.line })),
    };
  });
}

/** The change described as a postmortem with no identity of its own (no slug or id can match one of the corpus). */
function queryPostmortem(query: PrecedentQuery): Postmortem {
  return {
    ...emptyPostmortem('\u0000precedent-query'),
    title: '',
    organization: query.organization?.trim() || null,
    services: query.service?.trim() ? [query.service.trim()] : [],
    categories: query.category?.trim() ? [query.category.trim()] : [],
    summary: query.text?.trim() ?? '',
  };
}
