/** A Lessons heading with nothing under it. */
import { defineRule } from '../define-rule.js';
import { topSectionsOf } from '../../lib/sections.js';

export default defineRule({
  meta: {
    id: 'empty-lessons',
    severity: 'warning',
    scope: 'file',
    description: 'A Lessons section with nothing in it.',
    docs: 'A Lessons section is not empty.',
    examples: {
      ok: '---\ntitle: Cache outage\ndate: 2024-03-18\n---\n\n## Lessons learned\n\n- Alerts on eviction rate work.\n',
      notOk: '---\ntitle: Cache outage\ndate: 2024-03-18\n---\n\n## Lessons learned\n',
      expected: ['6:1: Unexpected empty “Lessons learned” section, expected what went well, what went wrong or where you got lucky'],
    },
  },
  check(_postmortem, context) {
    if (!context.parsed) return;
    for (const section of topSectionsOf(context.parsed.sections, 'lessons')) {
      if (section.scope.length > 0) continue;
      context.report({
        message: `Unexpected empty “${section.heading}” section, expected what went well, what went wrong or where you got lucky`,
        line: section.line,
        column: section.column,
      });
    }
  },
});
