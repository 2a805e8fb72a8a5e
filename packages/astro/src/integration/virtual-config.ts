/** `virtual:postmortem-kb/config`: the resolved options, for the pages and the content collection. */
import type { ResolvedSiteConfig } from './options.js';

const moduleId = 'virtual:postmortem-kb/config';
const resolvedModuleId = `\0${moduleId}`;
const baseModuleId = 'virtual:postmortem-kb/base';
const resolvedBaseModuleId = `\0${baseModuleId}`;

/**
 * A Vite plugin serving `config` as the default export of the virtual module, and the site's
 * final `base` (known once Astro's configuration is done) as `virtual:postmortem-kb/base`:
 * Astro's `import.meta.env.BASE_URL` is read from `process.env.BASE_URL` at render time when
 * that variable is set, so a CI job exporting `BASE_URL` would put every link outside `base`.
 * The base module holds only the path: client scripts import it, and must not carry the options.
 */
export function siteConfigPlugin(config: ResolvedSiteConfig, base: () => string) {
  return {
    name: 'postmortem-kb:config',
    resolveId: (id: string) => (id === moduleId ? resolvedModuleId : id === baseModuleId ? resolvedBaseModuleId : undefined),
    load: (id: string) =>
      id === resolvedModuleId
        ? `export default ${JSON.stringify(config)};\n`
        : id === resolvedBaseModuleId
          ? `export default ${JSON.stringify(base())};\n`
          : undefined,
  };
}
