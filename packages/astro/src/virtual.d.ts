/// <reference types="astro/client" />

declare module 'virtual:postmortem-kb/config' {
  const config: import('./integration/options.js').ResolvedSiteConfig;
  export default config;
}

declare module 'virtual:postmortem-kb/base' {
  /** The path the site is served under, as Astro's configuration has it (`/`, `/kb/`). */
  const base: string;
  export default base;
}
