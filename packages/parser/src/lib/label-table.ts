/**
 * The shape of a table of labels and values at the top of a report: one pair per row
 * (`| **Detected** | 2022-04-28 10:34 |`), or two or more (`| Date | 2024-03-01 | Severity | SEV2 |`);
 * and telling it from a table of data whose first row names its columns.
 */
import type { PhrasingContent, Table, TableCell, TableRow } from 'mdast';

/** `<br>`, `<br/>`: a line break written in a cell, the only way to break a line in a GFM table. */
const lineBreak = /^<br\s*\/?>$/i;

/**
 * The plain text of a cell, raw HTML left out (`<b>API</b>` reads `API`) but for a `<br>`, which
 * parts the words on either side (`2022-04-28<br>10:34 UTC` reads `2022-04-28 10:34 UTC`).
 */
export function cellText(cell: TableCell): string {
  // A GFM cell is one line, so a newline here can only stand for a `<br>`: the lines it parts, trimmed, joined by a space.
  return cell.children
    .map(phrasingText)
    .join('')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}

/** As mdast-util-to-string reads a node with `includeHtml: false`, but a `<br>` gives a newline. */
function phrasingText(node: PhrasingContent): string {
  if (node.type === 'html') return lineBreak.test(node.value.trim()) ? '\n' : '';
  if ('children' in node) return node.children.map(phrasingText).join('');
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  return 'value' in node ? node.value : '';
}

// A label cell, once bold and italic marks are dropped: a few words with an optional colon (`**Severity:**`).
const labelCell = /^[A-Za-z][A-Za-z ]{0,30}:?$/;

const plainText = (cell: TableCell | undefined) => (cell === undefined ? '' : cellText(cell).replace(/[*_]/g, ''));
const isKnownText = (text: string, isKnown: (key: string) => boolean) => isKnown(text.replace(/:/g, '').trim().toLowerCase());

/**
 * The rows of a table above the first section to read as labels and values, and how many pairs
 * each holds. A GFM table's first row names its columns, so it is read only when it is a label
 * and a value: in a two-column table over rows whose first cell is a label we read
 * (`| Field | Value |` over `| **Detected** | … |`), alone, or when its second cell is not a
 * plain name (`| Date | 2024-03-01 |`); never when that cell is itself a label (`| Severity |
 * Status |`). A wider table gives nothing unless it holds pairs across (`labelPairsPerRow`):
 * `| Services | Region | Impact |` over rows of data is data.
 */
export function labelRows(table: Table, isKnown: (key: string) => boolean): { rows: TableRow[]; pairs: number } {
  const pairs = labelPairsPerRow(table, isKnown);
  const [head, ...body] = table.children;
  if (pairs > 1) return { rows: table.children, pairs };
  if (head === undefined || head.children.length !== 2) return { rows: [], pairs };
  const known = (cell: TableCell | undefined) => isKnownText(plainText(cell), isKnown);
  const value = head.children[1];
  const headIsPair = !known(value) && (body.length === 0 || body.some((row) => known(row.children[0])) || !labelCell.test(plainText(value)));
  return { rows: headIsPair ? table.children : body, pairs };
}

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
  const known = (text: string) => isKnownText(text, isKnown);
  let found = false;
  for (const [index, row] of rows.entries()) {
    for (let column = 0; column < row.children.length; column++) {
      const text = plainText(row.children[column]);
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
