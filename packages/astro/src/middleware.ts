/**
 * Every HTML page and XML file the site writes passes through here: characters XML 1.0
 * forbids (control characters from a postmortem's title or text, U+FFFE …) are removed, so
 * the feed stays well-formed XML and no control character reaches a reader's screen or terminal.
 */
import type { MiddlewareHandler } from 'astro';
import { stripXmlForbidden } from '@postmortem-kb/parser';

const markup = /^(?:text\/html|application\/(?:[\w.+-]+\+)?xml|text\/xml)\b/i;

export const onRequest: MiddlewareHandler = async (_context, next) => {
  const response = await next();
  if (!markup.test(response.headers.get('Content-Type') ?? '')) return response;
  const text = await response.text();
  return new Response(stripXmlForbidden(text), { status: response.status, statusText: response.statusText, headers: response.headers });
};
