/**
 * Recurrences: incidents that share a cause (a root-cause category, or the trigger category)
 * and a scope (a service, or the organization), each within `windowDays` of the previous one,
 * form a chain. A chain keeps the action items of its incidents, with the state each earlier
 * item was in when the incident after it happened (was it done before it happened again?).
 * Pure and deterministic; the result is plain JSON.
 *
 * Undated postmortems take no part; a month-precision date (`2021-10`) counts as the month's
 * first day. Services and organizations compare case-insensitively.
 * Two chains with the same incidents (two shared categories, two shared services) are one
 * chain with several causes and scopes.
 */
import { toUrlSlug } from './url-slug.js';
import type { ActionItem, Postmortem } from './schema.js';
import { compareStrings } from './text.js';

export type CauseKind = 'category' | 'trigger';
export type ScopeKind = 'service' | 'organization';

/**
 * An action item's state on a later date:
 * `open` (still open), `done` (done on or before it), `done-after` (done, but only after it),
 * `no-date` (done, without a date saying when), `unknown` (no status could be read).
 */
export type FollowUpState = 'open' | 'done' | 'done-after' | 'no-date' | 'unknown';
export const followUpStates: readonly FollowUpState[] = ['open', 'done', 'done-after', 'no-date', 'unknown'];

export type FollowUpStateCounts = Record<FollowUpState, number>;

export interface ChainFollowUp {
  /** Slug of the incident whose action item this is. */
  incident: string;
  text: string;
  line: number;
  status: ActionItem['status'];
  due: string | null;
  doneOn: string | null;
  /** State when the next incident of the chain happened; null for the last incident's items. */
  stateAtNext: FollowUpState | null;
}

export interface ChainIncident {
  slug: string;
  title: string;
  date: string;
  /** Days since the chain's first incident (0 for the first). */
  daysSinceFirst: number;
  /** Action items of every earlier incident of the chain, counted by their state on this incident's date. */
  earlierFollowUps: FollowUpStateCounts;
  /** Per earlier incident (oldest first) with any: how many of its items were open on this date (`open` or `done-after`). */
  openEarlier: Array<{ incident: string; count: number }>;
}

export interface RecurrenceChain {
  /** Stable and URL-safe: the first incident's slug with the first cause and scope. */
  id: string;
  /** Categories first, then the trigger; by id. */
  causes: Array<{ kind: CauseKind; id: string }>;
  /** Services first, then the organization; by name. */
  scopes: Array<{ kind: ScopeKind; name: string }>;
  /** Oldest first. */
  incidents: ChainIncident[];
  /** Days from the first incident to the last. */
  spanDays: number;
  /** Action items of every incident of the chain, in chain order, then by line. */
  followUps: ChainFollowUp[];
}

export interface RecurrenceOptions {
  /** Most days between two incidents of a chain; 180 by default. */
  windowDays?: number;
}

export const defaultRecurrenceWindowDays = 180;

/** Every recurrence chain of the corpus: oldest first incident first, then by id. */
export function recurrenceChains(postmortems: readonly Postmortem[], options: RecurrenceOptions = {}): RecurrenceChain[] {
  const windowDays = windowOf(options);
  return findRuns(postmortems, windowDays).map((run) => describeRun(run));
}

/** The trigger category of a postmortem (frontmatter `trigger`), trimmed; null when it has none. */
export function triggerCategoryOf(postmortem: Pick<Postmortem, 'triggerCategory'>): string | null {
  return postmortem.triggerCategory?.trim() || null;
}

/** State of an action item on `date` (`YYYY-MM-DD`). */
export function followUpStateAt(item: Pick<ActionItem, 'status' | 'doneOn'>, date: string): FollowUpState {
  if (item.status === 'open') return 'open';
  if (item.status === null) return 'unknown';
  if (item.doneOn === null) return 'no-date';
  return item.doneOn <= date ? 'done' : 'done-after';
}

/** Whether an item was open on the date it was checked against: still open, or done only later. */
export function wasOpen(state: FollowUpState | null): boolean {
  return state === 'open' || state === 'done-after';
}

/** The day number (days since 1970-01-01) of a `YYYY-MM-DD` or `YYYY-MM` date; null for anything else. */
export function dayNumber(date: string | null): number | null {
  if (date === null) return null;
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(date);
  if (!match) return null;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3] ?? '1'));
  return Number.isFinite(time) ? Math.round(time / 86_400_000) : null;
}

// ---------------------------------------------------------------------------------------------
// Runs: members of a chain, before they are described

/** A chain as found: postmortems oldest first, with every cause and scope that yields exactly them. */
export interface RecurrenceRun {
  members: Postmortem[];
  days: number[];
  causes: Array<{ kind: CauseKind; id: string }>;
  scopes: Array<{ kind: ScopeKind; name: string }>;
}

/** Chains as runs of postmortems; what `recurrenceChains` describes and the `recurrence` rule counts. */
export function findRuns(postmortems: readonly Postmortem[], windowDays: number): RecurrenceRun[] {
  interface Keyed {
    cause: { kind: CauseKind; id: string };
    scope: { kind: ScopeKind; name: string };
    members: Array<{ postmortem: Postmortem; day: number; at: number }>;
  }
  const groups = new Map<string, Keyed>();
  postmortems.forEach((postmortem, at) => {
    const day = dayNumber(postmortem.date);
    if (day === null) return;
    const causes: Array<{ kind: CauseKind; id: string }> = distinct(postmortem.categories).map((id) => ({ kind: 'category', id }));
    const trigger = triggerCategoryOf(postmortem);
    if (trigger !== null) causes.push({ kind: 'trigger', id: trigger });
    const scopes: Array<{ kind: ScopeKind; name: string }> = distinct(postmortem.services).map((name) => ({ kind: 'service', name }));
    const organization = postmortem.organization?.trim();
    if (organization) scopes.push({ kind: 'organization', name: organization });
    const seenScopes = new Set<string>();
    for (const scope of scopes) {
      const scopeKey = `${scope.kind}\0${scope.name.toLowerCase()}`;
      if (seenScopes.has(scopeKey)) continue;
      seenScopes.add(scopeKey);
      for (const cause of causes) {
        const key = `${cause.kind}\0${cause.id}\0${scopeKey}`;
        let group = groups.get(key);
        if (group === undefined) groups.set(key, (group = { cause, scope, members: [] }));
        group.members.push({ postmortem, day, at });
      }
    }
  });

  // Runs with the same members (by position in the corpus) are one chain.
  const runs = new Map<string, RecurrenceRun>();
  for (const group of groups.values()) {
    const members = group.members.sort((a, b) => a.day - b.day || compareStrings(a.postmortem.slug, b.postmortem.slug) || a.at - b.at);
    let start = 0;
    for (let end = 1; end <= members.length; end++) {
      if (end < members.length && members[end]!.day - members[end - 1]!.day <= windowDays) continue;
      if (end - start >= 2) {
        const slice = members.slice(start, end);
        const key = slice.map((member) => member.at).join(',');
        let run = runs.get(key);
        if (run === undefined) {
          runs.set(key, (run = { members: slice.map((member) => member.postmortem), days: slice.map((member) => member.day), causes: [], scopes: [] }));
        }
        if (!run.causes.some((cause) => cause.kind === group.cause.kind && cause.id === group.cause.id)) run.causes.push(group.cause);
        if (!run.scopes.some((scope) => scope.kind === group.scope.kind && scope.name.toLowerCase() === group.scope.name.toLowerCase()))
          run.scopes.push(group.scope);
      }
      start = end;
    }
  }
  const kindRank = (kind: string) => (kind === 'category' || kind === 'service' ? 0 : 1);
  const sorted = [...runs.values()];
  for (const run of sorted) {
    run.causes.sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || compareStrings(a.id, b.id));
    run.scopes.sort(
      (a, b) => kindRank(a.kind) - kindRank(b.kind) || compareStrings(a.name.toLowerCase(), b.name.toLowerCase()) || compareStrings(a.name, b.name),
    );
  }
  return sorted.sort((a, b) => a.days[0]! - b.days[0]! || compareStrings(runId(a), runId(b)));
}

function runId(run: RecurrenceRun): string {
  const cause = run.causes[0]!;
  const scope = run.scopes[0]!;
  return `${run.members[0]!.slug}--${cause.kind === 'trigger' ? 'trigger-' : ''}${toUrlSlug(cause.id)}--${toUrlSlug(scope.name)}`;
}

function describeRun(run: RecurrenceRun): RecurrenceChain {
  const { members, days } = run;
  const followUps: ChainFollowUp[] = [];
  members.forEach((postmortem, at) => {
    const next = members[at + 1];
    for (const item of postmortem.actionItems) {
      followUps.push({
        incident: postmortem.slug,
        text: item.text,
        line: item.line,
        status: item.status,
        due: item.due,
        doneOn: item.doneOn,
        stateAtNext: next === undefined ? null : followUpStateAt(item, next.date!),
      });
    }
  });
  const incidents = members.map((postmortem, at): ChainIncident => {
    const counts = emptyCounts();
    const openEarlier: Array<{ incident: string; count: number }> = [];
    for (const earlier of members.slice(0, at)) {
      let open = 0;
      for (const item of earlier.actionItems) {
        const state = followUpStateAt(item, postmortem.date!);
        counts[state]++;
        if (wasOpen(state)) open++;
      }
      if (open > 0) openEarlier.push({ incident: earlier.slug, count: open });
    }
    return {
      slug: postmortem.slug,
      title: postmortem.title,
      date: postmortem.date!,
      daysSinceFirst: days[at]! - days[0]!,
      earlierFollowUps: counts,
      openEarlier,
    };
  });
  return { id: runId(run), causes: run.causes, scopes: run.scopes, incidents, spanDays: days[days.length - 1]! - days[0]!, followUps };
}

function emptyCounts(): FollowUpStateCounts {
  return { open: 0, done: 0, 'done-after': 0, 'no-date': 0, unknown: 0 };
}

export function windowOf(options: RecurrenceOptions): number {
  const windowDays = options.windowDays ?? defaultRecurrenceWindowDays;
  if (!(Number.isFinite(windowDays) && windowDays >= 0)) throw new RangeError(`Unexpected windowDays ${windowDays}, expected a number of days >= 0`);
  return windowDays;
}

/** Trimmed, non-empty, each once (case-insensitively for names). */
function distinct(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const trimmed = value.trim();
    if (trimmed === '' || seen.has(trimmed.toLowerCase())) continue;
    seen.add(trimmed.toLowerCase());
    out.push(trimmed);
  }
  return out;
}
