/** The facets the site has pages for, with the library's `groupBy` key and their URL base. */
import { groupBy, type Postmortem } from '@postmortem-kb/parser';
import { listPages, pageParam } from './pages';

export const facetPages = {
  services: { key: 'services', base: '/services/', singular: 'Service', plural: 'Services' },
  organizations: { key: 'organization', base: '/organizations/', singular: 'Organization', plural: 'Organizations' },
  severities: { key: 'severity', base: '/severities/', singular: 'Severity', plural: 'Severities' },
  years: { key: 'year', base: '/years/', singular: 'Year', plural: 'Years' },
} as const;

export type FacetPage = keyof typeof facetPages;

/** `getStaticPaths` for a facet's detail pages: one per group and page of its incidents, resolved. */
export function facetPaths(facet: FacetPage, postmortems: readonly Postmortem[]) {
  const bySlug = new Map(postmortems.map((postmortem) => [postmortem.slug, postmortem]));
  return groupBy(postmortems, facetPages[facet].key).flatMap((group) =>
    listPages(group.incidents.flatMap((slug) => bySlug.get(slug) ?? [])).map((page) => ({
      params: { name: group.slug, page: pageParam(page.current) },
      props: { name: group.name, slug: group.slug, page },
    })),
  );
}
