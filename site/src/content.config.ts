import { defineCollection } from 'astro:content';
import { postmortemLoader } from '@postmortem-kb/parser/loader';
import siteConfig from '../postmortem-kb.config.mjs';
import { postmortemsDirectory } from './lib/postmortems-directory';

// No schema here: the loader validates with the library's `postmortemSchema`.
export const collections = {
  postmortems: defineCollection({ loader: postmortemLoader({ directory: postmortemsDirectory, rules: siteConfig.rules }) }),
};
