/** `postmortem export [paths…]`: every postmortem as JSON, NDJSON or CSV. */
import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { hasErrors, type Postmortem } from '@postmortem-kb/parser';
import { loadCorpus, resolveInputPaths } from '../lib/corpus.js';
import { writeFileAtomic } from '../lib/atomic-write.js';
import type { RunContext } from '../lib/context.js';
import { postmortemsToCsv } from '../lib/format-csv.js';
import { formatStylishLine, sortDiagnostics } from '../lib/format-diagnostics.js';
import { examples } from '../lib/options.js';
import { UsageError } from '../lib/usage-error.js';
import { stringifyJson } from '../lib/terminal-text.js';

export const exportFormats = ['json', 'ndjson', 'csv'] as const;
type ExportFormat = (typeof exportFormats)[number];

interface ExportOptions {
  format?: ExportFormat;
  json?: boolean;
  output?: string;
}

export function createExportCommand(context: RunContext): Command {
  return new Command('export')
    .description('Write every postmortem as structured data (JSON array, NDJSON or CSV).')
    .argument('[paths...]', 'files or directories to export (default: postmortems/ if it exists, else .)')
    .addOption(new Option('-f, --format <format>', 'output format (default: json)').choices(exportFormats))
    .addOption(new Option('--json', 'alias of --format json').conflicts('format'))
    .option('-o, --output <file>', 'write to this file instead of stdout (replaced whole if it exists; never one of the inputs)')
    .addHelpText(
      'after',
      `
json is a pretty-printed array of postmortem objects; ndjson is one object per line;
csv has one row per incident: ${'id, slug, title, date, status, severity, organization, services, categories, timeToResolveMinutes, actionItemsOpen, actionItemsDone, path'}.

Everything is exported even when files have errors; error diagnostics are printed on
stderr and the exit code is then 1. --output writes a temporary file next to the target and
renames it into place, so the target is never left half-written; naming one of the files
read (a postmortem, the taxonomy) is a usage error (exit code 2).
${examples([
  ['Export the corpus as JSON:', 'postmortem export --json > postmortems.json'],
  ['A spreadsheet of all incidents:', 'postmortem export --format csv --output incidents.csv'],
  ['One JSON object per line, for jq or a data pipeline:', "postmortem export --format ndjson | jq -c '{id, date}'"],
])}`,
    )
    .action(async (paths: string[], options: ExportOptions) => {
      context.exitCode = await runExport(paths, options, context);
    });
}

async function runExport(paths: readonly string[], options: ExportOptions, context: RunContext): Promise<number> {
  const format: ExportFormat = options.json === true ? 'json' : (options.format ?? 'json');
  const config = await context.config();
  const inputs = await resolveInputPaths(paths, context.cwd);
  const filesRead: string[] = [];
  const postmortems = await loadCorpus(inputs, { cwd: context.cwd, config, stderr: context.stderr, filesRead });

  const text = serialise(postmortems, format);
  if (options.output !== undefined) {
    const target = resolve(context.cwd, options.output);
    const input = await sameFileAsOneOf(target, filesRead);
    if (input !== null)
      throw new UsageError(`refusing to write over ${options.output}: it is an input (${relative(context.cwd, input) || input}); choose another --output file`);
    await writeFileAtomic(target, text).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`cannot write ${options.output}: ${error.code === 'ENOENT' ? 'its directory does not exist' : (error.code ?? error.message)}`);
    });
  } else context.stdout.writeData(text);

  const errors = sortDiagnostics(postmortems.flatMap((postmortem) => postmortem.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')));
  for (const error of errors) context.stderr.line(formatStylishLine(error, context.stderr.colors));
  return postmortems.some((postmortem) => hasErrors(postmortem.diagnostics)) ? 1 : 0;
}

/** The file of `files` that `target` is (the same inode, through links), or null; null when `target` does not exist. */
async function sameFileAsOneOf(target: string, files: readonly string[]): Promise<string | null> {
  const info = await stat(target).catch(() => null);
  if (info === null) return null;
  for (const file of files) {
    const other = await stat(file).catch(() => null);
    if (other !== null && other.dev === info.dev && other.ino === info.ino) return file;
  }
  return null;
}

function serialise(postmortems: readonly Postmortem[], format: ExportFormat): string {
  switch (format) {
    case 'json':
      return `${stringifyJson(postmortems, 2)}\n`;
    case 'ndjson':
      return postmortems.map((postmortem) => `${stringifyJson(postmortem)}\n`).join('');
    case 'csv':
      return postmortemsToCsv(postmortems);
  }
}
