/** The site's search index, built once per build by the library: whole (`/search-index.json`) and split (`/search/*.json`). */
import siteConfig from 'virtual:postmortem-kb/config';
import { buildSearchIndex, searchBundleFiles, splitSearchIndex, type SearchIndex } from '@postmortem-kb/parser/search';
import { allPostmortems } from './corpus';

let index: Promise<SearchIndex> | undefined;
let files: Promise<Map<string, unknown>> | undefined;

export function siteSearchIndex(): Promise<SearchIndex> {
  return (index ??= allPostmortems().then((postmortems) => buildSearchIndex(postmortems, { synonyms: siteConfig.synonyms })));
}

/** The split index's files by name (`manifest.json`, `terms-0.json`, …). */
export function siteSearchFiles(): Promise<Map<string, unknown>> {
  return (files ??= siteSearchIndex().then((whole) => searchBundleFiles(splitSearchIndex(whole))));
}
