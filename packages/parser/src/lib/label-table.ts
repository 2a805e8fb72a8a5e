/**
 * The shape of a table of labels and values at the top of a report: one pair per row
 * (`| **Detected** | 2022-04-28 10:34 |`), or two or more (`| Date | 2024-03-01 | Severity | SEV2 |`).
 */
import type { Table, TableCell } from 'mdast';
import { toString } from 'mdast-util-to-string';

export function cellText(cell: TableCell): string {
  return toString(cell, { includeHtml: false }).trim();
}

// A label cell, once bold and italic marks are dropped: a few words with an optional colon (`**Severity:**`).
const labelCell = /^[A-Za-z][A-Za-z ]{0,30}:?$/;

/**
 * How many label/value pairs each row of the table holds: 1, or more for a table of an even
 * number of columns whose every other cell is a label, with one `isKnown` reads after the first
 * pair of a row below the first — the first row may name columns (`| Service | Status | Owner |
 * Notes |` over `| api | degraded | sam | … |` is not such a table). A table of one row may have
 * no known label in a value's place.
 */
export function labelPairsPerRow(table: Table, isKnown: (key: string) => boolean): number {
  const rows = table.children;
  const width = rows[0]?.children.length ?? 0;
  if (width < 4 || width % 2 !== 0) return 1;
  const known = (text: string) => isKnown(text.replace(/:/g, '').trim().toLowerCase());
  let found = false;
  for (const [index, row] of rows.entries()) {
    for (let column = 0; column < row.children.length; column++) {
      const text = cellText(row.children[column]!).replace(/[*_]/g, '');
      if (column % 2 === 1) {
        if (rows.length === 1 && known(text)) return 1;
      } else if (text !== '') {
        if (!labelCell.test(text)) return 1;
        if (column > 0 && (index > 0 || rows.length === 1) && known(text)) found = true;
      }
    }
  }
  return found ? width / 2 : 1;
}
