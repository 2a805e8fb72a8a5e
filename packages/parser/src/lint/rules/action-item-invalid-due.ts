/** An action item's due (or done) date that is not a calendar date, reported by the action-items stage. */
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'action-item-invalid-due',
    severity: 'warning',
    scope: 'file',
    description: 'An action item due date that is not a calendar date.',
    examples: {
      ok: '---\ntitle: Cache outage\ndate: 2024-03-18\n---\n\n## Action items\n\n- [ ] Size the cache @ops due 2024-04-30\n',
      notOk: '---\ntitle: Cache outage\ndate: 2024-03-18\n---\n\n## Action items\n\n- [ ] Size the cache @ops due 2024-04-31\n',
      expected: ['8:1: Due date "2024-04-31" is not a valid calendar date; expected a real date as YYYY-MM-DD.'],
    },
  },
});
