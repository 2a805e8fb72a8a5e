/**
 * Kept so that a project whose `src/content.config.ts` still has the line
 * `export { collections } from '@postmortem-kb/astro/collections';` builds as before: the site
 * no longer reads a content collection (the integration reads the postmortems itself), so
 * there is nothing here. A project that wants the postmortems as a collection for pages of
 * its own defines one with `postmortemLoader` from `@postmortem-kb/parser/loader`.
 * @deprecated Delete the line (and the file, if it holds nothing else).
 */
export const collections = {};
