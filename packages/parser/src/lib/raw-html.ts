/**
 * HTML blocks that carry text. The renderer does not pass raw HTML through (only lone `<img>`
 * tags, sanitised, survive), so such a block would vanish from the page without a word: it is
 * reported once, at the first, with the count.
 */
import type { Root } from 'mdast';
import type { DiagnosticSink } from './diagnostics.js';

const tagPattern = /<[^<>]{0,2000}>/g;
const commentPattern = /^\s*<!--/;

export function reportRawHtml(tree: Root, sink: DiagnosticSink): void {
  let first: { tag: string; line: number; column: number } | null = null;
  let count = 0;
  for (const node of tree.children) {
    if (node.type !== 'html' || commentPattern.test(node.value)) continue;
    if (node.value.replace(tagPattern, '').trim() === '') continue;
    count += 1;
    if (first === null) {
      const tag = /<[a-z][a-z0-9-]{0,20}/i.exec(node.value)?.[0] ?? '<';
      first = { tag: `${tag}>`, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
    }
  }
  if (first === null) return;
  sink.report(
    'raw-html',
    `Unexpected HTML block \`${first.tag}\` with text (${count} such block${count === 1 ? '' : 's'} in the file), expected markdown; HTML is not rendered and gives no sections, timeline or action items — convert an HTML export with \`postmortem import\``,
    { line: first.line, column: first.column },
  );
}
