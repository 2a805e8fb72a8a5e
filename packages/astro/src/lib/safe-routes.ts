/**
 * Every `getStaticPaths` returns through `safeRoutes`: a route parameter becomes a folder or
 * file name of the built site, and Astro resolves `..`, `%2e%2e`, `?` and `#` when it writes
 * the page. Values from postmortems reach these parameters only as the library's URL slugs;
 * anything else fails the build here, before a page is written.
 */
import { isUrlSlug } from '@postmortem-kb/parser';

interface StaticPath {
  params: Record<string, string | undefined>;
}

export function safeRoutes<T extends StaticPath>(route: string, paths: T[]): T[] {
  for (const { params } of paths) {
    for (const [name, value] of Object.entries(params)) {
      if (value === undefined || isUrlSlug(value)) continue;
      throw new Error(
        `Unexpected route parameter ${name}=${JSON.stringify(value)} for ${route}, expected a URL slug (a-z, 0-9 and -): the page would be written outside its folder or over another page`,
      );
    }
  }
  return paths;
}
