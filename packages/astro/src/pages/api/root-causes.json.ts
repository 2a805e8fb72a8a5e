import type { APIRoute } from 'astro';
import { siteRootCauses } from '../../lib/corpus';

export const GET: APIRoute = async () => {
  const index = await siteRootCauses();
  return new Response(JSON.stringify(index), { headers: { 'Content-Type': 'application/json' } });
};
