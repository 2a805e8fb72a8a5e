/**
 * The library renders GFM task lists as bare disabled checkboxes, which have no accessible
 * name (axe `label`, critical). Exact, constant substitutions: nothing from content moves.
 */
export function labelTaskCheckboxes(html: string): string {
  return html
    .replaceAll('<input type="checkbox" checked disabled>', '<input type="checkbox" checked disabled aria-label="done">')
    .replaceAll('<input type="checkbox" disabled>', '<input type="checkbox" disabled aria-label="open">');
}
