import type { APIRoute } from 'astro';
import icon from '../assets/favicon.svg?raw';

/** The icon is served by the integration, so a project needs no `public/` of its own. */
export const GET: APIRoute = () => new Response(icon, { headers: { 'Content-Type': 'image/svg+xml' } });
