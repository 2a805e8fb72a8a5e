/** Filters the follow-ups table by status and owner; without JS the whole table shows. */
const form = document.querySelector<HTMLFormElement>('[data-follow-up-filters]');
const rows = [...document.querySelectorAll<HTMLTableRowElement>('[data-follow-up]')];
const count = document.querySelector<HTMLElement>('[data-follow-up-count]');

if (form && count) {
  // A select is left out when there is nothing to choose by (no statuses or no owners given).
  const status = form.querySelector<HTMLSelectElement>('select[name=status]');
  const owner = form.querySelector<HTMLSelectElement>('select[name=owner]');
  const selects = [
    ['status', status],
    ['owner', owner],
  ] as const;
  const params = new URLSearchParams(location.search);
  for (const [key, select] of selects) {
    if (!select) continue;
    select.value = params.get(key) ?? '';
    if (select.selectedIndex === -1) select.value = '';
  }

  const apply = () => {
    const wantedStatus = status?.value ?? '';
    const wantedOwner = owner?.value ?? '';
    let shown = 0;
    for (const row of rows) {
      const statusMatches = wantedStatus === '' || (wantedStatus === 'overdue' ? row.dataset['overdue'] === 'true' : row.dataset['status'] === wantedStatus);
      const ownerMatches = wantedOwner === '' || row.dataset['owner'] === wantedOwner;
      row.hidden = !(statusMatches && ownerMatches);
      if (!row.hidden) shown++;
    }
    count.textContent = `Showing ${shown} of ${rows.length} action items.`;
    const url = new URL(location.href);
    for (const [key, select] of selects) {
      if (!select || select.value === '') url.searchParams.delete(key);
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
