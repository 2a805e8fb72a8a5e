/**
 * Ids and link anchors for the body's headings, so a reader can link to a section
 * (`/incidents/x/#section-root-cause`). Runs on the sanitized tree and adds only ids made by
 * `toUrlSlug` and constant attributes. The `section-` prefix keeps a heading from taking an id
 * the page itself uses (`main`, `t-3`, `timeline-heading`): content must not clobber the page.
 */
import type { Element, ElementContent, Root } from 'hast';
import { uniqueUrlSlugs } from './url-slug.js';
import { collapse } from './text.js';

export const headingIdPrefix = 'section-';

export function addHeadingAnchors(tree: Root): void {
  const headings = tree.children.filter((node): node is Element => node.type === 'element' && /^h[1-6]$/.test(node.tagName));
  const texts = headings.map((heading) => collapse(textOf(heading)));
  // Equal headings ("Details" twice) get `-2`, `-3`: slugs are made unique per occurrence.
  const seen = new Map<string, number>();
  const keys = texts.map((text) => {
    const count = (seen.get(text) ?? 0) + 1;
    seen.set(text, count);
    return count === 1 ? text : `${text}\u0000${count}`;
  });
  const slugs = uniqueUrlSlugs(keys.map((key) => key));
  headings.forEach((heading, index) => {
    const key = keys[index]!;
    const id = `${headingIdPrefix}${slugs.get(key)!}`;
    heading.properties.id = id;
    heading.children.push(
      { type: 'text', value: ' ' },
      {
        type: 'element',
        tagName: 'a',
        properties: { className: ['heading-anchor'], href: `#${id}`, ariaLabel: `Link to this section: ${texts[index]}` },
        children: [{ type: 'text', value: '#' }],
      },
    );
  });
}

function textOf(node: ElementContent | Element): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}
