/**
 * `--from markdown`: a markdown file (ours, or any other), normalised through remark.
 * Its frontmatter is kept as written; local images are copied beside the output.
 * This is also how a written file is imported again for the round-trip check.
 */
import { dirname } from 'node:path';
import type { Image, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import { diagnostic, type ImportedAsset, type ImportResult } from './document.js';
import { stringifyOptions } from './html-to-markdown.js';
import { fromLocalFile } from './images.js';
import { decodeText, readInput } from './inputs.js';
import type { ImportLimits } from './limits.js';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkStringify, stringifyOptions).freeze();

export interface MarkdownConversion {
  frontmatter: Record<string, unknown>;
  body: string;
  assets: ImportedAsset[];
  notes: string[];
}

/** Splits `---` frontmatter off; YAML that is not a mapping is kept in the body instead. */
export function splitFrontmatter(text: string): { frontmatter: Record<string, unknown>; body: string; problem: string | null } {
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return { frontmatter: {}, body: text, problem: null };
  try {
    // Aliases are refused so a billion-laughs document cannot expand (yaml's maxAliasCount).
    const data: unknown = parseYaml(match[1]!, { maxAliasCount: 0, prettyErrors: false });
    if (data === null || data === undefined) return { frontmatter: {}, body: text.slice(match[0].length), problem: null };
    if (typeof data !== 'object' || Array.isArray(data)) return { frontmatter: {}, body: text, problem: 'frontmatter is not a mapping; kept in the body' };
    return { frontmatter: data as Record<string, unknown>, body: text.slice(match[0].length), problem: null };
  } catch (error) {
    return { frontmatter: {}, body: text, problem: `frontmatter is not valid YAML (${(error as Error).message.split('\n', 1)[0]}); kept in the body` };
  }
}

export function convertMarkdown(text: string, baseDir: string | null, limits: ImportLimits): MarkdownConversion {
  const split = splitFrontmatter(text);
  const converted = convertMarkdownBody(split.body, baseDir, limits);
  return { ...converted, frontmatter: split.frontmatter, notes: split.problem ? [split.problem, ...converted.notes] : converted.notes };
}

/**
 * A markdown body normalised through remark, its local images copied (only from inside
 * `baseDir`); `transform` may rewrite the tree first (a source's own quirks).
 */
export function convertMarkdownBody(
  body: string,
  baseDir: string | null,
  limits: ImportLimits,
  transform?: (tree: Root, notes: string[]) => void,
): Omit<MarkdownConversion, 'frontmatter'> {
  const tree = processor.parse(body);
  const assets: ImportedAsset[] = [];
  const notes: string[] = [];
  transform?.(tree, notes);
  const images: Image[] = [];
  const stack: Array<Root | Root['children'][number]> = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'image') images.push(node);
    else if ('children' in node) stack.push(...(node.children as Root['children']));
  }
  for (const image of images) {
    if (/^(?:[a-z][\w+.-]*:|\/\/)/i.test(image.url)) continue;
    const result = fromLocalFile(image.url, { baseDir, maxImageBytes: limits.maxImageBytes, assets, notes });
    if (typeof result === 'string') {
      notes.push(`image ${JSON.stringify(image.url.slice(0, 200))} not copied: ${result}; link kept`);
      continue;
    }
    if (!assets.some((asset) => asset.path === result.path)) assets.push(result);
    image.url = result.path;
  }
  return { body: processor.stringify(tree), assets, notes };
}

export async function importMarkdown(path: string, limits: ImportLimits): Promise<ImportResult> {
  // micromark is slow on some huge inputs; what is larger than the output cap could not be written anyway.
  const read = await readInput(path, limits.maxOutputBytes);
  if (!read.ok) return { documents: [], diagnostics: [read.diagnostic] };
  const converted = convertMarkdown(decodeText(read.data), dirname(path), limits);
  return {
    documents: [
      {
        source: path,
        frontmatter: converted.frontmatter,
        body: converted.body,
        assets: converted.assets,
        diagnostics: converted.notes.map((note) => diagnostic(path, 'import-lossy', 'warning', note)),
      },
    ],
    diagnostics: [],
  };
}
