/**
 * How the pages reach the corpus the integration loaded. The integration runs as Node loads
 * it; the pages are bundled by Vite, which gives them a second copy of any module they share
 * with it, so the two meet on `globalThis` under a registered symbol, one source per process.
 */
import type { SiteCorpus } from './site-corpus.js';

const key: unique symbol = Symbol.for('@postmortem-kb/astro/site-corpus') as never;

export interface SiteCorpusSource {
  /** The corpus as loaded now: the same promise until a change in `astro dev` loads it again. */
  current(): Promise<SiteCorpus>;
}

type Holder = typeof globalThis & { [key]?: SiteCorpusSource };

export function provideSiteCorpus(source: SiteCorpusSource): void {
  (globalThis as Holder)[key] = source;
}

/** The corpus, for the pages. */
export function siteCorpus(): Promise<SiteCorpus> {
  const source = (globalThis as Holder)[key];
  if (source === undefined)
    return Promise.reject(new Error('@postmortem-kb/astro: no corpus loaded; the pages run only with `postmortemKb()` in `integrations`'));
  return source.current();
}
