/** Timeline entries out of order usually mean a wrong date, zone or typo. */
import { defineRule } from '../define-rule.js';

const page = (entries: string) => `---\ntitle: Cache outage\ndate: 2024-03-18\n---\n\n## Timeline (all times UTC)\n\n${entries}\n`;

export default defineRule({
  meta: {
    id: 'timeline-order',
    severity: 'warning',
    scope: 'file',
    description: 'Timeline entries must be in chronological order.',
    docs: 'Timeline entries are in chronological order.',
    examples: {
      ok: page('- 10:00 — cache evicts every key\n- 10:30 — limit added'),
      notOk: page('- 10:30 — limit added\n- 10:00 — cache evicts every key'),
      expected: ['9:1: Unexpected timeline entry at 2024-03-18T10:00:00Z after one at line 8 that is later, expected chronological order'],
    },
  },
  check(postmortem, context) {
    let previous: { at: number; line: number } | null = null;
    for (const entry of postmortem.timeline) {
      if (entry.at === null) continue;
      const at = Date.parse(entry.at);
      if (previous && at < previous.at) {
        context.report({
          message: `Unexpected timeline entry at ${entry.at} after one at line ${previous.line} that is later, expected chronological order`,
          line: entry.line,
        });
      }
      previous = { at, line: entry.line };
    }
  },
});
