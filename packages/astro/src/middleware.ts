/**
 * Every HTML page and XML file the site writes passes through here: characters XML 1.0
 * forbids (control characters from a postmortem's title or text, U+FFFE …) are removed, so
 * the feed stays well-formed XML and no control character reaches a reader's screen or terminal.
 */
import type { MiddlewareHandler } from 'astro';
import { stripXmlForbidden } from '@postmortem-kb/parser';

const markup = /^(?:text\/html|application\/(?:[\w.+-]+\+)?xml|text\/xml)\b/i;

/**
 * Whether UTF-8 `bytes` may hold a character XML 1.0 forbids: a C0 control other than tab, line
 * feed and carriage return, or U+FFFE / U+FFFF (EF BF BE, EF BF BF). A lone surrogate cannot be
 * there: encoding the page made it U+FFFD. Read on the bytes, so a clean page (nearly all of
 * them; 12 000 at 10 000 postmortems) is never decoded, scanned as text and encoded again.
 */
function mayHoldXmlForbidden(bytes: Uint8Array): boolean {
  for (let at = 0; at < bytes.length; at++) {
    const byte = bytes[at]!;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return true;
    if (byte === 0xef && bytes[at + 1] === 0xbf && (bytes[at + 2] === 0xbe || bytes[at + 2] === 0xbf)) return true;
  }
  return false;
}

export const onRequest: MiddlewareHandler = async (_context, next) => {
  const response = await next();
  if (!markup.test(response.headers.get('Content-Type') ?? '')) return response;
  const bytes = new Uint8Array(await response.arrayBuffer());
  const body = mayHoldXmlForbidden(bytes) ? stripXmlForbidden(new TextDecoder().decode(bytes)) : bytes;
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
};
