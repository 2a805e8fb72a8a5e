/** Plain-text tables with aligned columns, for terminal output. */

export type Alignment = 'left' | 'right';

export interface TableOptions {
  /** Per column; default left. */
  align?: readonly Alignment[];
  /** Applied to the header row after padding (e.g. bold). */
  styleHeader?: (text: string) => string;
}

/** Rows of cells (the first row is the header) as lines with two spaces between columns. */
export function formatTable(rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) => Math.max(0, ...rows.map((row) => displayWidth(row[column] ?? ''))));
  return rows
    .map((row, index) => {
      const line = widths
        .map((width, column) => {
          const cell = row[column] ?? '';
          const padding = ' '.repeat(width - displayWidth(cell));
          if (options.align?.[column] === 'right') return padding + cell;
          return column === columns - 1 ? cell : cell + padding;
        })
        .join('  ')
        .trimEnd();
      return index === 0 && options.styleHeader ? options.styleHeader(line) : line;
    })
    .join('\n');
}

/** Length in code points without colour escape codes (no wide-character handling). */
function displayWidth(text: string): number {
  return [...text.replace(/\u001b\[[0-9;]*m/g, '')].length;
}
