/** A postmortem that states no date, reported where the date is chosen (with where one was found instead). */
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'missing-date',
    severity: 'info',
    scope: 'file',
    description: 'A postmortem needs a date (frontmatter, `Date:` line or file-name prefix).',
    docs: 'A date in frontmatter, a `Date:` line or a `YYYY-MM-DD-` file-name prefix.',
    examples: {
      ok: '# Cache outage\n\n**Date:** 2024-03-18\n',
      notOk: '# Cache outage\n\nOn March 18th 2024 the cache fell over.\n',
      expected: [
        '1:1: Unexpected postmortem without a date, expected `date: YYYY-MM-DD` in frontmatter, a `Date:` line or a `YYYY-MM-DD-` file-name prefix; read 2024-03-18 from the introduction',
      ],
    },
  },
});
