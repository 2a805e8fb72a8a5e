/** A frontmatter value the schema refuses, reported by the frontmatter stage at the key's line. */
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'frontmatter-schema',
    severity: 'error',
    scope: 'file',
    description: 'Frontmatter values must match the schema (e.g. `status` is draft, in-review or final).',
    docs: 'Frontmatter values match the schema (e.g. `status` is draft, in-review or final).',
    examples: {
      ok: '---\ntitle: Cache outage\ndate: 2024-03-18\nstatus: final\n---\n',
      notOk: '---\ntitle: Cache outage\ndate: 2024-03-18\nstatus: done\n---\n',
      expected: ['4:1: Unexpected `status` value `"done"`, expected one of draft, in-review, final'],
    },
  },
});
