/**
 * Images in postmortems: markdown images and raw `<img>` tags are kept, sanitised. A raw tag
 * becomes a markdown image node before rendering (only `src`, `alt`, `title`, `width`,
 * `height`), so it goes through the same sanitiser: http(s) and relative `src` only (no
 * `javascript:`, no `data:`). After sanitising every `<img>` loads lazily, and a relative
 * `src` is rewritten to `media/<n>-<name>` next to the incident's page, where the site
 * serves a copy of the file (the page's URL has nothing to do with the file's folder).
 */
import type { Element, Root as HastRoot } from 'hast';
import type { Image, Root, RootContent } from 'mdast';

/** A relative image of a postmortem: `src` as the rendered page uses it, `file` relative to the postmortem's folder. */
export interface PostmortemImage {
  src: string;
  file: string;
}

const attributePattern = /\s{1,20}([a-zA-Z][a-zA-Z-]{0,30})(?:\s{0,5}=\s{0,5}(?:"([^"]{0,2000})"|'([^']{0,2000})'|([^\s"'=<>`]{1,2000})))?/y;
const keptAttributes = new Set(['src', 'alt', 'title', 'width', 'height']);

/** The attributes of a lone `<img …>` tag, or null when `html` is anything else. */
function readImgTag(html: string): Record<string, string> | null {
  const text = html.trim();
  if (!/^<img\b/i.test(text) || text.length > 5000) return null;
  const attributes: Record<string, string> = {};
  let position = 4;
  for (;;) {
    attributePattern.lastIndex = position;
    const match = attributePattern.exec(text);
    if (!match) break;
    const name = match[1]!.toLowerCase();
    if (keptAttributes.has(name)) attributes[name] = match[2] ?? match[3] ?? match[4] ?? '';
    position = attributePattern.lastIndex;
  }
  return /^\s{0,5}\/?>$/.test(text.slice(position)) && attributes.src ? attributes : null;
}

function imageNode(attributes: Record<string, string>, position: RootContent['position']): Image {
  const size = Object.fromEntries(['width', 'height'].filter((key) => /^\d{1,5}$/.test(attributes[key] ?? '')).map((key) => [key, attributes[key]!]));
  return {
    type: 'image',
    url: attributes.src!,
    alt: attributes.alt ?? '',
    title: attributes.title ?? null,
    ...(Object.keys(size).length > 0 ? { data: { hProperties: size } } : {}),
    ...(position ? { position } : {}),
  };
}

/** The tree with every lone raw `<img>` (block or inline) as an image node; unchanged parts are shared. */
export function withRawImages<T extends Root | RootContent>(node: T): T {
  if (!('children' in node)) return node;
  const original = node.children as RootContent[];
  // Copied only from the first child that changes: most trees have no raw `<img>` at all.
  let children: RootContent[] | null = null;
  for (let index = 0; index < original.length; index++) {
    const child = original[index]!;
    let next: RootContent = child;
    if (child.type === 'html') {
      const attributes = readImgTag(child.value);
      if (attributes) next = imageNode(attributes, child.position);
    } else {
      next = withRawImages(child);
    }
    if (next !== child && children === null) children = original.slice(0, index);
    if (children !== null) children.push(next);
  }
  if (children === null) return node;
  // A block-level `<img>` stands alone: wrap it in a paragraph as markdown does with an image.
  const wrapped =
    node.type === 'root' || node.type === 'blockquote' || node.type === 'listItem'
      ? children.map((child) => (child.type === 'image' ? { type: 'paragraph' as const, children: [child] } : child))
      : children;
  return { ...node, children: wrapped };
}

/** A `src` that is neither absolute (`https:`, `//host`) nor site-rooted (`/x`) nor a fragment. */
function isRelative(src: string): boolean {
  return src !== '' && !/^(?:[a-z][a-z\d+.-]*:|\/|#)/i.test(src);
}

/**
 * After sanitising: every `<img>` gets `loading="lazy"`; a relative `src` becomes
 * `media/<n>-<file name>` and is returned with the file it names (relative to the postmortem).
 */
export function rewriteImages(tree: HastRoot): PostmortemImage[] {
  const images: PostmortemImage[] = [];
  const byFile = new Map<string, string>();
  // Depth is bounded: the markdown was checked for nesting before it was parsed (limits.ts).
  const walk = (node: HastRoot | Element) => {
    for (const [index, child] of node.children.entries()) {
      if (child.type !== 'element') continue;
      if (child.tagName !== 'img') {
        walk(child);
        continue;
      }
      const src = typeof child.properties.src === 'string' ? child.properties.src : '';
      if (src === '') {
        // The sanitiser dropped a `javascript:` or `data:` source: an image that cannot load is
        // replaced by its alt text, so a reader sees what it stood for and no empty box.
        const alt = typeof child.properties.alt === 'string' ? child.properties.alt : '';
        node.children[index] = { type: 'text', value: alt };
        continue;
      }
      child.properties.loading = 'lazy';
      if (!isRelative(src)) continue;
      const cut = src.search(/[?#]/);
      const file = safeDecode(cut === -1 ? src : src.slice(0, cut)).replace(/^\.\//, '');
      let media = byFile.get(file);
      if (media === undefined) {
        const name = (file.split('/').pop() ?? 'image').replace(/[^\w.-]+/g, '-');
        media = `media/${byFile.size}-${name}`;
        byFile.set(file, media);
        images.push({ src: media, file });
      }
      child.properties.src = media;
    }
  };
  walk(tree);
  return images;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
