/** HTML blocks that hold text: an export kept as HTML renders nothing and gives no data. Reported by the parse stage. */
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'raw-html',
    severity: 'warning',
    scope: 'file',
    description:
      'HTML blocks with text in them (`<h2>`, `<p>`, `<table>` of an export): their headings, paragraphs, lists, tables and images are read as markdown, other markup is dropped; convert the export with `postmortem import`.',
    examples: {
      ok: '---\ntitle: Cache outage\ndate: 2024-03-18\n---\n\n## Summary\n\nThe cache evicted every key.\n\n<img src="./graph.png" alt="Hit ratio">\n',
      notOk: '---\ntitle: Cache outage\ndate: 2024-03-18\n---\n\n<h2>Summary</h2>\n<p>The cache evicted every key.</p>\n',
      expected: [
        '6:1: Unexpected HTML block `<h2>` with text (1 such block in the file), expected markdown; its headings, paragraphs, lists, tables and images are read as markdown and the rest of its markup is dropped — convert an HTML export with `postmortem import`',
      ],
    },
  },
});
