/** Timeline times written without any zone, read as UTC by the timeline stage. */
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'timeline-no-zone',
    severity: 'info',
    scope: 'file',
    description: 'Timeline times without a zone are read as UTC.',
    docs: 'Timeline times without a zone, read as UTC.',
    examples: {
      ok: '---\ntitle: Cache outage\ndate: 2024-03-18\n---\n\n## Timeline (all times UTC)\n\n- 10:00 — cache evicts every key\n',
      notOk: '---\ntitle: Cache outage\ndate: 2024-03-18\n---\n\n## Timeline\n\n- 10:00 — cache evicts every key\n',
      expected: [
        '6:1: Unexpected timeline times without a time zone, expected a zone on the times (`14:05 UTC`), a note such as "All times UTC" or `timezone` in the frontmatter; assuming UTC',
      ],
    },
  },
});
