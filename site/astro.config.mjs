import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import siteConfig from './postmortem-kb.config.mjs';

// Resolved once here (relative to the shell's directory, default ../postmortems next to
// site/) so the content loader and the pages that read taxonomy.yaml agree on one path.
process.env.POSTMORTEMS_DIR = resolve(process.env.POSTMORTEMS_DIR ?? fileURLToPath(new URL('../postmortems/', import.meta.url)));

export default defineConfig({
  site: siteConfig.baseUrl,
  // Lets a test build keep its content cache apart from the real site's.
  ...(process.env.ASTRO_CACHE_DIR ? { cacheDir: process.env.ASTRO_CACHE_DIR } : {}),
  trailingSlash: 'ignore',
  // The CSP forbids inline script and style: every script and stylesheet is an external file.
  build: { inlineStylesheets: 'never', format: 'directory' },
  vite: { build: { assetsInlineLimit: 0 } },
  devToolbar: { enabled: false },
});
