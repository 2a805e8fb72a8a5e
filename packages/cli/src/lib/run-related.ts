/** What `postmortem related` does once its options are parsed (loaded only when it runs). */
import { basename, dirname, resolve } from 'node:path';
import { isPostmortemFileName, relatedIncidents } from '@postmortem-kb/parser';
import type { RelatedOptions } from '../commands/related.js';
import type { RunContext } from './context.js';
import { loadCorpus, resolveInputPaths } from './corpus.js';
import { formatTable } from './format-table.js';
import { toRelatedRecords } from './related-records.js';
import { escapeTerminalText, stringifyJson } from './terminal-text.js';
import { UsageError } from './usage-error.js';

export async function runRelated(file: string, options: RelatedOptions, context: RunContext): Promise<void> {
  const config = await context.config();
  const [target] = await resolveInputPaths([file], context.cwd);
  if (!isPostmortemFileName(basename(target!))) throw new UsageError(`not a postmortem file: ${file} (expected a .md file not starting with _)`);
  const corpusDir = options.dir !== undefined ? (await resolveInputPaths([options.dir], context.cwd))[0]! : dirname(target!);
  const corpus = await loadCorpus([corpusDir, target!], { cwd: context.cwd, config, stderr: context.stderr });
  const postmortem = corpus.find((candidate) => candidate.path !== null && resolve(context.cwd, candidate.path) === target);
  if (postmortem === undefined) throw new UsageError(`not a postmortem file: ${file}`);

  // The same incident found again in the searched folder (its file name and id): not related to itself.
  const sameIncident = (candidate: (typeof corpus)[number]) =>
    candidate !== postmortem && candidate.id === postmortem.id && candidate.path !== null && basename(candidate.path) === basename(postmortem.path ?? '');
  const related = relatedIncidents(
    postmortem,
    corpus.filter((candidate) => !sameIncident(candidate)),
    { limit: options.limit },
  );
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
}
