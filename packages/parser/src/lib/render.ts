/**
 * Renders the already-parsed markdown tree to HTML that is safe to put in a page:
 * raw HTML in the source is not passed through (remark-rehype without
 * `allowDangerousHtml`) and rehype-sanitize (GitHub's schema) runs last, so no
 * `<script>`, event handler or `javascript:` URL survives.
 */
import type { Element, Root as HastRoot } from 'hast';
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype, { defaultHandlers } from 'remark-rehype';
import { unified } from 'unified';
import { addHeadingAnchors } from './heading-anchors.js';
import { rewriteImages, withRawImages, type PostmortemImage } from './images.js';
import { foldRecognisedBlocks, type RecognisedBlocks } from './recognised-blocks.js';
import { collapse } from './text.js';

type ListItemHandler = typeof defaultHandlers.listItem;
type HeadingHandler = typeof defaultHandlers.heading;

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
    const loose = Boolean(parent.spread) || parent.children.some((item) => item.spread ?? item.children.length > 1);
    standIn = { type: 'list', spread: loose, children: [] };
    looseLists.set(parent, standIn);
  }
  return defaultHandlers.listItem(state, node, standIn);
};

/**
 * mdast-util-to-hast names a heading's element `'h' + depth`, a new string each time; once the
 * sanitizer looks that name up, V8 makes it a "thin" string, which `Array#join` counts as two
 * bytes a character: every piece of HTML around a heading, and so the page's whole HTML, came
 * out two bytes a character even when all its characters fit in one (4 KB more per kept
 * postmortem, and twice the bytes copied while joining). The literal names are one-byte.
 */
const headingTagNames = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const heading: HeadingHandler = (state, node) => {
  const element = defaultHandlers.heading(state, node);
  const literal = headingTagNames[node.depth - 1];
  if (element.type === 'element' && literal !== undefined && element.tagName === literal) element.tagName = literal;
  return element;
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

const pipeline = unified().use(remarkRehype, { handlers: { heading, listItem } }).use(rehypeSanitize).use(labelTaskCheckboxes).use(rehypeStringify).freeze();

export interface RenderOptions {
  /** The postmortem's title, which the page shows: a first body `# H1` equal to it is not rendered again. */
  title?: string;
  /** Blocks the parser read as a timeline or action items: folded into a `<details>` (see recognised-blocks.ts). */
  recognised?: readonly RecognisedBlocks[];
  /** Receives the relative images, whose `src` is rewritten to `media/…` (see images.ts). */
  images?: PostmortemImage[];
}

/**
 * Reuses the mdast tree from parsing: the markdown is never parsed twice. The page's own
 * title is the only `<h1>`: a body H1 repeating it is dropped, and when other H1s remain every
 * body heading moves one level down (an H6 stays an H6). The tree itself is not changed.
 * Headings get ids and link anchors; `recognised` blocks are folded.
 */
export function renderHtml(tree: Root, options: RenderOptions = {}): string {
  const hast = pipeline.runSync(pageLevelTree(withRawImages(tree), options.title));
  options.images?.push(...rewriteImages(hast));
  foldRecognisedBlocks(hast, options.recognised ?? []);
  addHeadingAnchors(hast);
  return pipeline.stringify(hast);
}

function pageLevelTree(tree: Root, title: string | undefined): Root {
  const normalise = (text: string) => collapse(text).toLowerCase();
  const firstH1 = tree.children.findIndex((node) => node.type === 'heading' && node.depth === 1);
  const repeatsTitle = firstH1 !== -1 && title !== undefined && normalise(toString(tree.children[firstH1]!)) === normalise(title);
  const children = repeatsTitle ? tree.children.filter((_, index) => index !== firstH1) : tree.children;
  if (!children.some((node) => node.type === 'heading' && node.depth === 1)) return repeatsTitle ? { ...tree, children } : tree;
  return {
    ...tree,
    children: children.map((node) => (node.type === 'heading' ? { ...node, depth: Math.min(6, node.depth + 1) as Heading['depth'] } : node)),
  };
}
