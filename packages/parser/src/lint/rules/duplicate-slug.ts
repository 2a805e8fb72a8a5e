/** Two files whose names give one URL slug: both would want `/incidents/<slug>/`. */
import { defineRule } from '../define-rule.js';
import { eachWithOthers, groupPostmortems } from '../corpus-groups.js';
import { fileBaseName } from '../../lib/url-slug.js';

export default defineRule({
  meta: {
    id: 'duplicate-slug',
    severity: 'error',
    scope: 'corpus',
    description: 'Two postmortems in different directories share a file name (one page per slug).',
    docs: 'No two postmortems in different directories share a file name with different ids (each incident gets one page, `/incidents/<slug>/`).',
    examples: {
      ok: { 'api/outage.md': '---\ntitle: A\ndate: 2024-03-18\n---\n', 'web/outage-2.md': '---\ntitle: B\ndate: 2024-03-19\n---\n' },
      notOk: {
        'api/outage.md': '---\nid: api-outage\ntitle: A\ndate: 2024-03-18\n---\n',
        'web/outage.md': '---\nid: web-outage\ntitle: B\ndate: 2024-03-19\n---\n',
      },
      expected: [
        'api/outage.md:1:1: Unexpected duplicate file name `outage.md` (also web/outage.md), expected one file per slug (one page per incident)',
        'web/outage.md:1:1: Unexpected duplicate file name `outage.md` (also api/outage.md), expected one file per slug (one page per incident)',
      ],
    },
  },
  check(postmortems, context) {
    for (const [slug, owners] of groupPostmortems(postmortems, (postmortem) => postmortem.slug)) {
      if (context.overBudget()) return;
      // Equal ids are reported by duplicate-id.
      if (new Set(owners.map((postmortem) => postmortem.id)).size < owners.length) continue;
      const sameName = new Set(owners.map((postmortem) => fileBaseName(postmortem.path))).size === 1;
      for (const [postmortem, others] of eachWithOthers(owners)) {
        const name = fileBaseName(postmortem.path);
        context.report(postmortem, {
          message: sameName
            ? `Unexpected duplicate file name \`${name}.md\` (also ${others}), expected one file per slug (one page per incident)`
            : `Unexpected file name \`${name}.md\` whose URL slug \`${slug}\` is also that of ${others}, expected one file per slug (one page per incident; a slug keeps a-z, 0-9 and -)`,
        });
      }
    }
  },
});
