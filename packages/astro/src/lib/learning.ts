/**
 * Learning across incidents as the pages show it: the library's recurrence chains,
 * follow-through figures and themes of the corpus, computed once per build, and what of
 * them concerns one incident. No counting here: the library computes.
 */
import {
  followThrough,
  recurrenceChains,
  themes,
  type ChainIncident,
  type FollowThrough,
  type FollowUpState,
  type RecurrenceChain,
  type Theme,
  type ThemeIncident,
} from '@postmortem-kb/parser';
import { allPostmortems, buildDay } from './corpus';
import { listPages, type ListPage } from './pages';

let chains: Promise<RecurrenceChain[]> | undefined;
let figures: Promise<FollowThrough> | undefined;
let themeList: Promise<Theme[]> | undefined;

/** The library's `recurrenceChains` of the corpus (default window). */
export function siteRecurrences(): Promise<RecurrenceChain[]> {
  return (chains ??= allPostmortems().then((postmortems) => recurrenceChains(postmortems)));
}

/** The library's `followThrough` of the corpus, overdue as of the build day. */
export function siteFollowThrough(): Promise<FollowThrough> {
  return (figures ??= allPostmortems().then((postmortems) => followThrough(postmortems, { today: buildDay })));
}

/** The library's `themes` of the corpus (at least 3 incidents each). */
export function siteThemes(): Promise<Theme[]> {
  return (themeList ??= allPostmortems().then((postmortems) => themes(postmortems)));
}

/** The `/recurrences/` fragment of a chain. */
export function chainAnchor(chain: Pick<RecurrenceChain, 'id'>): string {
  return `chain-${chain.id}`;
}

/** Chains shown on one page of `/recurrences/`: each carries its incidents, timeline and follow-ups. */
export const recurrencesPageSize = 50;

let pages: Promise<ListPage<RecurrenceChain>[]> | undefined;
let pageOfChain: Promise<Map<string, number>> | undefined;

/** `/recurrences/` cut into pages, newest chains first. */
export function recurrencePages(): Promise<ListPage<RecurrenceChain>[]> {
  return (pages ??= siteRecurrences().then((chains) => listPages([...chains].reverse(), recurrencesPageSize)));
}

/** The page of `/recurrences/` (as `listPageHref` takes it) each chain is on, by chain id. */
export function recurrencePageOf(): Promise<Map<string, number>> {
  return (pageOfChain ??= recurrencePages().then((list) => new Map(list.flatMap((page) => page.items.map((chain) => [chain.id, page.current] as const)))));
}

/** What a follow-up state means, in words. */
export const stateLabels: Record<FollowUpState, string> = {
  open: 'still open',
  done: 'done before it',
  'done-after': 'done only after it',
  'no-date': 'done, no date',
  unknown: 'no status',
};

/** `1st`, `2nd`, `3rd`, `11th`. */
export function ordinal(value: number): string {
  const tens = value % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][value % 10] ?? 'th');
  return `${value}${suffix}`;
}

let bySlug: Promise<Map<string, { chains: RecurrenceChain[]; themes: Theme[] }>> | undefined;

/** The chains and themes an incident is part of, by slug; built once for every incident page. */
export function learningBySlug(): Promise<Map<string, { chains: RecurrenceChain[]; themes: Theme[] }>> {
  return (bySlug ??= collectBySlug());
}

async function collectBySlug(): Promise<Map<string, { chains: RecurrenceChain[]; themes: Theme[] }>> {
  const found = new Map<string, { chains: RecurrenceChain[]; themes: Theme[] }>();
  const entry = (slug: string) => {
    let value = found.get(slug);
    if (!value) found.set(slug, (value = { chains: [], themes: [] }));
    return value;
  };
  for (const chain of await siteRecurrences()) for (const incident of chain.incidents) entry(incident.slug).chains.push(chain);
  for (const theme of await siteThemes()) for (const incident of theme.incidents) entry(incident.slug).themes.push(theme);
  return found;
}

/**
 * The first `shown` incidents of a theme other than `slug`, one of its incidents, and how many
 * more there are. Reads no further than it shows: a theme of a 10 000-incident corpus has
 * thousands of incidents, and filtering them all on every incident page was quadratic.
 */
export function themeOthers(theme: Theme, slug: string, shown = 5): { others: ThemeIncident[]; more: number } {
  const others: ThemeIncident[] = [];
  for (const incident of theme.incidents) {
    if (others.length === shown) break;
    if (incident.slug !== slug) others.push(incident);
  }
  return { others, more: Math.max(0, theme.incidents.length - 1 - others.length) };
}

/**
 * The first `shown` earlier incidents whose follow-ups were still open on a chain incident's
 * date, and how many more there are. The list grows with the incident's place in the chain: the
 * 94th incident of a 10 000-postmortem chain had 90 of them, written out on its page and again
 * on /recurrences/ for each incident of the chain (quadratic in the chain's length).
 */
export function openEarlierShown(incident: Pick<ChainIncident, 'openEarlier'>, shown = 5): { earlier: ChainIncident['openEarlier']; more: number } {
  return { earlier: incident.openEarlier.slice(0, shown), more: Math.max(0, incident.openEarlier.length - shown) };
}
