/** An action item's due value that is not a `YYYY-MM-DD` date, reported by the action-items stage. */
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'action-item-unrecognised-due',
    severity: 'info',
    scope: 'file',
    description: 'An action item due value that is not a `YYYY-MM-DD` date.',
    examples: {
      ok: '---\ntitle: Cache outage\ndate: 2024-03-18\n---\n\n## Action items\n\n| Action | Owner | Due |\n| --- | --- | --- |\n| Size the cache | ops | 2024-04-30 |\n',
      notOk:
        '---\ntitle: Cache outage\ndate: 2024-03-18\n---\n\n## Action items\n\n| Action | Owner | Due |\n| --- | --- | --- |\n| Size the cache | ops | next sprint |\n',
      expected: ['10:24: Due date "next sprint" is not in YYYY-MM-DD form, so the action item keeps no due date.'],
    },
  },
});
