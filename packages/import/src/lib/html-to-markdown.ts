/**
 * HTML → markdown on the unified stack: rehype-parse (parse5, which knows no DTDs, so no
 * entity expansion) → source quirks (Google Docs, Confluence) and images → rehype-sanitize
 * (no script, style, event handler or `javascript:` survives) → rehype-remark →
 * remark-gfm/remark-stringify. Shared by the `html` and `docx` importers.
 */
import type { Element, Root as HastRoot } from 'hast';
import type { Root as MdastRoot, RootContent } from 'mdast';
import { toString as mdastText } from 'mdast-util-to-string';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import remarkStringify, { type Options as StringifyOptions } from 'remark-stringify';
import { unified } from 'unified';
import type { ImportedAsset } from './document.js';
import { normaliseConfluence, prepareStorageFormat } from './confluence.js';
import { normaliseGoogleDocs } from './google-docs.js';
import { attribute, classes, findElement, isElement, rewrite, textOf, treeDepth } from './hast-tools.js';
import { collectImages } from './images.js';

export interface HtmlConversion {
  /** The document's title from its markup (`<title>`, a Title-style paragraph, Confluence's page title), if any. */
  title: string | null;
  markdown: string;
  assets: ImportedAsset[];
  notes: string[];
}

export interface HtmlOptions {
  baseDir: string | null;
  maxHtmlDepth: number;
  maxImageBytes: number;
}

export class DocumentRefused extends Error {}

export const stringifyOptions: StringifyOptions = {
  bullet: '-',
  emphasis: '_',
  strong: '*',
  fences: true,
  rule: '-',
  listItemIndent: 'one',
};

const schema = {
  ...defaultSchema,
  // Style sheets and templates are not content; their text must not leak into the body.
  strip: ['script', 'style', 'template', 'noscript', 'title'],
};

const toMarkdown = unified().use(rehypeSanitize, schema).use(rehypeRemark).use(remarkGfm).use(remarkStringify, stringifyOptions).freeze();

const parseHtml = unified().use(rehypeParse).freeze();

/** The part of a page that is the document: Confluence's main content, `<main>`, `<article>`, else `<body>`. */
function documentRoot(tree: HastRoot): HastRoot {
  const main =
    findElement(tree, (node) => attribute(node, 'id') === 'main-content') ??
    findElement(tree, (node) => node.tagName === 'main') ??
    findElement(tree, (node) => node.tagName === 'article') ??
    findElement(tree, (node) => node.tagName === 'body');
  return main ? { type: 'root', children: main.children } : tree;
}

function pageTitle(tree: HastRoot): string | null {
  const confluence = findElement(tree, (node) => attribute(node, 'id') === 'title-text');
  if (confluence) {
    // Confluence writes "Space name : Page title".
    const value = textOf(confluence).trim();
    return value.includes(' : ') ? value.slice(value.lastIndexOf(' : ') + 3).trim() : value || null;
  }
  const title = findElement(tree, (node) => node.tagName === 'title');
  const value = title ? textOf(title).replace(/\s+/g, ' ').trim() : '';
  return value === '' ? null : value;
}

export async function htmlToMarkdown(html: string, options: HtmlOptions): Promise<HtmlConversion> {
  let tree: HastRoot;
  try {
    tree = parseHtml.parse(prepareStorageFormat(html));
  } catch (error) {
    // hast-util-from-parse5 recurses once per level: thousands of nested elements overflow the stack.
    if (error instanceof RangeError) throw new DocumentRefused(`Unexpected element nesting too deep to read, expected at most ${options.maxHtmlDepth} levels`);
    throw error;
  }
  const depth = treeDepth(tree);
  if (depth > options.maxHtmlDepth) throw new DocumentRefused(`Unexpected element nesting ${depth} deep, expected at most ${options.maxHtmlDepth}`);
  const googleTitle = normaliseGoogleDocs(tree);
  const title = googleTitle ?? pageTitle(tree);
  const notes = normaliseConfluence(tree);
  // Google Docs writes the space at a span's edge as &nbsp;; in markdown it is an ordinary space.
  rewrite(tree, (node) => (node.type === 'text' && node.value.includes('\u00a0') ? { ...node, value: node.value.replaceAll('\u00a0', ' ') } : node));
  const root = documentRoot(tree);
  const assets: ImportedAsset[] = [];
  collectImages(root, { baseDir: options.baseDir, maxImageBytes: options.maxImageBytes, assets, notes });
  dropConfluenceChrome(root);
  promoteHeaderRows(root);
  checkboxParagraphsToList(root);
  const mdast = await toMarkdown.run(root);
  metadataTableToLabels(mdast);
  return { title, markdown: toMarkdown.stringify(mdast), assets, notes };
}

/** Confluence export headers (title, breadcrumbs, "Created by …") repeat what frontmatter holds. */
function dropConfluenceChrome(root: HastRoot): void {
  root.children = root.children.filter(
    (node) =>
      !(
        (isElement(node as Element) && ['title-heading', 'breadcrumb-section', 'footer'].includes(attribute(node as Element, 'id') ?? '')) ||
        (isElement(node as Element) && classes(node as Element).includes('page-metadata'))
      ),
  );
}

/**
 * Word's checkboxes (mammoth: `<p><input type="checkbox" checked> text</p>`) are task list
 * items in markdown; consecutive ones become one list.
 */
function checkboxParagraphsToList(root: HastRoot): void {
  const startsWithCheckbox = (node: HastRoot['children'][number]): boolean => {
    if (!isElement(node, 'p')) return false;
    const first = node.children.find((child) => !(child.type === 'text' && child.value.trim() === ''));
    return first !== undefined && isElement(first, 'input') && attribute(first, 'type') === 'checkbox';
  };
  const stack: Array<HastRoot | Element> = [root];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    const next: HastRoot['children'] = [];
    for (const child of parent.children) {
      if (startsWithCheckbox(child)) {
        const item: Element = { type: 'element', tagName: 'li', properties: {}, children: (child as Element).children };
        const last = next[next.length - 1];
        if (last && isElement(last, 'ul') && last.properties.dataCheckboxes === true) last.children.push(item);
        else next.push({ type: 'element', tagName: 'ul', properties: { dataCheckboxes: true }, children: [item] });
        continue;
      }
      next.push(child);
      if (child.type === 'element') stack.push(child);
    }
    parent.children = next;
  }
}

/**
 * Word and Google Docs write tables without `<th>`: their first row is the header (markdown
 * tables need one, and the timeline and action-item readers find columns by it). Bold in
 * a header cell says nothing more and is dropped.
 */
function promoteHeaderRows(root: HastRoot): void {
  rewrite(root, (node) => {
    if (node.type !== 'element' || node.tagName !== 'table') return node;
    if (findElement(node, (child) => child.tagName === 'th')) return node;
    const firstRow = findElement(node, (child) => child.tagName === 'tr');
    if (!firstRow) return node;
    for (const cell of firstRow.children) {
      if (cell.type !== 'element' || cell.tagName !== 'td') continue;
      cell.tagName = 'th';
      rewrite({ type: 'root', children: [cell] }, (inner) =>
        inner.type === 'element' && (inner.tagName === 'strong' || inner.tagName === 'b') ? inner.children : inner,
      );
    }
    return node;
  });
}

/**
 * A two-column table before the first heading ("Date | 2024-09-20", "Authors | …", the
 * header block of most templates) becomes `**Date:** 2024-09-20` lines, which the parser
 * reads as metadata. Every cell's text is kept.
 */
function metadataTableToLabels(tree: MdastRoot): void {
  const index = tree.children.findIndex((node) => node.type === 'table' || node.type === 'heading');
  const table = tree.children[index];
  if (table?.type !== 'table') return;
  const rows = table.children;
  if (rows.length === 0 || rows.some((row) => row.children.length !== 2)) return;
  const labels = rows.map((row) => mdastText(row.children[0]!).trim());
  // A timeline table (times or dates in its first column) stays a table.
  if (labels.some((label) => label.length > 40 || /\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}/.test(label))) return;
  const paragraphs: RootContent[] = rows.map((row) => {
    const label = mdastText(row.children[0]!).trim().replace(/:$/, '');
    const value = row.children[1]!.children;
    return { type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: `${label}:` }] }, { type: 'text', value: ' ' }, ...value] };
  });
  tree.children.splice(index, 1, ...paragraphs);
}
