/** A timeline date that is not in the calendar, reported by the timeline stage. */
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'timeline-invalid-date',
    severity: 'warning',
    scope: 'file',
    description: 'A timeline date that is not in the calendar (`2021-02-30`).',
    examples: {
      ok: '---\ntitle: Cache outage\ndate: 2024-02-29\n---\n\n## Timeline (all times UTC)\n\n- 2024-02-29 10:00 — cache evicts every key\n',
      notOk: '---\ntitle: Cache outage\ndate: 2024-02-28\n---\n\n## Timeline (all times UTC)\n\n- 2021-02-30 10:00 — cache evicts every key\n',
      expected: ['8:3: Unexpected date `2021-02-30`, expected a calendar date such as `2021-10-30` or `Oct 30, 2021`'],
    },
  },
});
