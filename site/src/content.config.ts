// The site's one collection, from the integration (Astro reads collections only from this file).
export { collections } from '@postmortem-kb/astro/collections';
