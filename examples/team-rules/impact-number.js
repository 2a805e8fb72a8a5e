// A team rule: the customer impact must state a number (users, requests, minutes, percent).
// Listed in the configuration as `"plugins": ["examples/team-rules/impact-number.js"]`.
import { defineRule } from '@postmortem-kb/parser';

export default defineRule({
  meta: {
    id: 'team/impact-number',
    severity: 'warning',
    scope: 'file',
    description: 'The Impact section states a number: how many users, requests or minutes.',
  },
  check(postmortem, context) {
    const impact = postmortem.sections.find((section) => section.kind === 'impact');
    if (impact === undefined || /\d/.test(postmortem.impact.text)) return;
    context.report({ message: 'Unexpected impact without a number, expected how many users, requests or minutes were affected', line: impact.line, column: 1 });
  },
});
