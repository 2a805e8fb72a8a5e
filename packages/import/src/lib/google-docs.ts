/**
 * Google Docs "Download → Web page (.html)": formatting lives in class rules of a
 * `<style>` block (`.c3{font-weight:700}`) or in inline styles, never in `<b>`/`<i>`;
 * links go through `https://www.google.com/url?q=…`; the Title style is `<p class="title">`.
 */
import type { Element, Root } from 'hast';
import { attribute, classes, element, findElement, rewrite, textOf } from './hast-tools.js';

interface Emphasis {
  bold: boolean;
  italic: boolean;
  strike: boolean;
}

/** Class name → emphasis, from the document's style sheets (only the three properties we keep). */
function classEmphasis(tree: Root): Map<string, Emphasis> {
  const result = new Map<string, Emphasis>();
  const stack: Array<Root | Root['children'][number]> = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'element' && node.tagName === 'style') {
      // A format quirk, not a CSS parser: Google writes one flat `.cN{prop:value;…}` rule per class.
      for (const match of textOf(node).matchAll(/\.([\w-]+)\{([^{}]*)\}/g)) {
        const emphasis = declarationEmphasis(match[2]!);
        if (emphasis.bold || emphasis.italic || emphasis.strike) result.set(match[1]!, emphasis);
      }
    } else if ('children' in node) stack.push(...node.children);
  }
  return result;
}

function declarationEmphasis(declarations: string): Emphasis {
  const value = (property: string) => new RegExp(`(?:^|;)\\s*${property}\\s*:\\s*([^;]+)`, 'i').exec(declarations)?.[1]?.trim().toLowerCase() ?? '';
  const weight = value('font-weight');
  return {
    bold: weight === 'bold' || weight === 'bolder' || Number(weight) >= 600,
    italic: value('font-style') === 'italic',
    strike: value('text-decoration').includes('line-through') || value('text-decoration-line').includes('line-through'),
  };
}

/** Unwraps Google's redirect links to the address they point at. */
export function unwrapRedirect(href: string): string {
  try {
    const url = new URL(href);
    if (/^(?:www\.)?google\.[a-z.]+$/.test(url.hostname) && url.pathname === '/url') return url.searchParams.get('q') ?? href;
  } catch {
    // Relative or malformed: kept as written (sanitising decides later).
  }
  return href;
}

/** Applies the Google Docs quirks in place; returns the Title-style paragraph's text, if any. */
export function normaliseGoogleDocs(tree: Root): string | null {
  const emphasisByClass = classEmphasis(tree);
  const titleParagraph = findElement(tree, (node) => node.tagName === 'p' && classes(node).includes('title'));
  const title = titleParagraph ? textOf(titleParagraph).trim() || null : null;
  rewrite(tree, (node) => {
    if (node.type !== 'element') return node;
    if (node === titleParagraph) return null;
    if (node.tagName === 'a') {
      const href = attribute(node, 'href');
      if (href !== undefined) node.properties.href = unwrapRedirect(href);
      return node;
    }
    if (node.tagName !== 'span') return node;
    const emphasis: Emphasis = { bold: false, italic: false, strike: false };
    for (const name of classes(node)) {
      const found = emphasisByClass.get(name);
      if (found) {
        emphasis.bold ||= found.bold;
        emphasis.italic ||= found.italic;
        emphasis.strike ||= found.strike;
      }
    }
    const inline = declarationEmphasis(attribute(node, 'style') ?? '');
    let wrapped: Element = node;
    if (emphasis.strike || inline.strike) wrapped = element('del', {}, [wrapped]);
    if (emphasis.italic || inline.italic) wrapped = element('em', {}, [wrapped]);
    // Whitespace-only spans stay plain: `** **` would not be emphasis in markdown.
    if ((emphasis.bold || inline.bold) && textOf(node).trim() !== '') wrapped = element('strong', {}, [wrapped]);
    return wrapped;
  });
  return title;
}
