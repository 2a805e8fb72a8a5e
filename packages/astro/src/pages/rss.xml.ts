import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import siteConfig from 'virtual:postmortem-kb/config';
import { newestFirst } from '../lib/corpus';

/** Feed readers want what is new; a feed of every incident would be megabytes fetched on every poll. */
const feedSize = 100;

export const GET: APIRoute = async (context) => {
  const postmortems = (await newestFirst()).slice(0, feedSize);
  return rss({
    title: siteConfig.title,
    description: siteConfig.description,
    site: context.site ?? 'http://localhost:4321',
    items: postmortems.map((postmortem) => ({
      title: postmortem.title,
      link: `/incidents/${postmortem.slug}/`,
      ...(postmortem.date ? { pubDate: new Date(`${postmortem.date}T00:00:00Z`) } : {}),
      description: postmortem.summary,
      categories: postmortem.categories,
    })),
  });
};
