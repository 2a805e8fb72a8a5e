/** `postmortem export [paths…]`: every postmortem as JSON, NDJSON or CSV. */
import { Command, Option } from 'commander';
import type { RunContext } from '../lib/context.js';
import { examples } from '../lib/options.js';

export const exportFormats = ['json', 'ndjson', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportOptions {
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
      const { runExport } = await import('../lib/run-export.js');
      context.exitCode = await runExport(paths, options, context);
    });
}
