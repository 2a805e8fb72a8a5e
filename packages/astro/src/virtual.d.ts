/// <reference types="astro/client" />

declare module 'virtual:postmortem-kb/config' {
  const config: import('./integration/options.js').ResolvedSiteConfig;
  export default config;
}
