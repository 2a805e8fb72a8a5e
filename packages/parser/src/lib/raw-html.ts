/**
 * HTML blocks that carry text. The renderer does not pass raw HTML through (only lone `<img>`
 * tags, sanitised, survive); their headings, paragraphs, lists and tables are read as markdown
 * (html-blocks.ts) but the rest of the markup is lost, so they are reported once, at the first,
 * with the count.
 */
import type { Html } from 'mdast';
import type { DiagnosticSink } from './diagnostics.js';

/** `blocks`: the HTML blocks with text that `readHtmlBlocks` read as markdown, in document order. */
export function reportRawHtml(blocks: readonly Html[], sink: DiagnosticSink): void {
  const node = blocks[0];
  if (node === undefined) return;
  const count = blocks.length;
  const tag = /<[a-z][a-z0-9-]{0,20}/i.exec(node.value)?.[0] ?? '<';
  sink.report(
    'raw-html',
    `Unexpected HTML block \`${tag}>\` with text (${count} such block${count === 1 ? '' : 's'} in the file), expected markdown; its headings, paragraphs, lists, tables and images are read as markdown and the rest of its markup is dropped — convert an HTML export with \`postmortem import\``,
    { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 },
  );
}
