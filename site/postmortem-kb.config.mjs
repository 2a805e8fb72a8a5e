/**
 * Site settings: the name in the header and feed, the public URL (RSS links, canonical URLs),
 * and rule settings for the build, in the shape of the CLI's configuration
 * (`{ "<ruleId>": "off" | "info" | "warning" | "error" }`): the build fails on every
 * diagnostic that is an error after these settings.
 */
export default {
  title: 'Postmortem KB',
  baseUrl: process.env.SITE_URL ?? 'http://localhost:4321',
  rules: {},
};
