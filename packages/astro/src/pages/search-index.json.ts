import type { APIRoute } from 'astro';
import { siteSearchIndex } from '../lib/search-index';

/** The whole index in one file, for tools; the site's own search fetches the split index under /search/. */
export const GET: APIRoute = async () => new Response(JSON.stringify(await siteSearchIndex()), { headers: { 'Content-Type': 'application/json' } });
