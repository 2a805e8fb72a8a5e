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
        // First in the list, so this load answers before Astro's own plugin (enforce 'pre' too).
        vite.plugins = [
          {
            name: 'postmortem-kb:data-store-read-at-render',
            enforce: 'pre',
            load: (id) => (id === resolvedId ? `import { readFileSync } from 'node:fs';\nexport default JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8'));\n` : null),
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

export default defineConfig({
  site: siteConfig.baseUrl,
  integrations: [dataStoreReadAtRender()],
  // Lets a test build keep its content cache apart from the real site's.
  ...(process.env.ASTRO_CACHE_DIR ? { cacheDir: process.env.ASTRO_CACHE_DIR } : {}),
  trailingSlash: 'ignore',
  // The CSP forbids inline script and style: every script and stylesheet is an external file.
  build: { inlineStylesheets: 'never', format: 'directory' },
  vite: { build: { assetsInlineLimit: 0 } },
  devToolbar: { enabled: false },
});
