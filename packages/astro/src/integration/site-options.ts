/**
 * The options in force: the integration's own, else the `site` key of the configuration file
 * the CLI reads (the parser package's `findConfig`), else its `rules`, else the defaults; its `plugins` and `taxonomy`
 * as they are. One file configures lint and site.
 */
import { resolve } from 'node:path';
import { findConfig } from '@postmortem-kb/parser';
import { defaultDescription, defaultTitle, parseOptions, type PostmortemKbOptions, type ResolvedSiteConfig } from './options.js';

export interface SiteOptions extends ResolvedSiteConfig {
  base?: string;
  site?: string;
  /** The configuration file read, or null. */
  configFile: string | null;
}

/** `root` is the Astro project root: `dir` is resolved against it, and the configuration is looked for from `dir` (else `root`) up. */
export async function resolveSiteOptions(options: PostmortemKbOptions | undefined, root: string): Promise<SiteOptions> {
  const given = parseOptions(options);
  const config = await findConfig(given.dir === undefined ? root : resolve(root, given.dir)).catch((error: unknown) => {
    throw new Error(`@postmortem-kb/astro: ${error instanceof Error ? error.message : String(error)}`);
  });
  const fromFile = config.site === undefined ? {} : parseOptions(config.site, `${config.source} ("site" key)`);
  const dir =
    given.dir !== undefined
      ? resolve(root, given.dir)
      : fromFile.dir !== undefined
        ? resolve(config.baseDir ?? root, fromFile.dir)
        : resolve(root, 'postmortems');
  const base = given.base ?? fromFile.base;
  const site = given.site ?? fromFile.site;
  return {
    dir,
    title: given.title ?? fromFile.title ?? defaultTitle,
    description: given.description ?? fromFile.description ?? defaultDescription,
    editUrl: given.editUrl ?? fromFile.editUrl ?? null,
    imageSources: given.imageSources ?? fromFile.imageSources ?? [],
    rules: given.rules ?? fromFile.rules ?? config.rules,
    plugins: [...(config.plugins ?? [])],
    taxonomy: config.taxonomy ?? null,
    ignore: [...(given.ignore ?? fromFile.ignore ?? config.ignore ?? [])],
    strict: given.strict ?? fromFile.strict ?? false,
    synonyms: given.synonyms ?? fromFile.synonyms ?? [],
    ...(base === undefined ? {} : { base }),
    ...(site === undefined ? {} : { site }),
    configFile: config.source,
  };
}
