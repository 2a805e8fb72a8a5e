/** A category or trigger id written twice in `taxonomy.yaml`, reported while the taxonomy is read. */
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'taxonomy-duplicate-id',
    severity: 'error',
    scope: 'taxonomy',
    description: 'A category id appears twice in taxonomy.yaml.',
    docs: 'No category or trigger id appears twice in `taxonomy.yaml`.',
    examples: {
      ok: 'categories:\n  - id: dns\n    label: DNS\n    description: Name resolution.\n    synonyms: []\n  - id: cache\n    label: Cache\n    description: Caches.\n    synonyms: []\n',
      notOk:
        'categories:\n  - id: dns\n    label: DNS\n    description: Name resolution.\n    synonyms: []\n  - id: dns\n    label: DNS again\n    description: A second entry.\n    synonyms: []\n',
      expected: ['6:9: Unexpected duplicate category id `dns`, expected each id once'],
    },
  },
});
