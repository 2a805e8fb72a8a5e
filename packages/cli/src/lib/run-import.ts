/**
 * The body of `postmortem import`, loaded only when that command runs: converts each input,
 * names and writes the files (never overwriting without --force), parses what was written
 * and reports what the parser recognised.
 */
import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { formatDiagnostic, parsePostmortem, toUrlSlug } from '@postmortem-kb/parser';
import {
  columnFields,
  composeMarkdown,
  describeImport,
  importDocuments,
  type ColumnField,
  type ImportedDocument,
  type Recognised,
  type Unrecognised,
} from '@postmortem-kb/import';
import type { ImportCommandOptions } from '../commands/import.js';
import { writeFileAtomic } from './atomic-write.js';
import { fileSlugLength } from './file-slug.js';
import type { RunContext } from './context.js';
import { escapeTerminalText, stringifyJson } from './terminal-text.js';
import { UsageError } from './usage-error.js';

export interface ImportReport {
  source: string;
  /** Where the file is (or would be) written, relative to the working directory; null when refused. */
  path: string | null;
  written: boolean;
  /** Why it was not written, when it was not. */
  skipped: string | null;
  images: string[];
  recognised: Recognised | null;
  unrecognised: Unrecognised;
}

export async function runImport(inputs: readonly string[], options: ImportCommandOptions, context: RunContext): Promise<number> {
  const config = await context.config();
  for (const [column, field] of Object.entries(options.map)) {
    if (!(columnFields as readonly string[]).includes(field))
      throw new UsageError(`--map "${column}=${field}": unknown field "${field}", expected one of ${columnFields.join(', ')}`);
  }
  const paths: string[] = [];
  for (const input of inputs) {
    const absolute = resolve(context.cwd, input);
    if (
      !(await stat(absolute).then(
        () => true,
        () => false,
      ))
    )
      throw new UsageError(`path not found: ${input}`);
    paths.push(absolute);
  }
  const outDir = resolve(context.cwd, options.out);
  const shown = (path: string) => {
    const relativePath = relative(context.cwd, path);
    return relativePath === '' || relativePath.startsWith('..') ? path : relativePath;
  };
  const maxOutputBytes = config.maxBytes ?? 1_000_000;
  const taken = new Set<string>();
  const reports: ImportReport[] = [];
  let failed = false;
  const files = createFileWriter();
  // Each write waits on fsync; the next documents convert meanwhile. Reports are still taken
  // (and printed) in input order, and names are given in that order before any write starts.
  const inFlight: Array<Promise<ImportReport>> = [];
  const settle = async (keep: number): Promise<void> => {
    while (inFlight.length > keep) {
      const report = await inFlight.shift()!;
      if (report.path !== null) failed ||= !report.written && !options.dryRun;
      reports.push(report);
      if (!options.json) printReport(report, options.dryRun, context);
    }
  };
  const enqueue = async (report: Promise<ImportReport>): Promise<void> => {
    // A later write that fails while an earlier one is awaited is reported when its turn comes, not as unhandled.
    report.catch(() => {});
    inFlight.push(report);
    await settle(writesInFlight);
  };

  const documents = importDocuments(paths, options.from, {
    limits: { maxOutputBytes },
    labels: config.import?.labels,
    columns: { ...config.import?.columns, ...(options.map as Record<string, ColumnField>) },
    timezone: config.timezone,
  });
  for await (const result of documents) {
    for (const refusal of result.diagnostics) {
      failed ||= refusal.severity === 'error';
      await enqueue(
        Promise.resolve({
          source: shown(refusal.path ?? ''),
          path: null,
          written: false,
          skipped: refusal.message,
          images: [],
          recognised: null,
          unrecognised: { headings: [], diagnostics: [{ ...refusal, path: shown(refusal.path ?? '') }] },
        }),
      );
    }
    for (const document of result.documents) {
      await enqueue(writeDocument(document, { outDir, shown, taken, maxOutputBytes, options, timezone: config.timezone, files }));
    }
  }
  await settle(0);
  if (options.json) context.stdout.write(`${stringifyJson(reports, 2)}\n`);
  else {
    const written = reports.filter((report) => report.written).length;
    const documentsSeen = reports.filter((report) => report.path !== null).length;
    context.stdout.line(
      options.dryRun
        ? `${documentsSeen} ${documentsSeen === 1 ? 'document' : 'documents'} would be imported into ${shown(outDir)} (dry run: nothing written)`
        : `${written} of ${reports.length} ${reports.length === 1 ? 'document' : 'documents'} imported into ${shown(outDir)}`,
    );
  }
  return failed ? 1 : 0;
}

interface WriteContext {
  outDir: string;
  shown: (path: string) => string;
  taken: Set<string>;
  maxOutputBytes: number;
  options: ImportCommandOptions;
  timezone: string | undefined;
  files: FileWriter;
}

/** How many documents may be waiting on their writes while later ones are converted. */
const writesInFlight = 16;

interface FileWriter {
  /** Creates a directory once per run. */
  directory(path: string): Promise<void>;
  /** Writes an image once per run: its name is its content's hash, so an existing file holds the same bytes. */
  asset(path: string, data: Uint8Array): Promise<void>;
}

function createFileWriter(): FileWriter {
  const directories = new Map<string, Promise<unknown>>();
  const assets = new Map<string, Promise<void>>();
  const directory = async (path: string): Promise<void> => {
    let made = directories.get(path);
    if (made === undefined) directories.set(path, (made = mkdir(path, { recursive: true })));
    await made;
  };
  return {
    directory,
    async asset(path, data) {
      let written = assets.get(path);
      if (written === undefined) {
        written = directory(dirname(path)).then(() =>
          writeFileAtomic(path, data, { overwrite: false }).catch((error: NodeJS.ErrnoException) => {
            if (error.code !== 'EEXIST') throw error;
          }),
        );
        assets.set(path, written);
      }
      await written;
    },
  };
}

async function writeDocument(document: ImportedDocument, write: WriteContext): Promise<ImportReport> {
  const text = composeMarkdown(document);
  const source = document.record === undefined ? write.shown(document.source) : `${write.shown(document.source)} (${document.record})`;
  const parsed = parsePostmortem(text, { timezone: write.timezone });
  const { recognised, unrecognised } = describeImport(parsed);
  const title = recognised.title ?? basename(document.source, extname(document.source));
  const slug = toUrlSlug(title, { maxLength: fileSlugLength });
  const stem = recognised.date ? `${recognised.date}-${slug}` : slug;
  let name = `${stem}.md`;
  // Two documents of one run with the same date and title get -2, -3 …; files from earlier runs are never renamed around.
  for (let counter = 2; write.taken.has(name); counter++) name = `${stem}-${counter}.md`;
  write.taken.add(name);
  const path = join(write.outDir, name);
  const shownPath = write.shown(path);
  const notes = document.diagnostics.map((d) => ({ ...d, path: source }));
  const report: ImportReport = {
    source,
    path: shownPath,
    written: false,
    skipped: null,
    images: document.assets.map((asset) => write.shown(join(write.outDir, asset.path))),
    recognised,
    unrecognised: { headings: unrecognised.headings, diagnostics: [...notes, ...unrecognised.diagnostics.map((d) => ({ ...d, path: shownPath }))] },
  };
  if (Buffer.byteLength(text) > write.maxOutputBytes) {
    report.skipped = `the converted document is ${Buffer.byteLength(text)} bytes, more than the ${write.maxOutputBytes}-byte limit (maxBytes); not written`;
    return report;
  }
  if (write.options.dryRun) return report;

  await write.files.directory(write.outDir);
  try {
    await writeFileAtomic(path, text, { overwrite: write.options.force });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    report.skipped = `${shownPath} already exists; not overwriting it (--force to replace it)`;
    return report;
  }
  await Promise.all(document.assets.map((asset) => write.files.asset(join(write.outDir, asset.path), asset.data)));
  report.written = true;
  return report;
}

function printReport(report: ImportReport, dryRun: boolean, context: RunContext): void {
  // Imported text is untrusted: each line's text is escaped whole (a newline in a file name or
  // title stays in its line), then the CLI's own mark is put in front.
  const c = context.stdout.colors;
  const stdout = { line: (text: string, mark = '') => context.stdout.line(`${mark}${escapeTerminalText(text)}`) };
  if (report.path === null) {
    stdout.line(`${report.source}: not imported`, `${c.red('✖')} `);
  } else if (report.written || dryRun) {
    stdout.line(`${report.written ? '' : 'would write '}${report.path} ← ${report.source}`);
  } else {
    stdout.line(`not written: ${report.path} ← ${report.source}`, `${c.red('✖')} `);
  }
  if (report.recognised) stdout.line(`  recognised: ${describeRecognised(report.recognised, report.images.length)}`);
  const missing = notRecognised(report);
  if (missing.length > 0) stdout.line(`  not recognised: ${missing.join('; ')}`);
  if (report.skipped && report.path !== null) stdout.line(`  ${report.skipped}`);
  for (const diagnostic of report.unrecognised.diagnostics) stdout.line(`  ${formatDiagnostic(diagnostic)}`);
}

export function describeRecognised(recognised: Recognised, images: number): string {
  const parts: string[] = [];
  if (recognised.title !== null) parts.push(`title "${recognised.title}"`);
  if (recognised.date !== null) parts.push(`date ${recognised.date}`);
  for (const key of ['severity', 'status'] as const) if (recognised[key] !== null) parts.push(`${key} ${recognised[key]}`);
  if (recognised.services.length > 0) parts.push(`services ${recognised.services.join(', ')}`);
  if (recognised.categories.length > 0) parts.push(`categories ${recognised.categories.join(', ')}`);
  if (recognised.sections.length > 0) parts.push(`sections ${recognised.sections.map((s) => (s.count > 1 ? `${s.kind} ×${s.count}` : s.kind)).join(', ')}`);
  parts.push(`${recognised.timelineEntries} timeline ${recognised.timelineEntries === 1 ? 'entry' : 'entries'}`);
  parts.push(`${recognised.actionItems} action ${recognised.actionItems === 1 ? 'item' : 'items'}`);
  if (images > 0) parts.push(`${images} ${images === 1 ? 'image' : 'images'}`);
  return parts.join(', ');
}

function notRecognised(report: ImportReport): string[] {
  const missing: string[] = [];
  if (report.recognised?.title === null) missing.push('no title');
  if (report.recognised !== null && report.recognised.date === null) missing.push('no date');
  if (report.unrecognised.headings.length > 0) {
    missing.push(
      `${report.unrecognised.headings.map((heading) => JSON.stringify(heading)).join(', ')} (kept as text under ${report.unrecognised.headings.length === 1 ? 'its heading' : 'their headings'})`,
    );
  }
  return missing;
}
