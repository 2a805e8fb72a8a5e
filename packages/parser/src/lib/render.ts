/**
 * Renders the already-parsed markdown tree to HTML that is safe to put in a page:
 * raw HTML in the source is not passed through (remark-rehype without
 * `allowDangerousHtml`) and rehype-sanitize (GitHub's schema) runs last, so no
 * `<script>`, event handler or `javascript:` URL survives.
 */
import type { Element, Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype, { defaultHandlers } from 'remark-rehype';
import { unified } from 'unified';

type ListItemHandler = typeof defaultHandlers.listItem;

/**
 * mdast-util-to-hast decides whether a list is loose once per item by scanning all the
 * list's items: quadratic (40,000 `- x` lines took seconds). We decide once per list and
 * hand the default handler a childless stand-in with the same answer; output is identical.
 */
const looseLists = new WeakMap<object, { type: 'list'; spread: boolean; children: [] }>();
const listItem: ListItemHandler = (state, node, parent) => {
  if (parent?.type !== 'list') return defaultHandlers.listItem(state, node, parent);
  let standIn = looseLists.get(parent);
  if (!standIn) {
    const loose = Boolean(parent.spread) || parent.children.some((item) => (item.spread ?? item.children.length > 1));
    standIn = { type: 'list', spread: loose, children: [] };
    looseLists.set(parent, standIn);
  }
  return defaultHandlers.listItem(state, node, standIn);
};

/**
 * GFM task lists render as bare disabled checkboxes, which have no accessible name (axe
 * `label`, critical): name them `done` or `open`. Runs after sanitizing and adds only these
 * two constant attribute values.
 */
function labelTaskCheckboxes() {
  return (tree: HastRoot) => {
    const stack: Array<HastRoot | Element> = [tree];
    while (stack.length > 0) {
      const node = stack.pop()!;
      for (const child of node.children) {
        if (child.type !== 'element') continue;
        if (child.tagName === 'input' && child.properties.type === 'checkbox') child.properties.ariaLabel = child.properties.checked ? 'done' : 'open';
        else stack.push(child);
      }
    }
  };
}

const pipeline = unified().use(remarkRehype, { handlers: { listItem } }).use(rehypeSanitize).use(labelTaskCheckboxes).use(rehypeStringify).freeze();

/** Reuses the mdast tree from parsing: the markdown is never parsed twice. */
export function renderHtml(tree: Root): string {
  const hast = pipeline.runSync(tree);
  return pipeline.stringify(hast);
}
