/** An open action item nobody owns is one nobody does. */
import { defineRule } from '../define-rule.js';
import { clip } from '../../lib/text.js';

const page = (item: string) => `---\ntitle: Cache outage\ndate: 2024-03-18\n---\n\n## Action items\n\n${item}\n`;

export default defineRule({
  meta: {
    id: 'action-item-owner',
    severity: 'warning',
    scope: 'file',
    description: 'An open action item needs an owner (`@handle` or `owner: name`).',
    docs: 'An open action item has an owner (`@handle` or `owner: name`).',
    examples: {
      ok: page('- [ ] Add an eviction limit @ops\n- [x] Roll back the deploy'),
      notOk: page('- [ ] Add an eviction limit'),
      expected: ['8:1: Unexpected action item without an owner, expected `@handle` or `owner: name` in “Add an eviction limit”'],
    },
  },
  check(postmortem, context) {
    for (const item of postmortem.actionItems) {
      if (item.status === 'done' || item.owner !== null) continue;
      context.report({
        message: `Unexpected action item without an owner, expected \`@handle\` or \`owner: name\` in “${clip(item.text, 60)}”`,
        line: item.line,
      });
    }
  },
});
