/**
 * Long incident lists are split into pages of `listPageSize`, so a facet with thousands of
 * incidents is still a page a browser (and a reader without JavaScript) can handle.
 */

export const listPageSize = 100;
/** Rows per follow-ups page: its filters work on one page at a time, so pages are long, but not 50 000 rows long. */
export const followUpsPageSize = 500;

/** URL of page `page` of a list whose first page is `first` and whose later pages are `${base}${page}/`. */
export function listPageHref(page: number, first: string, base = first): string {
  return page <= 1 ? first : `${base}${page}/`;
}

/** Page numbers to link to: all of them when few, else the first, the last and the current one's neighbours (0 marks a gap). */
export function pageNumbers(current: number, last: number): number[] {
  if (last <= 9) return Array.from({ length: last }, (_, index) => index + 1);
  const shown = new Set([1, last, current - 2, current - 1, current, current + 1, current + 2].filter((page) => page >= 1 && page <= last));
  const sorted = [...shown].sort((a, b) => a - b);
  return sorted.flatMap((page, index) => (index > 0 && page - sorted[index - 1]! > 1 ? [0, page] : [page]));
}

export interface ListPage<T> {
  /** 1-based. */
  current: number;
  last: number;
  total: number;
  items: T[];
}

/** `items` cut into pages of `size`; an empty list is one empty page. */
export function listPages<T>(items: readonly T[], size = listPageSize): ListPage<T>[] {
  const last = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: last }, (_, index) => ({
    current: index + 1,
    last,
    total: items.length,
    items: items.slice(index * size, (index + 1) * size),
  }));
}

/** The `[...page]` route parameter of a list page: none for the first page. */
export function pageParam(current: number): string | undefined {
  return current === 1 ? undefined : String(current);
}
