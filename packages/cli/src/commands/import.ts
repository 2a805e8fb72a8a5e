/**
 * `postmortem import <inputs…> --from <format>`: converts exported documents into postmortems.
 * The converters (and their dependencies: mammoth, rehype, csv-parse) load only when this
 * command runs, so the other commands start as fast as before.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { importFormats, type ImportFormat } from '@postmortem-kb/import/formats';
import type { RunContext } from '../lib/context.js';
import { examples } from '../lib/options.js';

export interface ImportCommandOptions {
  from: ImportFormat;
  out: string;
  force: boolean;
  dryRun: boolean;
  json: boolean;
  map: Record<string, string>;
}

function collectMapping(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.lastIndexOf('=');
  if (at <= 0 || at === value.length - 1) throw new InvalidArgumentError('expected <column>=<field>, e.g. "Incident=title".');
  return { ...previous, [value.slice(0, at).trim()]: value.slice(at + 1).trim() };
}

export function createImportCommand(context: RunContext): Command {
  return new Command('import')
    .description(
      'Convert exported documents (Word, Google Docs and Confluence HTML, Notion, GitHub/GitLab issues, CSV, markdown) into postmortem markdown files.',
    )
    .argument('<inputs...>', 'files or directories to import')
    .addOption(new Option('--from <format>', 'format of the inputs').choices(importFormats).makeOptionMandatory())
    .option('-o, --out <dir>', 'directory to write the postmortems in (created if missing)', 'postmortems')
    .option('--force', 'overwrite files that already exist', false)
    .option('--dry-run', 'print what would be written, write nothing', false)
    .option('--json', 'print the report as JSON', false)
    .option('--map <column=field>', 'csv, notion: fill <field> from <column> (repeatable)', collectMapping, {})
    .addHelpText(
      'after',
      `
Writes one <out>/<date>-<slug>.md per document (named like "postmortem new"), embedded
images to <out>/images/, then parses each written file and prints what it recognised
(title, date, sections by kind, timeline entries, action items) and what it did not.
Never overwrites an existing file unless --force is given; exits with code 1 when a
file existed or an input was refused (too large, a zip bomb, unreadable).

Formats: html (Google Docs, Confluence export or storage format, any saved page), docx,
notion (an unzipped "Markdown & CSV" export: one postmortem per page, the database CSV's
columns as frontmatter), github-issues and gitlab-issues (REST API JSON; comment files
too), csv (one stub per row), markdown. Issue labels map to fields through the
configuration's "import": { "labels": { "service::*": "service", … } }; CSV and Notion
columns by header name, "import": { "columns": { … } } or --map.
${examples([
  ['A Google Doc downloaded as HTML:', 'postmortem import "Checkout outage.html" --from html'],
  ['Every Word file in a folder, trying first:', 'postmortem import exports/ --from docx --dry-run'],
  ['GitHub incident issues and their comments:', 'postmortem import issues.json comments.json --from github-issues'],
  ['A Notion database exported as Markdown & CSV, unzipped:', 'postmortem import "Export-1a2b3c/" --from notion'],
  ['A spreadsheet whose title column is "Incident":', 'postmortem import incidents.csv --from csv --map "Incident=title"'],
])}`,
    )
    .action(async (inputs: string[], options: ImportCommandOptions) => {
      const { runImport } = await import('../lib/run-import.js');
      context.exitCode = await runImport(inputs, options, context);
    });
}
