/**
 * The images a postmortem refers to by a relative path (`./images/graph.png`), copied next to
 * its page: the library rewrote each `src` to `media/<n>-<name>` and listed the file it names
 * (`images`). Only raster images inside the postmortems directory are served: a path that
 * leaves it, an SVG (it could carry script) or a missing file gets no copy and a build warning.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import siteConfig from 'virtual:postmortem-kb/config';
import { allPostmortems } from '../../../../lib/corpus';

const contentTypes: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
};
const maxImageBytes = 20_000_000;

export const getStaticPaths = (async () => {
  const paths = [];
  for (const postmortem of await allPostmortems()) {
    if (!postmortem.images || postmortem.path === null) continue;
    const folder = dirname(resolve(process.cwd(), postmortem.path));
    for (const image of postmortem.images) {
      const file = resolve(folder, image.file);
      const inside = relative(siteConfig.dir, file);
      const type = contentTypes[extname(file).toLowerCase()];
      const problem =
        inside.startsWith('..') || isAbsolute(inside)
          ? 'is outside the postmortems directory'
          : type === undefined
            ? 'is not a PNG, JPEG, GIF, WebP or AVIF image'
            : !existsSync(file) || !statSync(file).isFile()
              ? 'does not exist'
              : statSync(file).size > maxImageBytes
                ? `is larger than ${maxImageBytes} bytes`
                : null;
      if (problem !== null) {
        console.warn(`${postmortem.path}: image \`${image.file}\` ${problem}; it is not copied`);
        continue;
      }
      paths.push({ params: { slug: postmortem.slug, name: image.src.slice('media/'.length) }, props: { file, type } });
    }
  }
  return paths;
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { file, type } = props as { file: string; type: string };
  return new Response(readFileSync(file), { headers: { 'Content-Type': type } });
};
