/** A `trigger` the taxonomy does not list among its triggers. */
import { defineRule, frontmatterPlace } from '../define-rule.js';
import { exampleTaxonomy } from '../example-taxonomy.js';
import { suggestTrigger } from '../../lib/taxonomy-match.js';

export default defineRule({
  meta: {
    id: 'unknown-trigger',
    severity: 'warning',
    scope: 'file',
    description: 'A `trigger` that is not one of the triggers in taxonomy.yaml (with the closest known one).',
    docs: '`trigger` is one of the `triggers` in `taxonomy.yaml` (the message suggests the closest one, matching labels and synonyms too).',
    examples: {
      taxonomy: exampleTaxonomy,
      ok: '---\ntitle: Cache outage\ndate: 2024-03-18\ntrigger: deploy\n---\n',
      notOk: '---\ntitle: Cache outage\ndate: 2024-03-18\ntrigger: release\n---\n',
      expected: ['4:1: Unexpected trigger `release`, expected a trigger id from taxonomy.yaml (did you mean `deploy`?)'],
    },
  },
  check(postmortem, context) {
    const { taxonomy } = context;
    const trigger = postmortem.triggerCategory;
    // A taxonomy without triggers (an older project's) has nothing to check against.
    if (!taxonomy || trigger === null || taxonomy.triggers.length === 0 || taxonomy.triggers.some((known) => known.id === trigger)) return;
    const suggestion = suggestTrigger(trigger, taxonomy);
    context.report({
      message: `Unexpected trigger \`${trigger}\`, expected a trigger id from taxonomy.yaml${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
      ...frontmatterPlace(context, 'trigger'),
    });
  },
});
