export { postmortemKb as default, postmortemKb, contentConfigSource } from './integration/integration.js';
export { optionsSchema, type PostmortemKbOptions, type ResolvedSiteConfig } from './integration/options.js';
