import type { APIRoute } from 'astro';
import { allPostmortems } from '../../lib/corpus';

/**
 * Every postmortem as the library parsed it, without the rendered html. Streamed one
 * postmortem at a time: at 10 000 postmortems the array as one string is over 100 MB.
 */
export const GET: APIRoute = async () => {
  const postmortems = await allPostmortems();
  const encoder = new TextEncoder();
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(encoder.encode('[')),
    pull: (controller) => {
      const postmortem = postmortems[next];
      if (!postmortem) {
        controller.enqueue(encoder.encode(']'));
        controller.close();
        return;
      }
      const { html: _html, ...rest } = postmortem;
      controller.enqueue(encoder.encode(`${next === 0 ? '' : ','}${JSON.stringify(rest)}`));
      next++;
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'application/json' } });
};
