/** "Human error" ends the inquiry where it should start: name the gap that let the mistake through. */
import { defineRule } from '../define-rule.js';
import { topSectionsOf } from '../../lib/sections.js';

const blamePhrase = /\b(?:human|operator|user|engineer|pilot|employee)[\s-]+error\b/i;
const page = (cause: string) => `---\ntitle: Cache outage\ndate: 2024-03-18\n---\n\n## Root cause\n\n${cause}\n`;

export default defineRule({
  meta: {
    id: 'blameless-root-cause',
    severity: 'warning',
    scope: 'file',
    description: '"Human error" is not a root cause: name the process or system gap that allowed it.',
    docs: 'The root cause does not say "human error" (or operator/user/engineer error): name the process or system gap.',
    examples: {
      ok: page('The deploy tool let a change skip review.'),
      notOk: page('Operator error during the deploy.'),
      expected: ['6:1: Unexpected “Operator error” as a root cause, expected the process or system gap that made the mistake possible (blameless review)'],
    },
  },
  check(postmortem, context) {
    if (!context.parsed) return;
    const text = postmortem.rootCauses.map((cause) => cause.text).join('\n');
    const match = blamePhrase.exec(text);
    if (!match) return;
    for (const section of topSectionsOf(context.parsed.sections, 'rootCause')) {
      context.report({
        message: `Unexpected “${match[0]}” as a root cause, expected the process or system gap that made the mistake possible (blameless review)`,
        line: section.line,
        column: section.column,
      });
    }
  },
});
