/** An incident cannot end before it starts: one of the two times is wrong. */
import { defineRule, frontmatterPlace } from '../define-rule.js';
import { phaseTime } from '../../lib/metrics.js';

const page = (resolved: string) => `---\ntitle: Cache outage\ndate: 2024-03-18\nstarted_at: 2024-03-18T10:00:00Z\nresolved_at: ${resolved}\n---\n`;

export default defineRule({
  meta: {
    id: 'resolved-before-started',
    severity: 'error',
    scope: 'file',
    description: 'The incident cannot end before it starts.',
    docs: 'The incident does not end before it starts.',
    examples: {
      ok: page('2024-03-18T11:00:00Z'),
      notOk: page('2024-03-18T09:00:00Z'),
      expected: ['5:1: Unexpected end 2024-03-18T09:00:00Z before start 2024-03-18T10:00:00Z, expected the incident to end after it starts'],
    },
  },
  check(postmortem, context) {
    const started = phaseTime(postmortem, 'started');
    const resolved = phaseTime(postmortem, 'resolved');
    if (!started || !resolved || Date.parse(resolved) >= Date.parse(started)) return;
    context.report({
      message: `Unexpected end ${resolved} before start ${started}, expected the incident to end after it starts`,
      ...frontmatterPlace(context, 'resolved_at', 'end_time', 'ended'),
    });
  },
});
