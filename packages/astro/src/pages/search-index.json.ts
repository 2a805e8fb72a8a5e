import type { APIRoute } from 'astro';
import { buildSearchIndex } from '@postmortem-kb/parser/search';
import { allPostmortems } from '../lib/corpus';

/** Built once at build time; the search script fetches it when the box is first used. */
export const GET: APIRoute = async () =>
  new Response(JSON.stringify(buildSearchIndex(await allPostmortems())), { headers: { 'Content-Type': 'application/json' } });
