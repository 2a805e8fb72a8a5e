/** A timeline entry far outside the incident's start and end is most likely a wrong date. */
import { defineRule } from '../define-rule.js';
import { phaseTime } from '../../lib/metrics.js';

const hour = 3_600_000;
const page = (entry: string) =>
  `---\ntitle: Cache outage\ndate: 2024-03-18\nstarted_at: 2024-03-18T10:00:00Z\nresolved_at: 2024-03-18T11:00:00Z\n---\n\n## Timeline (all times UTC)\n\n${entry}\n`;

export default defineRule({
  meta: {
    id: 'timeline-outside-window',
    severity: 'warning',
    scope: 'file',
    description: 'A timeline entry more than a day before the start or a week after the end of the incident.',
    docs: 'No timeline entry more than a day before the start or a week after the end of the incident.',
    examples: {
      ok: page('- 2024-03-20 09:00 — follow-up review'),
      notOk: page('- 2024-04-20 09:00 — follow-up review'),
      expected: [
        '10:1: Unexpected timeline entry at 2024-04-20T09:00:00Z outside the incident (2024-03-18T10:00:00Z to 2024-03-18T11:00:00Z), expected it within a day before the start and a week after the end',
      ],
    },
  },
  check(postmortem, context) {
    const started = phaseTime(postmortem, 'started');
    const resolved = phaseTime(postmortem, 'resolved');
    if (!started || !resolved) return;
    const from = Date.parse(started) - 24 * hour;
    const to = Date.parse(resolved) + 7 * 24 * hour;
    for (const entry of postmortem.timeline) {
      if (entry.at === null) continue;
      const at = Date.parse(entry.at);
      if (at < from || at > to) {
        context.report({
          message: `Unexpected timeline entry at ${entry.at} outside the incident (${started} to ${resolved}), expected it within a day before the start and a week after the end`,
          line: entry.line,
        });
      }
    }
  },
});
