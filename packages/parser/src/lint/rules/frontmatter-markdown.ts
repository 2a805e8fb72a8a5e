/** A first `---` line over markdown, closed by another `---` further down: thematic breaks, not frontmatter. */
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'frontmatter-markdown',
    severity: 'warning',
    scope: 'file',
    description: 'A file that opens with `---` has YAML frontmatter below it, not markdown.',
    docs: 'A file that opens with `---` has YAML frontmatter below it; when a markdown heading follows and the block is not YAML, both `---` lines are read as thematic breaks and the whole file as markdown.',
    examples: {
      ok: '---\ntitle: Cache outage\ndate: 2024-03-18\n---\n\n## Summary\n\nThe cache fell over.\n',
      notOk: '---\n\n# Cache outage\n\n**Date:** 2024-03-18\n\n## Summary\n\nThe cache fell over.\n\n---\n',
      expected: [
        '1:1: Unexpected markdown between the `---` on line 1 and the one on line 11, expected YAML frontmatter; both are read as thematic breaks and the whole file as markdown',
      ],
    },
  },
});
