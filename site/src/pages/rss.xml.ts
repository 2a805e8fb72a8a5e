import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import siteConfig from '../../postmortem-kb.config.mjs';
import { newestFirst } from '../lib/corpus';

/** Feed readers want what is new; a feed of every incident would be megabytes fetched on every poll. */
const feedSize = 100;

export const GET: APIRoute = async (context) => {
  const postmortems = (await newestFirst()).slice(0, feedSize);
  return rss({
    title: siteConfig.title,
    description: 'Incident postmortems: what broke, why, and what was done about it.',
    site: context.site ?? siteConfig.baseUrl,
    items: postmortems.map((postmortem) => ({
      title: postmortem.title,
      link: `/incidents/${postmortem.slug}/`,
      ...(postmortem.date ? { pubDate: new Date(`${postmortem.date}T00:00:00Z`) } : {}),
      description: postmortem.summary,
      categories: postmortem.categories,
    })),
  });
};
