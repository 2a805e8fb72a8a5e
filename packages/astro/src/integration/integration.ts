/**
 * `postmortemKb()`: the Astro integration. It injects every page of the site, serves the
 * resolved options to them as `virtual:postmortem-kb/config`, and sets what the site needs
 * of Astro's configuration (no inline script or style, directory URLs, the build hooks).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { dataStoreReadAtRender, staleOutputRemovedAfterBuild } from './build-performance.js';
import { outputGuard } from './output-guard.js';
import { parserExternal } from './parser-external.js';
import { parseOptions, type PostmortemKbOptions, type ResolvedSiteConfig } from './options.js';
import { resolveSiteOptions } from './site-options.js';
import { siteRoutes } from './routes.js';
import { siteConfigPlugin } from './virtual-config.js';

/** `src/middleware.ts` of this package, from `dist/integration/` (published) or `src/integration/` (source). */
const middlewareEntrypoint = fileURLToPath(new URL('../../src/middleware.ts', import.meta.url));

const contentConfigFiles = ['content.config.mjs', 'content.config.js', 'content.config.mts', 'content.config.ts'];

/** The one line a project needs in `src/content.config.ts` (Astro reads collections only from there). */
export const contentConfigSource = "export { collections } from '@postmortem-kb/astro/collections';\n";

export function postmortemKb(options?: PostmortemKbOptions): AstroIntegration {
  // Checked at once, so a mistake fails before Astro starts; merged with the configuration file in the hook.
  parseOptions(options);
  let finalBase = '/';
  return {
    name: '@postmortem-kb/astro',
    hooks: {
      'astro:config:done': ({ config }) => {
        finalBase = config.base;
      },
      'astro:config:setup': async ({ config, injectRoute, updateConfig, addMiddleware, logger }) => {
        const srcDir = fileURLToPath(config.srcDir);
        if (!contentConfigFiles.some((file) => existsSync(resolve(srcDir, file)))) {
          throw new Error(
            `@postmortem-kb/astro: no content configuration in ${srcDir}; create ${resolve(srcDir, 'content.config.mjs')} with:\n  ${contentConfigSource}`,
          );
        }
        const root = fileURLToPath(config.root);
        const { base, site, configFile, ...siteConfig } = await resolveSiteOptions(options, root);
        if (!existsSync(siteConfig.dir))
          throw new Error(`@postmortem-kb/astro: expected \`dir\` to be a directory of postmortems, found nothing at ${siteConfig.dir}`);
        if (configFile) logger.info(`site options from ${configFile}`);
        for (const route of siteRoutes()) injectRoute({ ...route, prerender: true });
        // After any middleware of the project: what is written is what this one returns.
        addMiddleware({ entrypoint: middlewareEntrypoint, order: 'post' });
        updateConfig({
          ...(base === undefined ? {} : { base }),
          ...(site === undefined ? {} : { site }),
          // The output guard first: a build that wrote outside its output fails before anything is cleaned up.
          integrations: [outputGuard(), dataStoreReadAtRender(), staleOutputRemovedAfterBuild()],
          // The CSP forbids inline script and style: every script and stylesheet is an external file.
          // A few pages in flight at once: one renders while the others wait on mkdir and write.
          build: { inlineStylesheets: 'never', format: 'directory', concurrency: 4 },
          devToolbar: { enabled: false },
          vite: {
            plugins: [siteConfigPlugin(siteConfig satisfies ResolvedSiteConfig, () => finalBase), parserExternal()],
            // Kept between builds; `staleOutputRemovedAfterBuild` deletes what a build did not write.
            build: { assetsInlineLimit: 0, emptyOutDir: false },
            ssr: { noExternal: ['@postmortem-kb/astro'] },
          },
        });
      },
    },
  };
}
