/**
 * HTML blocks that carry text. The renderer does not pass raw HTML through (only lone `<img>`
 * tags, sanitised, survive); their headings, paragraphs, lists and tables are read as markdown
 * (html-blocks.ts) but the rest of the markup is lost, so they are reported once, at the first,
 * with the count.
 */
import type { Root } from 'mdast';
import type { DiagnosticSink } from './diagnostics.js';
import { htmlHasText } from './html-blocks.js';

export function reportRawHtml(tree: Root, sink: DiagnosticSink): void {
  let first: { tag: string; line: number; column: number } | null = null;
  let count = 0;
  for (const node of tree.children) {
    if (node.type !== 'html' || !htmlHasText(node.value)) continue;
    count += 1;
    if (first === null) {
      const tag = /<[a-z][a-z0-9-]{0,20}/i.exec(node.value)?.[0] ?? '<';
      first = { tag: `${tag}>`, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
    }
  }
  if (first === null) return;
  sink.report(
    'raw-html',
    `Unexpected HTML block \`${first.tag}\` with text (${count} such block${count === 1 ? '' : 's'} in the file), expected markdown; its headings, paragraphs, lists, tables and images are read as markdown and the rest of its markup is dropped — convert an HTML export with \`postmortem import\``,
    { line: first.line, column: first.column },
  );
}
