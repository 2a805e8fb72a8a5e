/** A taxonomy entry without the fields every category needs, reported while the taxonomy is read. */
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'taxonomy-schema',
    severity: 'error',
    scope: 'taxonomy',
    description: 'taxonomy.yaml categories need id, label, description, synonyms.',
    docs: 'Each taxonomy category has `id`, `label`, `description`, `synonyms`.',
    examples: {
      ok: 'categories:\n  - id: dns\n    label: DNS\n    description: Name resolution.\n    synonyms: []\n',
      notOk: 'categories:\n  - id: dns\n    description: Name resolution.\n    synonyms: []\n',
      expected: ['2:5: Unexpected value at `categories.0.label`: Required; expected { id, label, description, synonyms }'],
    },
  },
});
