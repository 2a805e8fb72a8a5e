/** Small helpers over hast trees shared by the HTML transforms. */
import type { Element, ElementContent, Nodes, Parents, Root, Text } from 'hast';

export function isElement(node: Nodes | undefined, tagName?: string): node is Element {
  return node?.type === 'element' && (tagName === undefined || node.tagName === tagName);
}

export function classes(node: Element): string[] {
  const value = node.properties.className;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? (value as string).split(/\s+/) : [];
}

export function attribute(node: Element, name: string): string | undefined {
  // parse5 keeps namespaced attributes (`ac:name`) as they are written; hast stores them lower-cased.
  const value = node.properties[name] ?? node.properties[name.toLowerCase()];
  if (value === undefined || value === null || value === false) return undefined;
  return Array.isArray(value) ? value.join(' ') : String(value);
}

export function element(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children };
}

export function text(value: string): Text {
  return { type: 'text', value };
}

/** Plain text of a subtree (no layout rules: enough for labels, titles and parameters). */
export function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' || node.type === 'root') return node.children.map((child) => textOf(child)).join('');
  return '';
}

/** Depth of the deepest node, computed without recursion (a hostile document may nest 100,000 deep). */
export function treeDepth(tree: Root): number {
  let deepest = 0;
  const stack: Array<[Nodes, number]> = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if ('children' in node) for (const child of node.children) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Rewrites the tree bottom-up without recursion: `replace` returns what stands in a node's
 * place (itself, other nodes, or nothing). Children are rewritten before their parent.
 */
export function rewrite(tree: Root, replace: (node: ElementContent, parent: Parents) => ElementContent | ElementContent[] | null): void {
  const order: Parents[] = [];
  const stack: Parents[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    order.push(node);
    for (const child of node.children) if (child.type === 'element') stack.push(child);
  }
  for (let index = order.length - 1; index >= 0; index--) {
    const parent = order[index]!;
    const next: Array<Root['children'][number]> = [];
    for (const child of parent.children) {
      if (child.type === 'doctype') {
        next.push(child);
        continue;
      }
      const result = replace(child, parent);
      if (result === null) continue;
      if (Array.isArray(result)) next.push(...result);
      else next.push(result);
    }
    parent.children = next;
  }
}

/** First element matching `test`, depth-first in document order. */
export function findElement(tree: Parents, test: (node: Element) => boolean): Element | undefined {
  const stack: Nodes[] = [...tree.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type !== 'element') continue;
    if (test(node)) return node;
    for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!);
  }
  return undefined;
}
