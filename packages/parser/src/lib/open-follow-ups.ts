/**
 * The follow-ups still open, narrowed to a service, category, organization or incident: what a
 * tool or an agent asks before touching a system ("what did we promise last time, and is it
 * done?"). Pure; the result is plain JSON, in the order of `followUps`.
 */
import { followUps, type FollowUp } from './cross-reference.js';
import type { Postmortem } from './schema.js';
import type { StatsOptions } from './stats.js';

export interface OpenFollowUpFilter {
  /** Only incidents with this service (compared case-insensitively, as recurrences compare). */
  service?: string | undefined;
  /** Only incidents with this root-cause category id. */
  category?: string | undefined;
  /** Only incidents of this organization (case-insensitive). */
  organization?: string | undefined;
  /** Only this incident: its id or its slug. */
  incident?: string | undefined;
  /** Only items whose due date has passed. */
  overdueOnly?: boolean | undefined;
}

export type OpenFollowUp = FollowUp & { incidentId: string; incidentDate: string | null; path: string | null };

/** Open action items of the incidents matching `filter`: overdue-capable ones by due date first, as `followUps` orders them. */
export function openFollowUps(postmortems: readonly Postmortem[], filter: OpenFollowUpFilter = {}, options: StatsOptions = {}): OpenFollowUp[] {
  const service = lowerOrNull(filter.service);
  const organization = lowerOrNull(filter.organization);
  const category = filter.category?.trim() || null;
  const incident = filter.incident?.trim() || null;
  const chosen = postmortems.filter(
    (postmortem) =>
      (service === null || postmortem.services.some((name) => name.toLowerCase() === service)) &&
      (organization === null || postmortem.organization?.toLowerCase() === organization) &&
      (category === null || postmortem.categories.includes(category)) &&
      (incident === null || postmortem.id === incident || postmortem.slug === incident),
  );
  const bySlug = new Map(chosen.map((postmortem) => [postmortem.slug, postmortem]));
  return followUps(chosen, options)
    .filter((item) => item.status === 'open' && (filter.overdueOnly !== true || item.overdue))
    .map((item) => {
      const postmortem = bySlug.get(item.incident)!;
      return { ...item, incidentId: postmortem.id, incidentDate: postmortem.date, path: postmortem.path };
    });
}

function lowerOrNull(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed.toLowerCase() : null;
}
