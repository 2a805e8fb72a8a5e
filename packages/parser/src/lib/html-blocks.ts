/**
 * HTML blocks read as markdown. An export that kept `<h2>`, `<p>`, `<ul>`, `<table>` as HTML
 * would otherwise lose its text: the renderer passes no raw HTML through, and sections,
 * timelines and action items are read from markdown nodes. Each top-level HTML block with text
 * is replaced by the headings, paragraphs, lists, tables and images it holds; other markup
 * (attributes, styles, inline formatting) is dropped, and script-like elements with their content.
 *
 * A small tag reader rather than a full HTML parser: loading parse5 and the hast utilities
 * costs every CLI run hundreds of milliseconds for a shape that is rare, and only text and
 * block structure are kept. `postmortem import` remains the full converter.
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import type { Heading, Html, Image, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell, TableRow } from 'mdast';

type Position = NonNullable<Root['position']>;

const tokenPattern = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9-]{0,20})((?:[^<>"']|"[^"]*"|'[^']*'){0,2000})>|[^<]+|</g;
const commentPattern = /^\s*<!--/;
const skippedElements = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'math', 'textarea', 'select', 'head', 'title']);
const headingElement = /^h([1-6])$/;
const blockElements = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'nav',
  'blockquote',
  'pre',
  'details',
  'summary',
  'figure',
  'figcaption',
  'dl',
  'dt',
  'dd',
  'hr',
  'caption',
  'center',
  'body',
  'html',
]);
const entityPattern = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g;

/** Text of HTML with its character references decoded (`&amp;`, `&#8212;`, `&mdash;`); an unknown name stays as written. */
function decodeEntities(text: string): string {
  return text.replace(entityPattern, (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) {
      const decoded = decodeNamedCharacterReference(name);
      return decoded === false ? whole : decoded;
    }
    const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
  });
}

function attribute(attributes: string, name: string): string | null {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'=<>\`]+))`, 'i').exec(attributes);
  const value = match?.[1] ?? match?.[2] ?? match?.[3];
  return value === undefined ? null : decodeEntities(value);
}

/** True when an HTML block holds text (not only tags or a comment): such a block is read as markdown. */
function htmlHasText(value: string): boolean {
  if (commentPattern.test(value)) return false;
  return value.replace(/<[^<>]{0,2000}>/g, '').trim() !== '';
}

class BlockBuilder {
  readonly blocks: RootContent[] = [];
  private inline: PhrasingContent[] = [];
  private heading: Heading['depth'] | null = null;
  private list: List | null = null;
  private listDepth = 0;
  private item: ListItem | null = null;
  private table: Table | null = null;
  private row: TableRow | null = null;
  private cell: TableCell | null = null;
  private pre = 0;

  constructor(private readonly position: (offset: number) => Position) {}

  text(raw: string, offset: number): void {
    let value = decodeEntities(raw);
    if (this.pre === 0) value = value.replace(/\s+/g, ' ');
    if (value.trim() === '' && (this.inline.length === 0 || value === '')) return;
    if (this.pre > 0 && value.includes('\n')) {
      value.split('\n').forEach((part, index) => {
        if (index > 0 && this.inline.length > 0) this.inline.push({ type: 'break', position: this.position(offset) });
        if (part !== '') this.inline.push({ type: 'text', value: part, position: this.position(offset) });
      });
      return;
    }
    this.inline.push({ type: 'text', value, position: this.position(offset) });
  }

  image(attributes: string, offset: number): void {
    const src = attribute(attributes, 'src');
    if (src === null) return;
    const image: Image = {
      type: 'image',
      url: src,
      alt: attribute(attributes, 'alt') ?? '',
      title: attribute(attributes, 'title'),
      position: this.position(offset),
    };
    this.inline.push(image);
  }

  lineBreak(offset: number): void {
    if (this.cell !== null) this.inline.push({ type: 'text', value: ' ' });
    else if (this.inline.length > 0) this.inline.push({ type: 'break', position: this.position(offset) });
  }

  open(tag: string, offset: number): void {
    const heading = headingElement.exec(tag);
    if (heading) {
      this.flush(offset);
      this.heading = Number(heading[1]) as Heading['depth'];
    } else if (tag === 'ul' || tag === 'ol') {
      this.flush(offset);
      this.listDepth += 1;
      if (this.list === null && this.table === null)
        this.list = { type: 'list', ordered: tag === 'ol', spread: false, children: [], position: this.position(offset) };
    } else if (tag === 'li') {
      this.flush(offset);
      if (this.list !== null && this.table === null) {
        this.item = { type: 'listItem', spread: false, checked: null, children: [], position: this.position(offset) };
        this.list.children.push(this.item);
      }
    } else if (tag === 'table') {
      this.flush(offset);
      if (this.table === null && this.list === null) this.table = { type: 'table', align: [], children: [], position: this.position(offset) };
    } else if (tag === 'tr') {
      this.flush(offset);
      if (this.table !== null) {
        this.row = { type: 'tableRow', children: [], position: this.position(offset) };
        this.table.children.push(this.row);
      }
    } else if (tag === 'td' || tag === 'th') {
      this.flush(offset);
      if (this.row !== null) {
        this.cell = { type: 'tableCell', children: [], position: this.position(offset) };
        this.row.children.push(this.cell);
      }
    } else if (blockElements.has(tag)) {
      this.flush(offset);
      if (tag === 'pre') this.pre += 1;
    }
  }

  close(tag: string, offset: number): void {
    if (headingElement.test(tag)) {
      this.flush(offset);
    } else if (tag === 'ul' || tag === 'ol') {
      this.flush(offset);
      this.listDepth = Math.max(0, this.listDepth - 1);
      if (this.listDepth === 0 && this.list !== null) {
        if (this.list.children.length > 0) this.blocks.push(this.list);
        this.list = null;
        this.item = null;
      }
    } else if (tag === 'li') {
      this.flush(offset);
    } else if (tag === 'td' || tag === 'th') {
      this.flush(offset);
      this.cell = null;
    } else if (tag === 'tr') {
      this.flush(offset);
      this.row = null;
      this.cell = null;
    } else if (tag === 'table') {
      this.flush(offset);
      this.pushTable();
      this.table = null;
      this.row = null;
      this.cell = null;
    } else if (blockElements.has(tag)) {
      this.flush(offset);
      if (tag === 'pre') this.pre = Math.max(0, this.pre - 1);
    }
  }

  /** Puts the text read so far where it belongs: a heading, a table cell, a list item or a paragraph. */
  flush(offset: number): void {
    while (this.inline.length > 0 && this.inline[this.inline.length - 1]?.type === 'break') this.inline.pop();
    const children = trimEdges(this.inline);
    this.inline = [];
    const depth = this.heading;
    this.heading = null;
    if (children.length === 0) return;
    const position = children[0]?.position ?? this.position(offset);
    if (this.cell !== null) {
      this.cell.children.push(...(this.cell.children.length > 0 ? [{ type: 'text', value: ' ' } as const] : []), ...children);
    } else if (this.item !== null && this.list !== null) {
      this.item.children.push({ type: 'paragraph', children, position } satisfies Paragraph);
    } else if (depth !== null && this.list === null && this.table === null) {
      this.blocks.push({ type: 'heading', depth, children, position });
    } else if (this.list === null && this.table === null) {
      this.blocks.push({ type: 'paragraph', children, position });
    }
  }

  finish(offset: number): RootContent[] {
    this.flush(offset);
    if (this.list !== null && this.list.children.length > 0) this.blocks.push(this.list);
    this.pushTable();
    return this.blocks;
  }

  /** A table is rendered as wide as its `align` list, so it gets one entry per column of its widest row. */
  private pushTable(): void {
    if (this.table === null || this.table.children.length === 0) return;
    const columns = Math.max(...this.table.children.map((row) => row.children.length));
    this.table.align = Array.from({ length: columns }, () => null);
    this.blocks.push(this.table);
  }
}

/** Inline content without the white space HTML layout leaves at its start and end. */
function trimEdges(children: PhrasingContent[]): PhrasingContent[] {
  const result = [...children];
  const first = result[0];
  if (first?.type === 'text') {
    const value = first.value.trimStart();
    if (value === '') result.shift();
    else result[0] = { ...first, value };
  }
  const last = result[result.length - 1];
  if (last?.type === 'text') {
    const value = last.value.trimEnd();
    if (value === '') result.pop();
    else result[result.length - 1] = { ...last, value };
  }
  return result;
}

/** The markdown nodes an HTML block holds, each positioned at the line its text starts on. */
export function htmlBlockToMarkdown(value: string, at: Position | undefined): RootContent[] {
  const startLine = at?.start.line ?? 1;
  const startColumn = at?.start.column ?? 1;
  const lineStarts = [0];
  for (let index = value.indexOf('\n'); index !== -1; index = value.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const position = (offset: number): Position => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    const column = offset - (lineStarts[low] ?? 0) + (low === 0 ? startColumn : 1);
    const point = { line: startLine + low, column, offset: (at?.start.offset ?? 0) + offset };
    return { start: point, end: point };
  };
  const builder = new BlockBuilder(position);
  let skipping: string | null = null;
  for (const match of value.matchAll(tokenPattern)) {
    const [token, closing, name, attributes] = match;
    const offset = match.index;
    if (token.startsWith('<!--')) continue;
    const tag = name?.toLowerCase();
    if (skipping !== null) {
      if (tag === skipping && closing === '/') skipping = null;
      continue;
    }
    if (tag === undefined) builder.text(token, offset);
    else if (closing === '/') builder.close(tag, offset);
    else if (skippedElements.has(tag)) skipping = /\/\s*$/.test(attributes ?? '') ? null : tag;
    else if (tag === 'br') builder.lineBreak(offset);
    else if (tag === 'img') builder.image(attributes ?? '', offset);
    else builder.open(tag, offset);
  }
  return builder.finish(value.length);
}

/**
 * Replaces every top-level HTML block with text by the markdown nodes it holds, in one pass, and
 * returns the blocks it replaced (raw-html reports them).
 */
export function readHtmlBlocks(tree: Root): Html[] {
  const replaced: Html[] = [];
  // Copied only from the first block with text on: most documents have none.
  let children: RootContent[] | null = null;
  for (const [index, node] of tree.children.entries()) {
    if (node.type === 'html' && htmlHasText(node.value)) {
      children ??= tree.children.slice(0, index);
      replaced.push(node);
      children.push(...htmlBlockToMarkdown(node.value, node.position));
    } else children?.push(node);
  }
  if (children !== null) tree.children = children;
  return replaced;
}
