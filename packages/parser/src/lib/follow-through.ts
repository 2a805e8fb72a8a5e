/**
 * Follow-through: what happened to the action items, per root-cause category, service and
 * organization, and whether incidents recurred while earlier follow-ups were still open.
 * Pure; the result is plain JSON.
 */
import { dayNumber, findRuns, followUpStateAt, wasOpen, windowOf, type RecurrenceOptions } from './recurrences.js';
import type { Postmortem } from './schema.js';
import { isOverdue, percentile, todayOf, type StatsOptions } from './stats.js';

export interface FollowThroughFigures {
  /** Category id, service or organization as first written. */
  name: string;
  incidents: number;
  /** Action items written. */
  opened: number;
  /** Status `done`. */
  done: number;
  /** Open and due before today. */
  overdue: number;
  /** Done items with a date saying when (`doneOn`) on a dated incident, done on or after it. */
  doneWithDate: number;
  /** Nearest-rank median of the days from the incident to `doneOn`; null without such items. */
  medianDaysToDone: number | null;
  /** Incidents that recur (a later incident of a recurrence chain whose cause or scope is this). */
  recurrences: number;
  /** Of those, incidents where a follow-up of an earlier incident of the chain was still open. */
  recurrencesWithOpenFollowUps: number;
  /** `recurrencesWithOpenFollowUps / recurrences`, 3 decimals; null without recurrences. */
  openFollowUpShare: number | null;
}

export interface FollowThrough {
  all: FollowThroughFigures;
  /** Most incidents first, then by name. */
  byCategory: FollowThroughFigures[];
  byService: FollowThroughFigures[];
  byOrganization: FollowThroughFigures[];
}

export type FollowThroughOptions = StatsOptions & RecurrenceOptions;

interface Group {
  name: string;
  postmortems: Set<Postmortem>;
  /** Recurring incident → whether an earlier follow-up was open then. */
  recurrences: Map<Postmortem, boolean>;
}

export function followThrough(postmortems: readonly Postmortem[], options: FollowThroughOptions = {}): FollowThrough {
  const today = todayOf(options);
  const windowDays = windowOf(options);
  const all: Group = { name: 'all', postmortems: new Set(postmortems), recurrences: new Map() };
  const byCategory = new Map<string, Group>();
  const byService = new Map<string, Group>();
  const byOrganization = new Map<string, Group>();
  const groupOf = (groups: Map<string, Group>, name: string, key = name.toLowerCase()) => {
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { name, postmortems: new Set(), recurrences: new Map() }));
    return group;
  };
  for (const postmortem of postmortems) {
    for (const category of postmortem.categories) if (category.trim() !== '') groupOf(byCategory, category.trim(), category.trim()).postmortems.add(postmortem);
    for (const service of postmortem.services) if (service.trim() !== '') groupOf(byService, service.trim()).postmortems.add(postmortem);
    const organization = postmortem.organization?.trim();
    if (organization) groupOf(byOrganization, organization).postmortems.add(postmortem);
  }

  for (const run of findRuns(postmortems, windowDays)) {
    const groups = [
      all,
      ...run.causes.filter((cause) => cause.kind === 'category').map((cause) => groupOf(byCategory, cause.id, cause.id)),
      ...run.scopes.map((scope) => groupOf(scope.kind === 'service' ? byService : byOrganization, scope.name)),
    ];
    run.members.forEach((postmortem, at) => {
      if (at === 0) return;
      const open = run.members.slice(0, at).some((earlier) => earlier.actionItems.some((item) => wasOpen(followUpStateAt(item, postmortem.date!))));
      for (const group of groups) group.recurrences.set(postmortem, (group.recurrences.get(postmortem) ?? false) || open);
    });
  }

  const figures = (group: Group): FollowThroughFigures => {
    let opened = 0;
    let done = 0;
    let overdue = 0;
    const days: number[] = [];
    for (const postmortem of group.postmortems) {
      const incidentDay = dayNumber(postmortem.date);
      for (const item of postmortem.actionItems) {
        opened++;
        if (item.status === 'done') done++;
        if (isOverdue(item, today)) overdue++;
        const doneDay = item.status === 'done' ? dayNumber(item.doneOn) : null;
        if (incidentDay !== null && doneDay !== null && doneDay >= incidentDay) days.push(doneDay - incidentDay);
      }
    }
    const recurrences = group.recurrences.size;
    const withOpen = [...group.recurrences.values()].filter(Boolean).length;
    return {
      name: group.name,
      incidents: group.postmortems.size,
      opened,
      done,
      overdue,
      doneWithDate: days.length,
      medianDaysToDone: percentile(
        days.sort((a, b) => a - b),
        50,
      ),
      recurrences,
      recurrencesWithOpenFollowUps: withOpen,
      openFollowUpShare: recurrences === 0 ? null : Math.round((withOpen / recurrences) * 1000) / 1000,
    };
  };
  const list = (groups: Map<string, Group>) =>
    [...groups.values()].map(figures).sort((a, b) => b.incidents - a.incidents || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { all: figures(all), byCategory: list(byCategory), byService: list(byService), byOrganization: list(byOrganization) };
}
