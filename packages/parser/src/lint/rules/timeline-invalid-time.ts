/** A timeline time that cannot be valid, reported by the timeline stage; the entry is kept with `at: null`. */
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'timeline-invalid-time',
    severity: 'warning',
    scope: 'file',
    description: 'A timeline time that cannot be valid (`25:10`, `13:61`, `13:55 AM`).',
    examples: {
      ok: '---\ntitle: Cache outage\ndate: 2024-03-18\n---\n\n## Timeline (all times UTC)\n\n- 23:10 — cache evicts every key\n',
      notOk: '---\ntitle: Cache outage\ndate: 2024-03-18\n---\n\n## Timeline (all times UTC)\n\n- 25:10 — cache evicts every key\n',
      expected: ['8:3: Unexpected time `25:10`, expected a valid time of day such as `14:05` or `2:05 PM`'],
    },
  },
});
