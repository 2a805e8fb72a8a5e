/**
 * `--from csv`: an incident log, one row per incident → one stub postmortem per row.
 * Parsed by csv-parse (quoted fields, embedded newlines, BOM) — CSV has too many edge cases
 * to hand-roll.
 */
import { basename, extname } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import type { ColumnField } from '../formats.js';
import { mapColumns } from './columns.js';
import { diagnostic, type ImportResult } from './document.js';
import { decodeText, readInput } from './inputs.js';
import type { ImportLimits } from './limits.js';
import { buildStub } from './stub.js';

export async function importCsv(path: string, limits: ImportLimits, mapping: Readonly<Record<string, ColumnField>> = {}): Promise<ImportResult> {
  const read = await readInput(path, limits.maxInputBytes);
  if (!read.ok) return { documents: [], diagnostics: [read.diagnostic] };
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(decodeText(read.data), {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: limits.maxOutputBytes,
      to: limits.maxRecords + 1,
    }) as unknown as typeof records;
  } catch (error) {
    const line = error instanceof CsvError ? Number((error as CsvError & { lines?: number }).lines ?? 1) : 1;
    return { documents: [], diagnostics: [diagnostic(path, 'import-unreadable', 'error', `Unexpected CSV: ${(error as Error).message}; not imported`, line)] };
  }
  const [header, ...rows] = records;
  if (header === undefined)
    return {
      documents: [],
      diagnostics: [diagnostic(path, 'import-unreadable', 'error', 'Unexpected empty CSV, expected a header row and one row per incident; not imported')],
    };
  const headers = header.record.map((cell) => cell.trim());
  const fields = mapColumns(headers, mapping);
  const diagnostics = fields.includes('title')
    ? []
    : [
        diagnostic(
          path,
          'import-unmapped',
          'warning',
          `No column is the title (looked for Title, Name, Incident…; use --map "<column>=title"); rows are titled by their line`,
        ),
      ];
  const stem = basename(path, extname(path));
  return {
    diagnostics,
    documents: rows.map(({ record, info }) => {
      const values = record.map((value, index) => ({ label: headers[index] ?? `Column ${index + 1}`, field: fields[index] ?? null, value }));
      const stub = buildStub(values);
      if (stub.frontmatter.title === undefined) stub.frontmatter = { title: `${stem} line ${info.lines}`, ...stub.frontmatter };
      return { source: path, record: `line ${info.lines}`, frontmatter: stub.frontmatter, body: stub.body, assets: [], diagnostics: [] };
    }),
  };
}
