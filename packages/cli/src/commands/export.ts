/** `postmortem export [paths…]`: every postmortem as JSON, NDJSON or CSV. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { hasErrors, type Postmortem } from '@postmortem-kb/parser';
import { loadCorpus, resolveInputPaths } from '../lib/corpus.js';
import type { RunContext } from '../lib/context.js';
import { postmortemsToCsv } from '../lib/format-csv.js';
import { formatStylishLine, sortDiagnostics } from '../lib/format-diagnostics.js';
import { examples } from '../lib/options.js';

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
    .option('-o, --output <file>', 'write to this file instead of stdout (replaced if it exists)')
    .addHelpText('after', `
json is a pretty-printed array of postmortem objects; ndjson is one object per line;
csv has one row per incident: ${'id, slug, title, date, status, severity, organization, services, categories, timeToResolveMinutes, actionItemsOpen, actionItemsDone, path'}.

Everything is exported even when files have errors; error diagnostics are printed on
stderr and the exit code is then 1.
${examples([
  ['Export the corpus as JSON:', 'postmortem export --json > postmortems.json'],
  ['A spreadsheet of all incidents:', 'postmortem export --format csv --output incidents.csv'],
  ['One JSON object per line, for jq or a data pipeline:', "postmortem export --format ndjson | jq -c '{id, date}'"],
])}`)
    .action(async (paths: string[], options: ExportOptions) => {
      context.exitCode = await runExport(paths, options, context);
    });
}

async function runExport(paths: readonly string[], options: ExportOptions, context: RunContext): Promise<number> {
  const format: ExportFormat = options.json === true ? 'json' : (options.format ?? 'json');
  const config = await context.config();
  const inputs = await resolveInputPaths(paths, context.cwd);
  const postmortems = await loadCorpus(inputs, { cwd: context.cwd, config, stderr: context.stderr });

  const text = serialise(postmortems, format);
  if (options.output !== undefined) {
    await writeFile(resolve(context.cwd, options.output), text).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`cannot write ${options.output}: ${error.code === 'ENOENT' ? 'its directory does not exist' : (error.code ?? error.message)}`);
    });
  }
  else context.stdout.write(text);

  const errors = sortDiagnostics(postmortems.flatMap((postmortem) => postmortem.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')));
  for (const error of errors) context.stderr.line(formatStylishLine(error, context.stderr.colors));
  return postmortems.some((postmortem) => hasErrors(postmortem.diagnostics)) ? 1 : 0;
}

function serialise(postmortems: readonly Postmortem[], format: ExportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(postmortems, null, 2)}\n`;
    case 'ndjson':
      return postmortems.map((postmortem) => `${JSON.stringify(postmortem)}\n`).join('');
    case 'csv':
      return postmortemsToCsv(postmortems);
  }
}
