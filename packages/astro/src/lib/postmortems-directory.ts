import siteConfig from 'virtual:postmortem-kb/config';

/** Absolute path of the postmortems (the integration's `dir`, resolved against the project root). */
export const postmortemsDirectory: string = siteConfig.dir;
