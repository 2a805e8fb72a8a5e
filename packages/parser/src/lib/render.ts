/**
 * Renders the already-parsed markdown tree to HTML that is safe to put in a page:
 * raw HTML in the source is not passed through (remark-rehype without
 * `allowDangerousHtml`) and rehype-sanitize (GitHub's schema) runs last, so no
 * `<script>`, event handler or `javascript:` URL survives.
 */
import type { Root } from 'mdast';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const pipeline = unified().use(remarkRehype).use(rehypeSanitize).use(rehypeStringify).freeze();

/** Reuses the mdast tree from parsing: the markdown is never parsed twice. */
export function renderHtml(tree: Root): string {
  const hast = pipeline.runSync(tree);
  return pipeline.stringify(hast);
}
