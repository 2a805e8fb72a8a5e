/** A `date` that is not a calendar date, reported where the frontmatter's dates are read. */
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'frontmatter-date',
    severity: 'error',
    scope: 'file',
    description: '`date` must be a calendar date `YYYY-MM-DD`.',
    docs: '`date` is a calendar date `YYYY-MM-DD`.',
    examples: {
      ok: '---\ntitle: Cache outage\ndate: 2024-02-29\n---\n',
      notOk: '---\ntitle: Cache outage\ndate: 2023-02-29\n---\n',
      expected: ['3:1: Unexpected `date: 2023-02-29`, expected a calendar date `YYYY-MM-DD` or a month `YYYY-MM`'],
    },
  },
});
