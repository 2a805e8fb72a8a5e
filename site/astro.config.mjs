import { existsSync, renameSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import siteConfig from './postmortem-kb.config.mjs';

// Resolved once here (relative to the shell's directory, default ../postmortems next to
// site/) so the content loader and the pages that read taxonomy.yaml agree on one path.
process.env.POSTMORTEMS_DIR = resolve(process.env.POSTMORTEMS_DIR ?? fileURLToPath(new URL('../postmortems/', import.meta.url)));

/**
 * Astro turns the content data store into one JavaScript module of the server build; at
 * 10 000 postmortems that module is over 100 MB of array literal for Rollup to parse and
 * tree-shake on every build. Prerendering runs on the machine that built the store, so the
 * module can read the store's JSON file when the pages are generated instead.
 */
function dataStoreReadAtRender() {
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
            // Unflattened here, so the flat array is garbage as soon as the store is built.
            load: (id) => (id === resolvedId ? `import { readFileSync } from 'node:fs';\nimport { unflatten } from ${JSON.stringify(devalue)};\nexport default unflatten(JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8')));\n` : null),
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
let cacheDir = new URL('./node_modules/.astro/', import.meta.url);

/**
 * Astro empties the output directory synchronously before it builds; with one page and one
 * JSON file per postmortem that is tens of thousands of files deleted while nothing else
 * runs. Moving the old output aside and deleting it in the background gives the same
 * result (no stale page survives the build) without the wait.
 */
function previousOutputRemovedInBackground() {
  let outDir;
  let removal = Promise.resolve();
  return {
    name: 'postmortem-kb:previous-output-removed-in-background',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = resolve(fileURLToPath(config.outDir));
      },
      'astro:build:start': () => {
        // Astro keeps a `.git` in the output directory; leave that case to Astro.
        if (!outDir || !existsSync(outDir) || existsSync(resolve(outDir, '.git'))) return;
        const aside = resolve(outDir, '..', `.${outDir.split(/[\\/]/).pop()}-previous-${process.pid}`);
        try {
          renameSync(outDir, aside);
        } catch {
          return;
        }
        removal = rm(aside, { recursive: true, force: true });
      },
      'astro:build:done': () => removal,
    },
  };
}

export default defineConfig({
  site: siteConfig.baseUrl,
  integrations: [dataStoreReadAtRender(), previousOutputRemovedInBackground()],
  // Lets a test build keep its content cache apart from the real site's.
  ...(process.env.ASTRO_CACHE_DIR ? { cacheDir: process.env.ASTRO_CACHE_DIR } : {}),
  trailingSlash: 'ignore',
  // The CSP forbids inline script and style: every script and stylesheet is an external file.
  // A few pages in flight at once: one renders while the others wait on mkdir and write.
  build: { inlineStylesheets: 'never', format: 'directory', concurrency: 4 },
  vite: {
    build: { assetsInlineLimit: 0 },
    // The library is built JavaScript with its own dependencies: Node loads it as it is,
    // instead of Rollup re-bundling the markdown stack into the server build every time.
    ssr: { external: ['@postmortem-kb/parser'] },
  },
  devToolbar: { enabled: false },
});
