/** Timeline times with no date anywhere to place them, reported by the timeline stage. */
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'timeline-no-date',
    severity: 'info',
    scope: 'file',
    description: 'Timeline times without any date cannot be placed.',
    docs: 'Timeline times without any date, which cannot be placed.',
    examples: {
      ok: '---\ntitle: Cache outage\ndate: 2024-03-18\n---\n\n## Timeline (all times UTC)\n\n- 10:00 — cache evicts every key\n',
      notOk: '---\ntitle: Cache outage\n---\n\n## Timeline (all times UTC)\n\n- 10:00 — cache evicts every key\n',
      expected: [
        '5:1: Unexpected timeline times without a date, expected a date heading (`### 2021-10-30`), a date on the entries or `date` in the frontmatter; their `at` is left empty',
      ],
    },
  },
});
