/**
 * The site's routes: every file below the package's `src/pages/` becomes an injected route
 * whose pattern is its path there, the way Astro reads a project's own `src/pages/`.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `src/pages/` of this package, from `dist/integration/` (published) or `src/integration/` (source). */
export const pagesDirectory = fileURLToPath(new URL('../../src/pages/', import.meta.url));

export interface SiteRoute {
  pattern: string;
  entrypoint: string;
}

const pageExtension = /\.(?:astro|ts)$/;

/** One route per page file, sorted by pattern. */
export function siteRoutes(directory = pagesDirectory): SiteRoute[] {
  const files = readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && pageExtension.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
  return files
    .map((file) => {
      const path = relative(directory, file).split(sep).join('/').replace(pageExtension, '');
      const pattern = `/${path.replace(/(?:^|\/)index$/, '')}`;
      return { pattern, entrypoint: file };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}
