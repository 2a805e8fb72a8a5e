/**
 * One `recurrence` note on each incident of a chain after the first: "3rd certificates incident on
 * api-gateway in 120 days; 2 follow-ups from the first are still open". Placed at the root cause.
 */
import { defineRule, type CorpusRuleContext } from '../define-rule.js';
import { exampleTaxonomy } from '../example-taxonomy.js';
import { defaultRecurrenceWindowDays, findRuns, followUpStateAt, type RecurrenceRun } from '../../lib/recurrences.js';

const incident = (date: string, items: string) =>
  `---\ntitle: Cache outage on ${date}\ndate: ${date}\norganization: Acme\nservices: [cache]\ncategories: [capacity]\n---\n\n## Root cause\n\nThe cache was too small.\n\n## Action items\n\n${items}\n`;

export default defineRule({
  meta: {
    id: 'recurrence',
    severity: 'info',
    scope: 'corpus',
    description:
      'The incident recurs: an earlier one within 180 days shares a root-cause (or trigger) category and a service or organization; says how many of the earlier follow-ups are still open.',
    docs: 'Notes an incident that recurs: an earlier one shares a root-cause (or trigger) category and a service or organization, within 180 days of the previous one — "3rd certificates incident on api-gateway at Acme in 120 days; 2 follow-ups from the first are still open" (see [Learning across incidents](#learning-across-incidents)).',
    examples: {
      taxonomy: exampleTaxonomy,
      ok: { 'a.md': incident('2024-01-10', '- [ ] Size the cache @ops'), 'b.md': incident('2024-09-10', '- [ ] Size the cache @ops') },
      notOk: { 'a.md': incident('2024-01-10', '- [ ] Size the cache @ops'), 'b.md': incident('2024-02-10', '- [ ] Add an alert @ops') },
      expected: ['b.md:9:1: 2nd capacity incident on cache at Acme in 31 days; 1 follow-up from the first is still open'],
    },
  },
  check(postmortems, context) {
    for (const run of findRuns(postmortems, defaultRecurrenceWindowDays)) {
      if (context.overBudget()) return;
      reportRecurrence(run, context);
    }
  },
});

function reportRecurrence(run: RecurrenceRun, context: CorpusRuleContext): void {
  const causes = run.causes.map((cause) => (cause.kind === 'trigger' ? `${cause.id} (trigger)` : cause.id)).join(' and ');
  const services = run.scopes.filter((scope) => scope.kind === 'service').map((scope) => scope.name);
  const organization = run.scopes.find((scope) => scope.kind === 'organization')?.name;
  const where = [services.length > 0 ? `on ${services.join(' and ')}` : '', organization !== undefined ? `at ${organization}` : ''].filter(Boolean).join(' ');
  run.members.forEach((postmortem, at) => {
    if (at === 0) return;
    const days = run.days[at]! - run.days[0]!;
    // Items open on this incident's date that are still open now; done-after ones are in the chain data.
    const open = run.members
      .slice(0, at)
      .map((earlier, from) => ({
        from,
        count: earlier.actionItems.filter((item) => followUpStateAt(item, postmortem.date!) === 'open').length,
      }))
      .filter(({ count }) => count > 0);
    let message = `${ordinal(at + 1)} ${causes} incident ${where} in ${days} day${days === 1 ? '' : 's'}`;
    if (open.length > 0) {
      const parts = open.map(
        ({ from, count }, index) => `${count}${index === 0 ? ` follow-up${count === 1 ? '' : 's'}` : ''} from the ${from === 0 ? 'first' : ordinal(from + 1)}`,
      );
      const total = open.reduce((sum, { count }) => sum + count, 0);
      message += `; ${joinAnd(parts)} ${total === 1 ? 'is' : 'are'} still open`;
    }
    const rootCause = postmortem.sections.find((section) => section.kind === 'rootCause');
    context.report(postmortem, { message, line: rootCause?.line ?? 1 });
  });
}

/** `1st`, `2nd`, `3rd`, `11th`, `22nd` … */
function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function joinAnd(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
