/** A year no incident can have (`9999`, `0024`): it would stretch per-year series over millennia. */
import { defineRule, frontmatterPlace } from '../define-rule.js';
import { firstYear, lastYear } from '../../lib/stats.js';

export default defineRule({
  meta: {
    id: 'date-out-of-range',
    severity: 'warning',
    scope: 'file',
    description: 'The incident year is before 1000 or after next year: the incident is left out of per-year counts and year pages.',
    docs: 'The incident year is from 1000 to next year; another year (`9999-12-31`, `0024-03-18`) is left out of per-year counts and year pages (reported instead of `date-in-future`).',
    examples: {
      ok: '---\ntitle: Cache outage\ndate: 2024-03-18\n---\n',
      notOk: '---\ntitle: Cache outage\ndate: 9999-12-31\n---\n',
      expected: ['3:1: Unexpected date 9999-12-31 after 2026, expected a year from 1000 to 2026; the incident is left out of per-year counts and year pages'],
    },
  },
  check(postmortem, context) {
    const year = yearOf(postmortem.date);
    const last = lastYear(context.today);
    if (year === null || (year >= firstYear && year <= last)) return;
    context.report({
      message: `Unexpected date ${postmortem.date} ${year < firstYear ? `before ${firstYear}` : `after ${last}`}, expected a year from ${firstYear} to ${last}; the incident is left out of per-year counts and year pages`,
      ...frontmatterPlace(context, 'date'),
    });
  },
});

/** The year of a `YYYY-…` date, or null. */
export function yearOf(date: string | null): number | null {
  return date !== null && /^\d{4}-/.test(date) ? Number(date.slice(0, 4)) : null;
}
