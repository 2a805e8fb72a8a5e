/**
 * `postmortemKb()`: the Astro integration. It injects every page of the site, serves the
 * resolved options to them as `virtual:postmortem-kb/config`, and sets what the site needs
 * of Astro's configuration (no inline script or style, directory URLs, the build hooks).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { dataStoreReadAtRender, staleOutputRemovedAfterBuild } from './build-performance.js';
import { provideSiteCorpus } from './corpus-holder.js';
import { loadSiteCorpus, logSiteCorpus, problemsError, type LoadedSiteCorpus, type RecentPostmortems } from './site-corpus.js';
import { outputGuard } from './output-guard.js';
import { parserExternal } from './parser-external.js';
import { parseOptions, type PostmortemKbOptions, type ResolvedSiteConfig } from './options.js';
import { resolveSiteOptions } from './site-options.js';
import { siteRoutes } from './routes.js';
import { siteConfigPlugin } from './virtual-config.js';

/** `src/middleware.ts` of this package, from `dist/integration/` (published) or `src/integration/` (source). */
const middlewareEntrypoint = fileURLToPath(new URL('../../src/middleware.ts', import.meta.url));

/**
 * The line a project needed in `src/content.config.ts` before the site read its postmortems
 * itself; `@postmortem-kb/astro/collections` is now empty, so a project that still has the line builds as before.
 * @deprecated No content configuration is needed.
 */
export const contentConfigSource = "export { collections } from '@postmortem-kb/astro/collections';\n";

export function postmortemKb(options?: PostmortemKbOptions): AstroIntegration {
  // Checked at once, so a mistake fails before Astro starts; merged with the configuration file in the hook.
  parseOptions(options);
  let finalBase = '/';
  let corpus: CorpusSession | undefined;
  return {
    name: '@postmortem-kb/astro',
    hooks: {
      'astro:config:done': ({ config }) => {
        finalBase = config.base;
      },
      'astro:config:setup': async ({ config, command, injectRoute, updateConfig, addMiddleware, logger }) => {
        const root = fileURLToPath(config.root);
        const { base, site, configFile, ...siteConfig } = await resolveSiteOptions(options, root);
        if (!existsSync(siteConfig.dir))
          throw new Error(`@postmortem-kb/astro: expected \`dir\` to be a directory of postmortems, found nothing at ${siteConfig.dir}`);
        if (configFile) logger.info(`site options from ${configFile}`);
        corpus = corpusSession(siteConfig, fileURLToPath(new URL('postmortem-kb/postmortems/', config.cacheDir)));
        provideSiteCorpus(corpus);
        // A build parses (in the worker pool) while Vite bundles the pages; `astro:build:ssr` waits for it.
        if (command === 'build') corpus.current().catch(() => {});
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
      'astro:build:ssr': async ({ logger }) => {
        // Before any page is generated: the problems are printed, and a strict build stops here.
        const loaded = await corpus!.current();
        logSiteCorpus(loaded, logger);
        if (loaded.failing.length > 0) throw problemsError(loaded.failing);
      },
      'astro:build:done': async () => {
        await (
          await corpus!.current()
        ).cached;
      },
      'astro:server:setup': ({ server, logger }) => {
        const session = corpus!;
        const report = (loading: Promise<LoadedSiteCorpus>, after: string) =>
          loading.then(
            (loaded) => {
              // In `astro dev` a content error is logged, not thrown, so fixing the file recovers.
              logSiteCorpus(loaded, logger);
              if (loaded.failing.length > 0) logger.error(problemsError(loaded.failing).message);
              if (after) logger.info(after);
            },
            (error: unknown) => logger.error(error instanceof Error ? error.message : String(error)),
          );
        void report(session.current(), '');
        server.watcher.add(session.directory);
        const onChange = (changed: string) => {
          const inside = relative(session.directory, changed);
          if (inside.startsWith('..') || isAbsolute(inside) || !/\.(?:md|ya?ml)$/i.test(changed)) return;
          void report(session.reload(), `Reloaded postmortems after a change to ${inside}`).then(() => server.ws.send({ type: 'full-reload' }));
        };
        server.watcher.on('change', onChange);
        server.watcher.on('add', onChange);
        server.watcher.on('unlink', onChange);
      },
    },
  };
}

interface CorpusSession {
  directory: string;
  current(): Promise<LoadedSiteCorpus>;
  /** Loads again (after the load in flight, if any): unchanged files come from memory. */
  reload(): Promise<LoadedSiteCorpus>;
}

/** The corpus of one build or dev server, loaded once and again after each change. */
function corpusSession(siteConfig: ResolvedSiteConfig, cacheDirectory: string): CorpusSession {
  const recent: RecentPostmortems = new Map();
  let loading: Promise<LoadedSiteCorpus> | undefined;
  const reload = () => {
    const previous = loading?.catch(() => undefined) ?? Promise.resolve();
    return (loading = previous.then(() => loadSiteCorpus(siteConfig, cacheDirectory, recent)));
  };
  return { directory: siteConfig.dir, current: () => loading ?? reload(), reload };
}
