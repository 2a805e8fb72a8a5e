/** A root-cause category the taxonomy does not know: a typo, or a category to add to it. */
import { defineRule, frontmatterPlace } from '../define-rule.js';
import { exampleTaxonomy } from '../example-taxonomy.js';
import { suggestCategory } from '../../lib/taxonomy-match.js';

export default defineRule({
  meta: {
    id: 'unknown-category',
    severity: 'warning',
    scope: 'file',
    description: 'A root-cause category that is not in taxonomy.yaml (with the closest known one).',
    docs: 'Every `categories` id is in `taxonomy.yaml` (the message suggests the closest one).',
    examples: {
      taxonomy: exampleTaxonomy,
      ok: '---\ntitle: Cache outage\ndate: 2024-03-18\ncategories: [capacity]\n---\n',
      notOk: '---\ntitle: Cache outage\ndate: 2024-03-18\ncategories: [capacty]\n---\n',
      expected: ['4:1: Unexpected category `capacty`, expected an id from taxonomy.yaml (did you mean `capacity`?)'],
    },
  },
  check(postmortem, context) {
    const { taxonomy } = context;
    if (!taxonomy) return;
    const known = new Set(taxonomy.categories.map((category) => category.id));
    for (const id of postmortem.categories) {
      if (known.has(id)) continue;
      const suggestion = suggestCategory(id, taxonomy);
      context.report({
        message: `Unexpected category \`${id}\`, expected an id from taxonomy.yaml${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
        ...frontmatterPlace(context, 'categories'),
      });
    }
  },
});
