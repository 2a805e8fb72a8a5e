/** `virtual:postmortem-kb/config`: the resolved options, for the pages and the content collection. */
import type { ResolvedSiteConfig } from './options.js';

const moduleId = 'virtual:postmortem-kb/config';
const resolvedModuleId = `\0${moduleId}`;

/** A Vite plugin serving `config` as the default export of the virtual module. */
export function siteConfigPlugin(config: ResolvedSiteConfig) {
  return {
    name: 'postmortem-kb:config',
    resolveId: (id: string) => (id === moduleId ? resolvedModuleId : undefined),
    load: (id: string) => (id === resolvedModuleId ? `export default ${JSON.stringify(config)};\n` : undefined),
  };
}
