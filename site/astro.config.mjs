import { defineConfig } from 'astro/config';
import postmortemKb from '@postmortem-kb/astro';

// This repository's own site: the integration publishing ../postmortems (or POSTMORTEMS_DIR).
export default defineConfig({
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  integrations: [postmortemKb({ dir: process.env.POSTMORTEMS_DIR ?? '../postmortems' })],
  // Lets a test build keep its content cache apart from the real site's.
  ...(process.env.ASTRO_CACHE_DIR ? { cacheDir: process.env.ASTRO_CACHE_DIR } : {}),
});
