/**
 * The last line of defence against a page written outside the site: after the build, every
 * file Astro wrote for a route must lie inside the output directory, and no two pages may
 * have been written to the same file (one replacing the other). Route parameters are
 * checked before any page is written (`lib/safe-routes.ts`); this checks where files were written.
 */
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** What is wrong with the files written for each route: one line per file, empty when all is well. */
export function outputPathProblems(outDir: string, assets: ReadonlyMap<string, readonly URL[]>): string[] {
  const problems: string[] = [];
  const writtenBy = new Map<string, string>();
  for (const [route, urls] of assets) {
    for (const url of urls) {
      const file = fileURLToPath(url);
      const inside = relative(outDir, file);
      if (inside === '' || inside.split(/[\\/]/, 1)[0] === '..' || isAbsolute(inside)) {
        problems.push(`${file} (route ${route}) is outside the output directory ${outDir}`);
        continue;
      }
      const earlier = writtenBy.get(file);
      if (earlier !== undefined) problems.push(`${file} was written by route ${earlier} and again by route ${route}: one page replaced another`);
      else writtenBy.set(file, route);
    }
  }
  return problems;
}

export function outputGuard(): AstroIntegration {
  let outDir = '';
  return {
    name: 'postmortem-kb:output-guard',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:done': ({ assets }) => {
        const problems = outputPathProblems(outDir, assets);
        if (problems.length > 0) {
          throw new Error(
            `postmortem-kb: the build wrote ${problems.length} file${problems.length === 1 ? '' : 's'} where no page may be written:\n${problems.join('\n')}`,
          );
        }
      },
    },
  };
}
