/**
 * `importDocuments`: inputs of one format in, converted documents out, one result per
 * input file as it is read (so a thousand inputs never sit in memory together).
 */
import { importFormats, type ColumnField, type ImportFormat, type LabelTarget } from '../formats.js';
import { importCsv } from './csv.js';
import { importDocx } from './docx.js';
import { importHtml } from './html.js';
import { importIssues } from './issues.js';
import type { ImportResult } from './document.js';
import { expandInput } from './inputs.js';
import { defaultLimits, type ImportLimits } from './limits.js';
import { importMarkdown } from './markdown.js';
import { importNotion } from './notion.js';

export interface ImportOptions {
  limits?: Partial<ImportLimits>;
  /** Issue label pattern (`*` matches any text) → field; see `defaultLabelMapping`. */
  labels?: Readonly<Record<string, LabelTarget>> | undefined;
  /** CSV / Notion column header → field, over the headers recognised by name. */
  columns?: Readonly<Record<string, ColumnField>> | undefined;
  /** Zone of times written without one. */
  timezone?: string | undefined;
}

const extensions: Record<ImportFormat, readonly string[]> = {
  html: ['.html', '.htm', '.xhtml'],
  docx: ['.docx'],
  csv: ['.csv'],
  notion: ['.md', '.csv'],
  'github-issues': ['.json', '.ndjson'],
  'gitlab-issues': ['.json', '.ndjson'],
  markdown: ['.md', '.markdown'],
};

export async function* importDocuments(inputs: readonly string[], format: ImportFormat, options: ImportOptions = {}): AsyncGenerator<ImportResult> {
  if (!importFormats.includes(format))
    throw new TypeError(`importDocuments: unknown format ${JSON.stringify(format)}, expected one of ${importFormats.join(', ')}`);
  const limits = { ...defaultLimits, ...options.limits };
  if (format === 'github-issues' || format === 'gitlab-issues') {
    // Comments may sit in other files than their issues: all inputs are read before any issue is written.
    const paths = (await Promise.all(inputs.map((input) => expandInput(input, extensions[format])))).flat();
    yield await importIssues(paths, format === 'github-issues' ? 'github' : 'gitlab', limits, options.labels);
    return;
  }
  if (format === 'notion') {
    // A database's CSV and its pages are read together: one result per database, then per page.
    yield* importNotion(inputs, limits, options.columns);
    return;
  }
  for (const input of inputs) {
    for (const path of await expandInput(input, extensions[format])) {
      yield await importFile(path, format, limits, options);
    }
  }
}

async function importFile(path: string, format: ImportFormat, limits: ImportLimits, options: ImportOptions): Promise<ImportResult> {
  switch (format) {
    case 'html':
      return importHtml(path, limits);
    case 'markdown':
      return importMarkdown(path, limits);
    case 'docx':
      return importDocx(path, limits);
    case 'csv':
      return importCsv(path, limits, options.columns);
    case 'github-issues':
    case 'gitlab-issues':
    case 'notion':
      throw new TypeError(`${format} inputs are read together`);
  }
}
