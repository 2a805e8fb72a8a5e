import type { APIRoute } from 'astro';
import { allPostmortems } from '../../lib/corpus';

/** Every postmortem as the library parsed it, without the rendered html. */
export const GET: APIRoute = async () => {
  const postmortems = (await allPostmortems()).map(({ html: _html, ...rest }) => rest);
  return new Response(JSON.stringify(postmortems), { headers: { 'Content-Type': 'application/json' } });
};
