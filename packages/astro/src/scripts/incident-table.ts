/**
 * Filters and sorts `/incidents/` like a table: several facets at once (values of one facet are
 * alternatives, facets combine), a sort, both kept in the URL (`?category=database&year=2022&sort=-duration`),
 * active filters as removable chips, and per facet value how many shown incidents it would leave.
 * Without JavaScript the full list shows and the form stays hidden.
 */
const form = document.querySelector<HTMLFormElement>('[data-table-filters]');
const list = document.querySelector<HTMLElement>('[data-rows]');
const count = document.querySelector<HTMLElement>('[data-count]');
const chips = document.querySelector<HTMLElement>('[data-chips]');
const empty = document.querySelector<HTMLElement>('[data-no-rows]');

type Sort = { key: 'date' | 'duration' | 'severity'; descending: boolean };

if (form && list && count && chips && empty) {
  const rows = [...list.querySelectorAll<HTMLElement>('[data-incident]')];
  const boxes = [...form.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
  const facetIds = [...new Set(boxes.map((box) => box.name))];
  const sortSelect = form.elements.namedItem('sort') as HTMLSelectElement;
  const valuesOf = (row: HTMLElement, facet: string) => (row.dataset[facet] ?? '').split(' ').filter(Boolean);

  // State from the URL: values that are not on the page are dropped.
  const params = new URLSearchParams(location.search);
  for (const box of boxes) box.checked = params.getAll(box.name).includes(box.value);
  sortSelect.value = params.get('sort') ?? '-date';
  if (sortSelect.selectedIndex === -1) sortSelect.value = '-date';

  const parseSort = (value: string): Sort => ({ key: value.replace(/^-/, '') as Sort['key'], descending: value.startsWith('-') });
  const sortValue = (row: HTMLElement, key: Sort['key']): string | number | null => {
    if (key === 'date') return row.dataset['date'] || null;
    const raw = key === 'duration' ? row.dataset['duration'] : row.dataset['severityRank'];
    if (!raw) return null;
    // Severity: rank 1 is the most severe, so "descending severity" is ascending rank.
    return key === 'severity' ? -Number(raw) : Number(raw);
  };

  const apply = () => {
    const selected = new Map(facetIds.map((facet) => [facet, boxes.filter((box) => box.name === facet && box.checked).map((box) => box.value)]));
    const matches = (row: HTMLElement, except?: string) =>
      [...selected].every(([facet, values]) => facet === except || values.length === 0 || valuesOf(row, facet).some((value) => values.includes(value)));

    let shown = 0;
    for (const row of rows) {
      row.hidden = !matches(row);
      if (!row.hidden) shown++;
    }
    count.textContent = String(shown);
    empty.hidden = shown > 0;

    // Each value's count: incidents it would show together with the other facets' filters.
    for (const facet of facetIds) {
      const counts = new Map<string, number>();
      for (const row of rows) if (matches(row, facet)) for (const value of valuesOf(row, facet)) counts.set(value, (counts.get(value) ?? 0) + 1);
      for (const box of boxes.filter((candidate) => candidate.name === facet)) {
        const label = box.closest('label')?.querySelector('[data-facet-count]');
        if (label) label.textContent = String(counts.get(box.value) ?? 0);
      }
    }

    const { key, descending } = parseSort(sortSelect.value);
    const sorted = [...rows].sort((a, b) => {
      const x = sortValue(a, key);
      const y = sortValue(b, key);
      if (x === y) return 0;
      // Incidents without the value go last either way.
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * (descending ? -1 : 1);
    });
    list.append(...sorted);

    chips.replaceChildren(
      ...boxes
        .filter((box) => box.checked)
        .map((box) => {
          const item = document.createElement('li');
          const chip = document.createElement('button');
          chip.type = 'button';
          chip.className = 'chip chip--removable';
          chip.dataset['chip'] = `${box.name}=${box.value}`;
          chip.textContent = `${box.dataset['label'] ?? box.value} ×`;
          chip.setAttribute('aria-label', `Remove filter ${box.dataset['label'] ?? box.value}`);
          chip.addEventListener('click', () => {
            box.checked = false;
            apply();
          });
          item.append(chip);
          return item;
        }),
    );

    const url = new URL(location.href);
    for (const facet of [...facetIds, 'sort']) url.searchParams.delete(facet);
    for (const [facet, values] of selected) for (const value of values) url.searchParams.append(facet, value);
    if (sortSelect.value !== '-date') url.searchParams.set('sort', sortSelect.value);
    if (url.href !== location.href) history.replaceState(history.state, '', url);
  };

  form.addEventListener('change', apply);
  form.addEventListener('submit', (event) => event.preventDefault());
  // Open the facets that have a filter set, so the state is visible.
  for (const details of form.querySelectorAll<HTMLDetailsElement>('details')) {
    if (details.querySelector('input:checked')) details.open = true;
  }
  form.hidden = false;
  apply();
}

// A module (imported by its page), not a global script: its top-level names stay its own.
export {};
