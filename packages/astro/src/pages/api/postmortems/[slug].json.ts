import type { APIRoute, GetStaticPaths } from 'astro';
import type { Postmortem } from '@postmortem-kb/parser';
import { allPostmortems } from '../../../lib/corpus';
import { safeRoutes } from '../../../lib/safe-routes';

export const getStaticPaths = (async () =>
  safeRoutes('/api/postmortems/[slug].json', (await allPostmortems()).map((postmortem) => ({ params: { slug: postmortem.slug }, props: { postmortem } })))) satisfies GetStaticPaths;

/** One postmortem, with its sanitized html. */
export const GET: APIRoute = ({ props }) => {
  const { postmortem } = props as { postmortem: Postmortem };
  return new Response(JSON.stringify(postmortem), { headers: { 'Content-Type': 'application/json' } });
};
