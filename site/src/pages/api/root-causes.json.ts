import type { APIRoute } from 'astro';
import { rootCauseIndex } from '@postmortem-kb/parser';
import { allPostmortems, siteTaxonomy } from '../../lib/corpus';

export const GET: APIRoute = async () => {
  const index = rootCauseIndex(await allPostmortems(), await siteTaxonomy());
  return new Response(JSON.stringify(index), { headers: { 'Content-Type': 'application/json' } });
};
