/**
 * The results page, `/search/?q=`: every hit of the query, best first, with their count and the
 * fields each matched; a page of hits at a time ("Show more"). Text is set with textContent.
 */
import { maxQueryLength } from '@postmortem-kb/parser/search';
import { hitLink, plural, siteSearcher } from './search-client';

const pageSize = 100;

const root = document.querySelector<HTMLElement>('[data-search-page]');
const input = root?.querySelector<HTMLInputElement>('[data-search-page-input]');
const count = root?.querySelector<HTMLElement>('[data-search-count]');
const list = root?.querySelector<HTMLOListElement>('[data-search-hits]');
const more = root?.querySelector<HTMLButtonElement>('[data-search-more]');

if (input && count && list && more) {
  const query = (new URLSearchParams(location.search).get('q') ?? '').slice(0, maxQueryLength);
  input.value = query;
  let shown = 0;
  const load = async () => {
    more.hidden = true;
    try {
      const result = await (await siteSearcher()).query(query, { limit: pageSize, offset: shown });
      for (const hit of result.hits) {
        const item = document.createElement('li');
        item.dataset['searchHit'] = hit.slug;
        item.append(hitLink(hit));
        list.append(item);
      }
      shown += result.hits.length;
      count.textContent = result.total === 0 ? `No incidents match “${query}”.` : `${plural(result.total, 'incident')} match “${query}”.`;
      count.dataset['total'] = String(result.total);
      more.hidden = shown >= result.total;
    } catch {
      count.textContent = 'Search is unavailable right now.';
    }
  };
  more.addEventListener('click', () => void load());
  if (query.trim() === '') count.textContent = 'Type a query: words, phrases, services, organizations.';
  else void load();
}
