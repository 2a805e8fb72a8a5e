/**
 * Markdown (GFM) to mdast, built for speed at 10k files: one frozen processor, and GFM
 * autolink literals found in text after tokenizing rather than during it.
 */
import type { Nodes, Parent, PhrasingContent, Root, Text } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

type Transform = (tree: Nodes) => Nodes | undefined | void;
interface Construct {
  name?: string;
}
type ConstructRecord = Record<string, Construct | Construct[] | undefined>;
interface MicromarkExtension {
  text?: ConstructRecord;
  [key: string]: unknown;
}
interface FromMarkdownExtension {
  transforms?: Transform[];
  [key: string]: unknown;
}
type Nested<T> = T | Nested<T>[];

// micromark tries its email-autolink construct at every letter and digit, so every character of
// prose becomes its own token: that roughly doubles tokenizing time. remark-gfm's own mdast
// transform finds the same URLs and emails in text afterwards, so we drop the three literal-autolink
// constructs from tokenizing and run that transform only on text that could hold a link.
const autolinkConstructs = new Set(['emailAutolink', 'wwwAutolink', 'protocolAutolink']);
const gfmData = unified().use(remarkGfm).freeze().data();
const autolinkTransforms: Transform[] = [];
const micromarkExtensions = ((gfmData.micromarkExtensions ?? []) as MicromarkExtension[]).map(withoutAutolinkLiterals);
const fromMarkdownExtensions = ((gfmData.fromMarkdownExtensions ?? []) as Nested<FromMarkdownExtension>[]).map(withoutTransforms);

// One frozen processor, built once: constructing unified pipelines per file is measurable at 10k files.
const processor = unified()
  .use(remarkParse)
  .use(function gfmWithoutLiteralAutolinkTokens() {
    const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
    data.micromarkExtensions = [...(data.micromarkExtensions ?? []), ...micromarkExtensions];
    data.fromMarkdownExtensions = [...(data.fromMarkdownExtensions ?? []), ...fromMarkdownExtensions];
  })
  .freeze();

/** Parses markdown (GFM) to mdast. Positions are those of `markdown` itself. */
export function parseMarkdown(markdown: string): Root {
  const tree = processor.parse(markdown);
  linkLiterals(tree, markdown);
  return tree;
}

function withoutAutolinkLiterals(extension: MicromarkExtension): MicromarkExtension {
  if (!extension.text) return extension;
  const text: ConstructRecord = {};
  for (const [code, constructs] of Object.entries(extension.text)) {
    const kept = (Array.isArray(constructs) ? constructs : constructs ? [constructs] : []).filter((construct) => !autolinkConstructs.has(construct.name ?? ''));
    if (kept.length > 0) text[code] = kept;
  }
  return { ...extension, text };
}

function withoutTransforms(extension: Nested<FromMarkdownExtension>): Nested<FromMarkdownExtension> {
  if (Array.isArray(extension)) return extension.map(withoutTransforms);
  const enter = extension['enter'] as Record<string, unknown> | undefined;
  if (!extension.transforms || extension.transforms.length === 0 || !enter?.['literalAutolink']) return extension;
  autolinkTransforms.push(...extension.transforms);
  return { ...extension, transforms: [] };
}

// A URL literal needs `://` or `www.`; an email (also after `mailto:` or `xmpp:`) needs `@` right
// after a character of its local part (`[\w+\-.]`, as in the library's patterns), so `@owner`
// mentions, which most action items hold, skip the transform.
const linkCandidate = /:\/\/|www\.|[\w+.-]@/i;
const skipped = new Set(['link', 'linkReference', 'inlineCode', 'code', 'html', 'definition']);

/** Turns URL and email literals in text nodes into links (GFM), keeping line and column positions. */
function linkLiterals(node: Nodes, source: string): void {
  if (!('children' in node)) return;
  const parent = node as Parent;
  for (let index = 0; index < parent.children.length; index++) {
    const child = parent.children[index]!;
    if (child.type === 'text') {
      if (!linkCandidate.test(child.value)) continue;
      const replacement = linkTextNode(child, source);
      if (replacement.length === 1 && replacement[0] === child) continue;
      parent.children.splice(index, 1, ...replacement);
      index += replacement.length - 1;
    } else if (!skipped.has(child.type)) {
      linkLiterals(child, source);
    }
  }
}

/** The library transform on one text node (the same regexes and checks, per text node, as on a tree). */
function linkTextNode(text: Text, source: string): PhrasingContent[] {
  const holder = { type: 'paragraph', children: [text] } as Parent;
  for (const transform of autolinkTransforms) transform(holder as Nodes);
  const pieces = holder.children as PhrasingContent[];
  if (text.position && !(pieces.length === 1 && pieces[0] === text)) placePieces(pieces, text.position.start, source);
  return pieces;
}

type Point = { line: number; column: number; offset?: number | undefined };

/** Positions for the pieces of a split text node, found by walking the source alongside their values. */
function placePieces(pieces: PhrasingContent[], start: Point, source: string): Point {
  let at = { ...start };
  for (const piece of pieces) {
    const from = at;
    if (piece.type === 'text') at = advance(at, piece.value, source);
    else if ('children' in piece) at = placePieces(piece.children, at, source);
    piece.position = { start: from, end: at };
  }
  return at;
}

/** The point after `value`, which starts at `point` in `source` (skipping line prefixes, escapes and references that `value` does not hold). */
function advance(point: Point, value: string, source: string): Point {
  if (point.offset === undefined) return point;
  let { line, column, offset } = point;
  for (let index = 0; index < value.length; index++) {
    const char = value[index];
    if (char === '\n') {
      const end = source.indexOf('\n', offset);
      if (end === -1) break;
      offset = end + 1;
      line++;
      column = 1;
      // Skip the container prefix (indent, `>`) that the text value does not hold.
      const next = value[index + 1];
      while (offset < source.length && source[offset] !== next && /[ \t>]/.test(source[offset]!)) {
        offset++;
        column++;
      }
      continue;
    }
    let width = 1;
    if (source[offset] !== char) {
      if (source[offset] === '\\') width = 2;
      else if (source[offset] === '&') width = Math.max(1, source.indexOf(';', offset) + 1 - offset);
    }
    offset += width;
    column += width;
  }
  return { line, column, offset };
}
