/**
 * Progressive search: the index is fetched when the box is first used, results update as
 * you type, `?q=` is read on load and kept in the address bar, `/` focuses the box and the
 * arrow keys walk the results. Every piece of result text is set with textContent.
 */
import { maxQueryLength, type SearchResult } from '@postmortem-kb/parser/search';
import { siteHref } from '../lib/links';
import { hitLink, plural, siteSearcher } from './search-client';

const resultLimit = 10;

const input = document.querySelector<HTMLInputElement>('[data-search-input]');
const results = document.querySelector<HTMLElement>('[data-search-results]');
const status = document.querySelector<HTMLElement>('[data-search-status]');

if (input && results && status) setUp(input, results, status);

function setUp(input: HTMLInputElement, results: HTMLElement, status: HTMLElement): void {
  let latest = 0;

  const run = async () => {
    const query = input.value.slice(0, maxQueryLength);
    const ticket = ++latest;
    updateAddress(query);
    if (query.trim() === '') {
      render({ total: 0, hits: [] }, '');
      return;
    }
    let result: SearchResult;
    try {
      result = await (await siteSearcher()).query(query, { limit: resultLimit });
    } catch {
      status.textContent = 'Search is unavailable right now.';
      return;
    }
    if (ticket === latest) render(result, query);
  };

  const render = ({ total, hits }: SearchResult, query: string) => {
    results.replaceChildren();
    if (query.trim() === '') {
      results.hidden = true;
      status.textContent = '';
      return;
    }
    results.hidden = false;
    if (hits.length === 0) {
      const empty = document.createElement('p');
      empty.className = 'search__empty';
      empty.textContent = 'No incidents match.';
      results.append(empty);
      status.textContent = 'No results.';
      return;
    }
    const list = document.createElement('ol');
    list.className = 'search__list';
    for (const hit of hits) {
      const item = document.createElement('li');
      item.append(hitLink(hit));
      list.append(item);
    }
    // The dropdown shows the best few; the results page lists every hit.
    const all = document.createElement('a');
    all.className = 'search__all';
    all.href = siteHref(`/search/?q=${encodeURIComponent(query)}`);
    all.textContent = `${plural(total, 'result')} — see all`;
    all.dataset['searchAll'] = '';
    results.append(list, all);
    status.textContent = `${plural(total, 'result')}.`;
  };

  input.addEventListener('focus', () => void siteSearcher().catch(() => undefined), { once: true });
  input.addEventListener('input', () => void run());
  input.closest('form')?.addEventListener('submit', (event) => {
    // Enter in the box opens the first result rather than reloading the page.
    event.preventDefault();
    links()[0]?.click();
  });

  const links = () => [...results.querySelectorAll<HTMLAnchorElement>('a')];
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      const first = links()[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === 'Escape') {
      input.value = '';
      void run();
    }
  });
  results.addEventListener('keydown', (event) => {
    const all = links();
    const index = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (index === -1) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      all[Math.min(all.length - 1, index + 1)]?.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (index === 0) input.focus();
      else all[index - 1]?.focus();
    } else if (event.key === 'Escape') {
      input.focus();
    }
  });

  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || /^(?:input|textarea|select)$/i.test(target.tagName))) return;
    event.preventDefault();
    input.focus();
    input.select();
  });

  // The results page runs the `?q=` query itself.
  const initial = document.querySelector('[data-search-page]') ? null : new URLSearchParams(location.search).get('q');
  if (initial) {
    input.value = initial.slice(0, maxQueryLength);
    void run();
  }
}

function updateAddress(query: string): void {
  const url = new URL(location.href);
  if (query.trim() === '') url.searchParams.delete('q');
  else url.searchParams.set('q', query);
  if (url.href !== location.href) history.replaceState(history.state, '', url);
}
