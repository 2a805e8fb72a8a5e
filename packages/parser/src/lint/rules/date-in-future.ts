/** A date in the future is a typo (or a postmortem written ahead of time). */
import { defineRule, frontmatterPlace } from '../define-rule.js';
import { firstYear, lastYear } from '../../lib/stats.js';
import { yearOf } from './date-out-of-range.js';

export default defineRule({
  meta: {
    id: 'date-in-future',
    severity: 'warning',
    scope: 'file',
    description: 'The incident date lies in the future.',
    docs: 'The incident date is not in the future.',
    examples: {
      ok: '---\ntitle: Cache outage\ndate: 2024-03-18\n---\n',
      notOk: '---\ntitle: Cache outage\ndate: 2025-12-01\n---\n',
      expected: ['3:1: Unexpected date 2025-12-01 in the future, expected a date on or before 2025-06-30'],
    },
  },
  check(postmortem, context) {
    if (postmortem.date === null || postmortem.date <= context.today) return;
    // A year out of range is `date-out-of-range`'s, reported instead.
    const year = yearOf(postmortem.date);
    if (year !== null && (year < firstYear || year > lastYear(context.today))) return;
    context.report({
      message: `Unexpected date ${postmortem.date} in the future, expected a date on or before ${context.today}`,
      ...frontmatterPlace(context, 'date'),
    });
  },
});
