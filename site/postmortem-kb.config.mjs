/** Site settings: the name in the header and feed, and the public URL (RSS links, canonical URLs). */
export default {
  title: 'Postmortem KB',
  baseUrl: process.env.SITE_URL ?? 'http://localhost:4321',
};
