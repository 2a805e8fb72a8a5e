import type { APIRoute, GetStaticPaths } from 'astro';
import { siteSearchFiles } from '../../lib/search-index';
import { safeRoutes } from '../../lib/safe-routes';

/** The split search index: a manifest, term shards and document chunks; a query fetches only what it needs. */
export const getStaticPaths = (async () => {
  const files = await siteSearchFiles();
  return safeRoutes(
    '/search/[file].json',
    [...files.keys()].map((name) => ({ params: { file: name.replace(/\.json$/, '') }, props: { name } })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const files = await siteSearchFiles();
  return new Response(JSON.stringify(files.get((props as { name: string }).name)), { headers: { 'Content-Type': 'application/json' } });
};
