/** Two postmortems with one `id`: links and related incidents could point at either. */
import { defineRule } from '../define-rule.js';
import { eachWithOthers, groupPostmortems } from '../corpus-groups.js';

export default defineRule({
  meta: {
    id: 'duplicate-id',
    severity: 'error',
    scope: 'corpus',
    description: 'Two postmortems share an `id`.',
    docs: 'No two postmortems share an `id`.',
    examples: {
      ok: { 'a.md': '---\nid: cache-1\ntitle: A\ndate: 2024-03-18\n---\n', 'b.md': '---\nid: cache-2\ntitle: B\ndate: 2024-03-19\n---\n' },
      notOk: { 'a.md': '---\nid: cache-1\ntitle: A\ndate: 2024-03-18\n---\n', 'b.md': '---\nid: cache-1\ntitle: B\ndate: 2024-03-19\n---\n' },
      expected: [
        'a.md:1:1: Unexpected duplicate id `cache-1` (also used by b.md), expected ids unique across the corpus',
        'b.md:1:1: Unexpected duplicate id `cache-1` (also used by a.md), expected ids unique across the corpus',
      ],
    },
  },
  check(postmortems, context) {
    for (const [id, owners] of groupPostmortems(postmortems, (postmortem) => postmortem.id)) {
      if (context.overBudget()) return;
      for (const [postmortem, others] of eachWithOthers(owners)) {
        context.report(postmortem, { message: `Unexpected duplicate id \`${id}\` (also used by ${others}), expected ids unique across the corpus` });
      }
    }
  },
});
