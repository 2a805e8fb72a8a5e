/** Filters the follow-ups table by status and owner; without JS the whole table shows. */
const form = document.querySelector<HTMLFormElement>('[data-follow-up-filters]');
const rows = [...document.querySelectorAll<HTMLTableRowElement>('[data-follow-up]')];
const count = document.querySelector<HTMLElement>('[data-follow-up-count]');

if (form && count) {
  const status = form.elements.namedItem('status') as HTMLSelectElement;
  const owner = form.elements.namedItem('owner') as HTMLSelectElement;
  const params = new URLSearchParams(location.search);
  status.value = params.get('status') ?? '';
  owner.value = params.get('owner') ?? '';
  if (status.selectedIndex === -1) status.value = '';
  if (owner.selectedIndex === -1) owner.value = '';

  const apply = () => {
    let shown = 0;
    for (const row of rows) {
      const statusMatches = status.value === '' || (status.value === 'overdue' ? row.dataset['overdue'] === 'true' : row.dataset['status'] === status.value);
      const ownerMatches = owner.value === '' || row.dataset['owner'] === owner.value;
      row.hidden = !(statusMatches && ownerMatches);
      if (!row.hidden) shown++;
    }
    count.textContent = `Showing ${shown} of ${rows.length} action items.`;
    const url = new URL(location.href);
    for (const [key, select] of [
      ['status', status],
      ['owner', owner],
    ] as const) {
      if (select.value === '') url.searchParams.delete(key);
      else url.searchParams.set(key, select.value);
    }
    history.replaceState(history.state, '', url);
  };
  form.addEventListener('change', apply);
  form.addEventListener('submit', (event) => event.preventDefault());
  form.hidden = false;
  apply();
}

// A module (imported by its page), not a global script: its top-level names stay its own.
export {};
