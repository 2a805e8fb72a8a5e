/**
 * Hooks that keep the site build from growing with the corpus where Astro would (see the
 * package README, "Build performance").
 */
import { lstat, readdir, rm, rmdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * Astro turns the content data store into one JavaScript module of the server build; at
 * 10 000 postmortems that module is over 100 MB of array literal for Rollup to parse and
 * tree-shake on every build. Prerendering runs on the machine that built the store, so the
 * module can read the store's JSON file when the pages are generated instead.
 */
export function dataStoreReadAtRender(): AstroIntegration {
  let cacheDir = new URL('./node_modules/.astro/', import.meta.url);
  const resolvedId = '\0astro:data-layer-content';
  return {
    name: 'postmortem-kb:data-store-read-at-render',
    hooks: {
      'astro:build:setup': ({ vite, target }) => {
        if (target !== 'server') return;
        const file = fileURLToPath(new URL('data-store.json', cacheDir));
        // Astro's own copy of devalue, which wrote the store.
        const devalue = createRequire(createRequire(import.meta.url).resolve('astro/package.json')).resolve('devalue');
        // First in the list, so this load answers before Astro's own plugin (enforce 'pre' too).
        vite.plugins = [
          {
            name: 'postmortem-kb:data-store-read-at-render',
            enforce: 'pre',
            // Unflattened here, so the flat array is garbage as soon as the store is built. No
            // store file (a project without content collections: the site needs none) is an empty store, as in Astro's own plugin.
            load: (id) =>
              id === resolvedId
                ? `import { existsSync, readFileSync } from 'node:fs';\nimport { unflatten } from ${JSON.stringify(devalue)};\nconst file = ${JSON.stringify(file)};\nexport default existsSync(file) ? unflatten(JSON.parse(readFileSync(file, 'utf8'))) : new Map();\n`
                : null,
          },
          ...(vite.plugins ?? []),
        ];
      },
      'astro:config:done': ({ config }) => {
        cacheDir = config.cacheDir;
      },
    },
  };
}

/**
 * Astro empties the output directory before it builds, so every build creates every page
 * and JSON file anew: on the 2-core build machine creating 20 000 files takes ~12 s where
 * overwriting them takes ~2 s. The output directory is kept (`emptyOutDir: false`) and
 * whatever this build did not write is deleted after it, so no stale page survives.
 */
export function staleOutputRemovedAfterBuild(): AstroIntegration {
  let outDir: string | undefined;
  let started = 0;
  return {
    name: 'postmortem-kb:stale-output-removed-after-build',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = resolve(fileURLToPath(config.outDir));
      },
      'astro:build:start': () => {
        started = Date.now();
      },
      'astro:build:done': async () => {
        if (outDir && started > 0) await removeWrittenBefore(outDir, started);
      },
    },
  };
}

/** Deletes files below `dir` last modified before `time`, and directories left empty; true when something is left. */
async function removeWrittenBefore(dir: string, time: number): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true });
  const kept = await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      // Astro's own emptying keeps a `.git` (a deploy checkout) too.
      if (entry.name === '.git') return true;
      if (entry.isDirectory()) {
        if (await removeWrittenBefore(path, time)) return true;
        await rmdir(path);
        return false;
      }
      if ((await lstat(path)).mtimeMs >= time) return true;
      await rm(path, { force: true });
      return false;
    }),
  );
  return kept.includes(true);
}
