/** An unquoted frontmatter value holding `: ` (`title: Post-mortem: DNS outage`), read as the line's text. */
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'frontmatter-unquoted-colon',
    severity: 'warning',
    scope: 'file',
    description: 'A frontmatter value with `: ` in it is quoted (`title: "Post-mortem: DNS outage"`).',
    docs: 'A frontmatter value with `: ` in it is quoted (`title: "Post-mortem: DNS outage"`); unquoted, YAML cannot read the block, and the value is read as the text after the key.',
    examples: {
      ok: '---\ntitle: "Post-mortem: DNS outage"\ndate: 2024-03-18\n---\n',
      notOk: '---\ntitle: Post-mortem: DNS outage\ndate: 2024-03-18\n---\n',
      expected: [
        '2:8: Unexpected `: ` in the unquoted value of `title`, expected the value quoted (`title: "Post-mortem: DNS outage"`); read as the text after `title:`',
      ],
    },
  },
});
