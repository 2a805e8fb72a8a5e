/** `postmortem related <file>`: the incidents most like this one, and why. */
import { Command } from 'commander';
import type { RunContext } from '../lib/context.js';
import { examples, parsePositiveInteger } from '../lib/options.js';

export interface RelatedOptions {
  limit: number;
  json?: boolean;
  dir?: string;
}

export function createRelatedCommand(context: RunContext): Command {
  return new Command('related')
    .description(
      'List the incidents most related to a postmortem (related/duplicate_of links, shared root-cause categories, services, organization, similar root-cause text) and why.',
    )
    .argument('<file>', 'the postmortem to compare')
    .option('-n, --limit <n>', 'how many to list', parsePositiveInteger, 5)
    .option('--dir <dir>', "the corpus to search (default: the file's directory)")
    .option('--json', 'print [{ id, slug, title, date, path, score, reasons: [{ kind, label }] }] as JSON')
    .addHelpText(
      'after',
      examples([
        ['Incidents like this one:', 'postmortem related postmortems/2024-03-18-dns-resolver-overload.md'],
        ['The ten closest, searching the whole docs tree:', 'postmortem related incident.md --limit 10 --dir docs'],
      ]),
    )
    .action(async (file: string, options: RelatedOptions) => {
      const { runRelated } = await import('../lib/run-related.js');
      await runRelated(file, options, context);
    });
}
