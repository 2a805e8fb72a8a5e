/**
 * Embedded images become files beside the written postmortem (`images/<hash>.<ext>`,
 * named by content so two documents sharing a picture share the file and nothing is
 * overwritten with different bytes). Only raster formats are kept: an SVG can carry script.
 */
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Root } from 'hast';
import type { ImportedAsset } from './document.js';
import { attribute, rewrite, text } from './hast-tools.js';

export const imageDirectory = 'images';

const extensions: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
};
const extensionTypes = new Set(Object.values(extensions).concat(['jpeg']));

export interface ImageContext {
  /** Directory that relative image paths are resolved in; files outside it are never read. */
  baseDir: string | null;
  maxImageBytes: number;
  assets: ImportedAsset[];
  notes: string[];
}

export function imageAsset(data: Uint8Array, extension: string): ImportedAsset {
  const hash = createHash('sha256').update(data).digest('hex').slice(0, 16);
  return { path: `${imageDirectory}/${hash}.${extension === 'jpeg' ? 'jpg' : extension}`, data };
}

function fromDataUri(src: string, context: ImageContext): ImportedAsset | string {
  const match = /^data:([\w/+.-]+)(;[^,]*)?,/i.exec(src);
  if (!match) return 'malformed data: URI';
  const extension = extensions[match[1]!.toLowerCase()];
  if (extension === undefined) return `image type ${match[1]} is not kept (raster images only)`;
  if (!/;base64/i.test(match[2] ?? '')) return 'data: URI is not base64';
  const payload = src.slice(match[0].length);
  if (payload.length * 0.75 > context.maxImageBytes) return `image larger than ${context.maxImageBytes} bytes`;
  return imageAsset(Buffer.from(payload, 'base64'), extension);
}

/** A local file named by a relative `src`, only when it lies inside the base directory. */
export function fromLocalFile(src: string, context: ImageContext): ImportedAsset | string {
  if (context.baseDir === null) return 'no directory to find it in';
  let decoded: string;
  try {
    decoded = decodeURIComponent(src.split(/[?#]/, 1)[0]!);
  } catch {
    return 'malformed path';
  }
  const extension = extname(decoded).slice(1).toLowerCase();
  if (!extensionTypes.has(extension)) return `file type .${extension} is not kept (raster images only)`;
  try {
    const base = realpathSync(context.baseDir);
    const path = realpathSync(resolve(base, decoded));
    const inside = relative(base, path);
    if (isAbsolute(decoded) || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return "path leads outside the document's directory";
    const stat = statSync(path);
    if (!stat.isFile()) return 'not a file';
    if (stat.size > context.maxImageBytes) return `image larger than ${context.maxImageBytes} bytes`;
    return imageAsset(readFileSync(path), extension);
  } catch {
    return 'file not found';
  }
}

/**
 * Replaces every `<img>` source by the written asset's path. An image that cannot be kept
 * leaves its alt text (or its address) in the text and a note, so nothing silently vanishes.
 */
export function collectImages(tree: Root, context: ImageContext): void {
  rewrite(tree, (node) => {
    if (node.type !== 'element' || node.tagName !== 'img') return node;
    const src = attribute(node, 'src') ?? '';
    const alt = attribute(node, 'alt') ?? '';
    if (/^https?:\/\//i.test(src)) return node;
    const result = /^data:/i.test(src)
      ? fromDataUri(src, context)
      : src === '' || /^[a-z][\w+.-]*:/i.test(src)
        ? 'unsupported address'
        : fromLocalFile(src, context);
    if (typeof result === 'string') {
      const shown = /^data:/i.test(src) ? 'embedded image' : src.slice(0, 200);
      context.notes.push(`image ${JSON.stringify(shown)} not kept: ${result}`);
      const label = alt || (/^data:/i.test(src) ? '' : src);
      return label === '' ? null : text(`[image: ${label}]`);
    }
    if (!context.assets.some((asset) => asset.path === result.path)) context.assets.push(result);
    node.properties = { src: result.path, alt };
    return node;
  });
}
