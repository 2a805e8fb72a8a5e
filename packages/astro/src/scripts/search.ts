/**
 * Progressive search: the index is fetched when the box is first used, results update as
 * you type, `?q=` is read on load and kept in the address bar, `/` focuses the box and the
 * arrow keys walk the results. Every piece of result text is set with textContent.
 */
import { loadSearchIndex, maxQueryLength } from '@postmortem-kb/parser/search';
import { siteHref } from '../lib/links';

type Searcher = ReturnType<typeof loadSearchIndex>;
type Hit = ReturnType<Searcher['search']>[number];

const resultLimit = 10;
const fieldLabels: Record<string, string> = {
  title: 'title',
  summary: 'summary',
  rootCauses: 'root cause',
  rootCause: 'root cause',
  categories: 'category',
  services: 'service',
  organization: 'organization',
  tags: 'tag',
  impact: 'impact',
  timeline: 'timeline',
  actionItems: 'action item',
  lessons: 'lessons',
  body: 'text',
};

const input = document.querySelector<HTMLInputElement>('[data-search-input]');
const results = document.querySelector<HTMLElement>('[data-search-results]');
const status = document.querySelector<HTMLElement>('[data-search-status]');

if (input && results && status) setUp(input, results, status);

function setUp(input: HTMLInputElement, results: HTMLElement, status: HTMLElement): void {
  let searcher: Promise<Searcher> | undefined;
  let latest = 0;
  const ensureIndex = () => {
    searcher ??= fetch(siteHref('/search-index.json'))
      .then((response) => {
        if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
        return response.json();
      })
      .then((index: Parameters<typeof loadSearchIndex>[0]) => loadSearchIndex(index));
    return searcher;
  };

  const run = async () => {
    const query = input.value.slice(0, maxQueryLength);
    const ticket = ++latest;
    updateAddress(query);
    if (query.trim() === '') {
      render([], '');
      return;
    }
    let hits: Hit[];
    try {
      hits = (await ensureIndex()).search(query, { limit: resultLimit });
    } catch {
      searcher = undefined;
      status.textContent = 'Search is unavailable right now.';
      return;
    }
    if (ticket === latest) render(hits, query);
  };

  const render = (hits: readonly Hit[], query: string) => {
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
    for (const hit of hits) list.append(resultItem(hit));
    results.append(list);
    status.textContent = `${hits.length} result${hits.length === 1 ? '' : 's'}.`;
  };

  input.addEventListener('focus', () => void ensureIndex().catch(() => undefined), { once: true });
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

  const initial = new URLSearchParams(location.search).get('q');
  if (initial) {
    input.value = initial.slice(0, maxQueryLength);
    void run();
  }
}

function resultItem(hit: Hit): HTMLLIElement {
  const item = document.createElement('li');
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
    why.textContent = `Matched ${hit.matches.map((match) => `${fieldLabels[match.field] ?? match.field} (${match.terms.join(', ')})`).join('; ')}`;
    link.append(why);
  }
  item.append(link);
  return item;
}

function updateAddress(query: string): void {
  const url = new URL(location.href);
  if (query.trim() === '') url.searchParams.delete('q');
  else url.searchParams.set('q', query);
  if (url.href !== location.href) history.replaceState(history.state, '', url);
}
