/** `related` or `duplicate_of` naming no incident: a typo or a renamed file. */
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'unknown-related',
    severity: 'warning',
    scope: 'corpus',
    description: '`related` or `duplicate_of` names no incident in the corpus.',
    docs: '`related` and `duplicate_of` name an incident of the corpus (by id or slug).',
    examples: {
      ok: { 'a.md': '---\ntitle: A\ndate: 2024-03-18\n---\n', 'b.md': '---\ntitle: B\ndate: 2024-03-19\nrelated: [a]\n---\n' },
      notOk: { 'a.md': '---\ntitle: A\ndate: 2024-03-18\n---\n', 'b.md': '---\ntitle: B\ndate: 2024-03-19\nrelated: [c]\n---\n' },
      expected: ['b.md:1:1: Unexpected `related: c`, expected the id or slug of an incident in the corpus'],
    },
  },
  check(postmortems, context) {
    const known = new Set(postmortems.flatMap((postmortem) => [postmortem.id, postmortem.slug]));
    for (const postmortem of postmortems) {
      if (context.overBudget()) return;
      const targets = [
        ...postmortem.related.map((id) => ['related', id] as const),
        ...(postmortem.duplicateOf ? [['duplicate_of', postmortem.duplicateOf] as const] : []),
      ];
      for (const [key, id] of targets) {
        if (!known.has(id)) context.report(postmortem, { message: `Unexpected \`${key}: ${id}\`, expected the id or slug of an incident in the corpus` });
      }
    }
  },
});
