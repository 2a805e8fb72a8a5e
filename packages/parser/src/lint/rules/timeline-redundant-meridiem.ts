/** A 24-hour time followed by `PM`, read as the 24-hour time by the timeline stage. */
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'timeline-redundant-meridiem',
    severity: 'info',
    scope: 'file',
    description: 'A 24-hour timeline time followed by `PM` (`13:55 PM`), read as the 24-hour time.',
    examples: {
      ok: '---\ntitle: Cache outage\ndate: 2024-03-18\n---\n\n## Timeline (all times UTC)\n\n- 1:55 PM — cache evicts every key\n',
      notOk: '---\ntitle: Cache outage\ndate: 2024-03-18\n---\n\n## Timeline (all times UTC)\n\n- 13:55 PM — cache evicts every key\n',
      expected: ['8:3: Unexpected `PM` after the 24-hour time `13:55 PM`, read as 13:55; expected `13:55` or `1:55 PM`'],
    },
  },
});
