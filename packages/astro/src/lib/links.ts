import base from 'virtual:postmortem-kb/base';

/** Only web links from postmortem content become `href`s; anything else is shown as text. */
export function safeHttpUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The site's `base` (Astro's own, e.g. `/kb/`) without its trailing slash: `''` at the root. */
export const basePath: string = base.endsWith('/') ? base.slice(0, -1) : base;

/** `path` (absolute within the site, `/incidents/x/`) as a link that works under `base`. */
export function siteHref(path: string): string {
  return `${basePath}${path}`;
}
