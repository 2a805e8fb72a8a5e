import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import siteConfig from 'virtual:postmortem-kb/config';
import { newestFirst } from '../lib/corpus';
import { siteHref } from '../lib/links';

/** Feed readers want what is new; a feed of every incident would be megabytes fetched on every poll. */
const feedSize = 100;

export const GET: APIRoute = async (context) => {
  const postmortems = (await newestFirst()).slice(0, feedSize);
  return rss({
    title: siteConfig.title,
    description: siteConfig.description,
    // The channel's link is the site's home page, under `base`.
    site: new URL(siteHref('/'), context.site ?? 'http://localhost:4321').href,
    items: postmortems.map((postmortem) => ({
      title: postmortem.title,
      link: siteHref(`/incidents/${postmortem.slug}/`),
      ...(postmortem.date ? { pubDate: new Date(`${postmortem.date}T00:00:00Z`) } : {}),
      description: postmortem.summary,
      categories: postmortem.categories,
    })),
  });
};
