/** A postmortem that states no title, reported where the title is chosen. */
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'missing-title',
    severity: 'warning',
    scope: 'file',
    description: 'A postmortem needs a title (frontmatter or `# H1`).',
    docs: 'A title in frontmatter or as `# H1`.',
    examples: {
      ok: '# Cache outage\n\nDate: 2024-03-18\n',
      notOk: '---\ndate: 2024-03-18\n---\n\n## Summary\n\nThe cache fell over.\n',
      expected: ['1:1: Unexpected postmortem without a title, expected `title:` in frontmatter or a `# Title` heading'],
    },
  },
});
