/**
 * The content collection the site reads, for a project's `src/content.config.ts`:
 * `export { collections } from '@postmortem-kb/astro/collections';`
 */
import { defineCollection } from 'astro:content';
import { postmortemLoader } from '@postmortem-kb/parser/loader';
import siteConfig from 'virtual:postmortem-kb/config';
import { loaderOptions } from './integration/loader-options.js';

// No schema here: the loader validates with the library's `postmortemSchema`.
export const collections = {
  postmortems: defineCollection({
    loader: postmortemLoader(loaderOptions(siteConfig)),
  }),
};
