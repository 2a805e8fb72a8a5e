/** `postmortem related <file>`: the incidents most like this one, and why. */
import { basename, dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { isPostmortemFileName, relatedIncidents } from '@postmortem-kb/parser';
import { loadCorpus, resolveInputPaths } from '../lib/corpus.js';
import type { RunContext } from '../lib/context.js';
import { formatTable } from '../lib/format-table.js';
import { examples, parsePositiveInteger } from '../lib/options.js';
import { escapeTerminalText, stringifyJson } from '../lib/terminal-text.js';
import { toRelatedRecords } from '../lib/related-records.js';
import { UsageError } from '../lib/usage-error.js';

interface RelatedOptions {
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
      const config = await context.config();
      const [target] = await resolveInputPaths([file], context.cwd);
      if (!isPostmortemFileName(basename(target!))) throw new UsageError(`not a postmortem file: ${file} (expected a .md file not starting with _)`);
      const corpusDir = options.dir !== undefined ? (await resolveInputPaths([options.dir], context.cwd))[0]! : dirname(target!);
      const corpus = await loadCorpus([corpusDir, target!], { cwd: context.cwd, config, stderr: context.stderr });
      const postmortem = corpus.find((candidate) => candidate.path !== null && resolve(context.cwd, candidate.path) === target);
      if (postmortem === undefined) throw new UsageError(`not a postmortem file: ${file}`);

      const related = relatedIncidents(postmortem, corpus, { limit: options.limit });
      const { stdout } = context;
      if (options.json === true) {
        stdout.line(stringifyJson(toRelatedRecords(related, corpus), 2));
        return;
      }
      if (related.length === 0) {
        stdout.line(`No related incidents for ${escapeTerminalText(postmortem.title)}.`);
        return;
      }
      stdout.line(stdout.colors.bold(`Related to ${escapeTerminalText(postmortem.title)}:`));
      stdout.line();
      stdout.line(
        formatTable(
          [
            ['date', 'incident', 'why'],
            ...related.map(({ date, title, reasons }) =>
              [date ?? '', title, reasons.map((reason) => reason.label).join('; ')].map((cell) => escapeTerminalText(cell)),
            ),
          ],
          { styleHeader: stdout.colors.bold },
        ),
      );
    });
}
