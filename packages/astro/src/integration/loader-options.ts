/** The content loader's options from the resolved site options: the configuration's rules, ignore globs, plugins and taxonomy reach the loader. */
import type { PostmortemLoaderOptions } from '@postmortem-kb/parser/loader';
import type { ResolvedSiteConfig } from './options.js';

export function loaderOptions(config: ResolvedSiteConfig): PostmortemLoaderOptions {
  return {
    directory: config.dir,
    rules: config.rules,
    ignore: config.ignore,
    plugins: config.plugins,
    ...(config.taxonomy === null ? {} : { taxonomy: config.taxonomy }),
    strict: config.strict,
  };
}
