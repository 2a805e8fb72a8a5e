/** `taxonomy.yaml` that is not YAML (or too large), reported while the taxonomy is read. */
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'taxonomy-yaml',
    severity: 'error',
    scope: 'taxonomy',
    description: 'taxonomy.yaml must be valid YAML.',
    docs: '`taxonomy.yaml` is valid YAML (at most 1 MB, nesting at most 16 deep, at most 50,000 keys and values, no duplicate keys).',
    examples: {
      ok: 'categories:\n  - id: dns\n    label: DNS\n    description: Name resolution.\n    synonyms: []\n',
      notOk: 'categories:\n  - id: dns\n    label: [DNS\n',
      expected: ['4:1: Invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    },
  },
});
