/** Checks only the whole corpus can make: duplicate ids and file names, links to no incident, recurrences. */
import { defaultRecurrenceWindowDays, findRuns, followUpStateAt, type RecurrenceRun } from './recurrences.js';
import type { Postmortem } from './schema.js';
import { fileBaseName } from './url-slug.js';

/** Rule ids `checkCorpus` reports: recomputed whenever the corpus changes, since they depend on other files. */
export const corpusRuleIds: ReadonlySet<string> = new Set(['duplicate-id', 'duplicate-slug', 'unknown-related', 'recurrence', 'corpus-time-budget']);

/** Default time budget of one run of the corpus checks, in ms (10,000 postmortems take well under a second). */
export const defaultCorpusBudgetMs = 30_000;

export interface CorpusCheckOptions {
  /**
   * Time budget of the whole run in ms (default 30 000). The checks run in the calling thread,
   * where no per-file limit applies: past the budget the remaining checks are not run, and a
   * `corpus-time-budget` error on the first postmortem says which.
   */
  budgetMs?: number;
  /** The clock, in ms (default `performance.now`): tests pass their own, never the wall clock. */
  now?: () => number;
}

/** Appends `duplicate-id`, `duplicate-slug`, `unknown-related` and `recurrence` diagnostics to the postmortems concerned. */
export function checkCorpus(postmortems: readonly Postmortem[], options: CorpusCheckOptions = {}): void {
  const budgetMs = options.budgetMs ?? defaultCorpusBudgetMs;
  if (!(budgetMs > 0)) throw new TypeError(`checkCorpus: expected \`budgetMs\` to be a positive number, not ${String(budgetMs)}`);
  const now = options.now ?? (() => performance.now());
  const deadline = now() + budgetMs;
  // Checked once per postmortem (and between checks): the work of one postmortem is small and bounded.
  const overBudget = () => now() > deadline;
  const checks: Array<[string, (overBudget: () => boolean) => boolean]> = [
    ['duplicate-id', (over) => checkDuplicateIds(postmortems, over)],
    ['duplicate-slug', (over) => checkDuplicateSlugs(postmortems, over)],
    ['unknown-related', (over) => checkRelated(postmortems, over)],
    ['recurrence', (over) => checkRecurrences(postmortems, over)],
  ];
  for (const [index, [, check]] of checks.entries()) {
    if (!overBudget() && check(overBudget)) continue;
    const first = postmortems[0];
    if (first === undefined) return;
    const skipped = checks.slice(index).map(([ruleId]) => ruleId);
    first.diagnostics.push({
      ruleId: 'corpus-time-budget',
      severity: 'error',
      message: `Unexpected corpus checks over the run's time budget of ${budgetMs} ms, expected them within it; not run or not finished for the ${postmortems.length} postmortems: ${skipped.join(', ')} (raise the budget to run them)`,
      path: first.path,
      line: 1,
      column: 1,
    });
    return;
  }
}

/** Each check returns false when it stopped early because `overBudget()` said so. */
function checkDuplicateIds(postmortems: readonly Postmortem[], overBudget: () => boolean): boolean {
  for (const [id, owners] of groupPostmortems(postmortems, (postmortem) => postmortem.id)) {
    if (overBudget()) return false;
    for (const [postmortem, others] of eachWithOthers(owners)) {
      postmortem.diagnostics.push({
        ruleId: 'duplicate-id',
        severity: 'error',
        message: `Unexpected duplicate id \`${id}\` (also used by ${others}), expected ids unique across the corpus`,
        path: postmortem.path,
        line: 1,
        column: 1,
      });
    }
  }
  return true;
}

// Same file name in two directories: both would want `/incidents/<slug>/`. Equal ids are reported by duplicate-id.
function checkDuplicateSlugs(postmortems: readonly Postmortem[], overBudget: () => boolean): boolean {
  for (const [slug, owners] of groupPostmortems(postmortems, (postmortem) => postmortem.slug)) {
    if (overBudget()) return false;
    if (new Set(owners.map((postmortem) => postmortem.id)).size < owners.length) continue;
    const sameName = new Set(owners.map((postmortem) => fileBaseName(postmortem.path))).size === 1;
    for (const [postmortem, others] of eachWithOthers(owners)) {
      const name = fileBaseName(postmortem.path);
      postmortem.diagnostics.push({
        ruleId: 'duplicate-slug',
        severity: 'error',
        message: sameName
          ? `Unexpected duplicate file name \`${name}.md\` (also ${others}), expected one file per slug (one page per incident)`
          : `Unexpected file name \`${name}.md\` whose URL slug \`${slug}\` is also that of ${others}, expected one file per slug (one page per incident; a slug keeps a-z, 0-9 and -)`,
        path: postmortem.path,
        line: 1,
        column: 1,
      });
    }
  }
  return true;
}

function checkRelated(postmortems: readonly Postmortem[], overBudget: () => boolean): boolean {
  const known = new Set([...postmortems.map((postmortem) => postmortem.id), ...postmortems.map((postmortem) => postmortem.slug)]);
  for (const postmortem of postmortems) {
    if (overBudget()) return false;
    const targets = [...postmortem.related.map((id) => ['related', id] as const), ...(postmortem.duplicateOf ? [['duplicate_of', postmortem.duplicateOf] as const] : [])];
    for (const [key, id] of targets) {
      if (known.has(id)) continue;
      postmortem.diagnostics.push({
        ruleId: 'unknown-related',
        severity: 'warning',
        message: `Unexpected \`${key}: ${id}\`, expected the id or slug of an incident in the corpus`,
        path: postmortem.path,
        line: 1,
        column: 1,
      });
    }
  }
  return true;
}

function checkRecurrences(postmortems: readonly Postmortem[], overBudget: () => boolean): boolean {
  const runs = findRuns(postmortems, defaultRecurrenceWindowDays);
  for (const run of runs) {
    if (overBudget()) return false;
    reportRecurrence(run);
  }
  return true;
}

/**
 * One `recurrence` note on each incident of a chain after the first: "3rd certificates incident on
 * api-gateway in 120 days; 2 follow-ups from the first are still open". Placed at the root cause.
 */
function reportRecurrence(run: RecurrenceRun): void {
  const causes = run.causes.map((cause) => (cause.kind === 'trigger' ? `${cause.id} (trigger)` : cause.id)).join(' and ');
  const services = run.scopes.filter((scope) => scope.kind === 'service').map((scope) => scope.name);
  const organization = run.scopes.find((scope) => scope.kind === 'organization')?.name;
  const where = [services.length > 0 ? `on ${services.join(' and ')}` : '', organization !== undefined ? `at ${organization}` : ''].filter(Boolean).join(' ');
  run.members.forEach((postmortem, at) => {
    if (at === 0) return;
    const days = run.days[at]! - run.days[0]!;
    // Items open on this incident's date that are still open now; done-after ones are in the chain data.
    const open = run.members.slice(0, at).map((earlier, from) => ({
      from,
      count: earlier.actionItems.filter((item) => followUpStateAt(item, postmortem.date!) === 'open').length,
    })).filter(({ count }) => count > 0);
    let message = `${ordinal(at + 1)} ${causes} incident ${where} in ${days} day${days === 1 ? '' : 's'}`;
    if (open.length > 0) {
      const parts = open.map(({ from, count }, index) => `${count}${index === 0 ? ` follow-up${count === 1 ? '' : 's'}` : ''} from the ${from === 0 ? 'first' : ordinal(from + 1)}`);
      const total = open.reduce((sum, { count }) => sum + count, 0);
      message += `; ${joinAnd(parts)} ${total === 1 ? 'is' : 'are'} still open`;
    }
    const rootCause = postmortem.sections.find((section) => section.kind === 'rootCause');
    postmortem.diagnostics.push({ ruleId: 'recurrence', severity: 'info', message, path: postmortem.path, line: rootCause?.line ?? 1, column: 1 });
  });
}

/** `1st`, `2nd`, `3rd`, `11th`, `22nd` … */
function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

function joinAnd(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function groupPostmortems(postmortems: readonly Postmortem[], key: (postmortem: Postmortem) => string): Map<string, Postmortem[]> {
  const groups = new Map<string, Postmortem[]>();
  for (const postmortem of postmortems) {
    const group = groups.get(key(postmortem));
    if (group) group.push(postmortem);
    else groups.set(key(postmortem), [postmortem]);
  }
  return groups;
}

/**
 * Each member of a group of two or more, with the others described for a message: one file
 * named and the rest counted (`a.md and 1998 other files`), so that the messages of a group
 * grow linearly with its size, not quadratically (2,000 files sharing one id once gave 148 MB).
 */
function* eachWithOthers(group: readonly Postmortem[]): Generator<[Postmortem, string]> {
  if (group.length < 2) return;
  const [first, second] = group as [Postmortem, Postmortem];
  const rest = group.length - 2;
  const more = rest === 0 ? '' : ` and ${rest} other file${rest === 1 ? '' : 's'}`;
  for (const postmortem of group) {
    const named = postmortem === first ? second : first;
    yield [postmortem, `${named.path ?? named.slug}${more}`];
  }
}
