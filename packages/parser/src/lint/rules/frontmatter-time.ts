/** A phase time in the frontmatter that is not a date-time, reported where the times are read. */
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'frontmatter-time',
    severity: 'error',
    scope: 'file',
    description: '`started_at`, `detected_at`, `mitigated_at`, `resolved_at` must be valid date-times.',
    docs: '`started_at`, `detected_at`, `mitigated_at`, `resolved_at` are valid date-times.',
    examples: {
      ok: '---\ntitle: Cache outage\ndate: 2024-03-18\nstarted_at: 2024-03-18T10:00:00Z\n---\n',
      notOk: '---\ntitle: Cache outage\ndate: 2024-03-18\nstarted_at: yesterday afternoon\n---\n',
      expected: [
        '4:1: Unexpected `started_at: yesterday afternoon`: Unexpected `yesterday afternoon`, expected a date-time such as `2021-10-30T12:45:00-08:00` or `2021-10-30 12:45 PST`',
      ],
    },
  },
});
