/**
 * The search index as the pages use it: the library's split index, each file fetched from
 * `/search/` when a query first needs it, and the markup of one hit (all text set with textContent).
 */
import { openSearchIndex, type AsyncSearcher, type SearchHit } from '@postmortem-kb/parser/search';
import { siteHref } from '../lib/links';

let searcher: Promise<AsyncSearcher> | undefined;

/** Opens the index once; a failed fetch is retried on the next call. */
export function siteSearcher(): Promise<AsyncSearcher> {
  searcher ??= openSearchIndex(async (file) => {
    const response = await fetch(siteHref(`/search/${file}`));
    if (!response.ok) throw new Error(`search index: HTTP ${response.status} for ${file}`);
    return response.json();
  });
  searcher.catch(() => (searcher = undefined));
  return searcher;
}

const fieldLabels: Record<string, string> = {
  title: 'title',
  summary: 'summary',
  rootCauses: 'root cause',
  categories: 'category',
  services: 'service',
  organization: 'organization',
  tags: 'tag',
};

/** "title (kubernetes); root cause (etcd)". */
export function matchedFields(hit: SearchHit): string {
  return hit.matches.map((match) => `${fieldLabels[match.field] ?? match.field} (${match.terms.join(', ')})`).join('; ');
}

/** A result as a link: title, date and organization, snippet, and which fields matched. */
export function hitLink(hit: SearchHit): HTMLAnchorElement {
  const link = document.createElement('a');
  link.className = 'search__hit';
  link.href = siteHref(`/incidents/${encodeURIComponent(hit.slug)}/`);
  const title = document.createElement('span');
  title.className = 'search__title';
  title.textContent = hit.title;
  const meta = document.createElement('span');
  meta.className = 'search__meta';
  meta.textContent = [hit.date, hit.organization].filter(Boolean).join(' · ');
  link.append(title, meta);
  if (hit.snippet) {
    const snippet = document.createElement('span');
    snippet.className = 'search__snippet';
    snippet.textContent = hit.snippet;
    link.append(snippet);
  }
  if (hit.matches.length > 0) {
    const why = document.createElement('span');
    why.className = 'search__why';
    why.textContent = `Matched ${matchedFields(hit)}`;
    link.append(why);
  }
  return link;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
