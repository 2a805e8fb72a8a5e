/** The facets the site has pages for, with the library's `groupBy` key and their URL base. */
import { allPostmortems, siteGroups } from './corpus';
import { listPages, pageParam } from './pages';
import { safeRoutes } from './safe-routes';

export const facetPages = {
  services: { key: 'services', base: '/services/', singular: 'Service', plural: 'Services' },
  organizations: { key: 'organization', base: '/organizations/', singular: 'Organization', plural: 'Organizations' },
  severities: { key: 'severity', base: '/severities/', singular: 'Severity', plural: 'Severities' },
  years: { key: 'year', base: '/years/', singular: 'Year', plural: 'Years' },
  triggers: { key: 'trigger', base: '/triggers/', singular: 'Trigger', plural: 'Triggers' },
} as const;

export type FacetPage = keyof typeof facetPages;

/** `getStaticPaths` for a facet's detail pages: one per group and page of its incidents, resolved. */
export async function facetPaths(facet: FacetPage) {
  const bySlug = new Map((await allPostmortems()).map((postmortem) => [postmortem.slug, postmortem]));
  return safeRoutes(
    `${facetPages[facet].base}[name]/[...page]`,
    (await siteGroups(facetPages[facet].key)).flatMap((group) =>
      listPages(group.incidents.flatMap((slug) => bySlug.get(slug) ?? [])).map((page) => ({
        params: { name: group.slug, page: pageParam(page.current) },
        props: { name: group.name, slug: group.slug, page },
      })),
    ),
  );
}
