/** `postmortem precedents --service X`: past incidents most like a change, with their lessons and still-open follow-ups. */
import { Command } from 'commander';
import type { RunContext } from '../lib/context.js';
import { examples, parsePositiveInteger } from '../lib/options.js';

export interface PrecedentsOptions {
  service?: string;
  category?: string;
  text?: string;
  dir?: string;
  limit: number;
  json?: boolean;
}

export function createPrecedentsCommand(context: RunContext): Command {
  return new Command('precedents')
    .description('List the past incidents most like a change you are about to make, with their lessons and still-open follow-ups.')
    .option('--service <name>', 'the service the change touches')
    .option('--category <id>', 'a root-cause category the change risks (an id from taxonomy.yaml)')
    .option('--text <words>', 'the change in a few words, compared with root causes and summaries')
    .option('--dir <dir>', 'the corpus to search (default: postmortems/ if it exists, else .)')
    .option('-n, --limit <n>', 'how many to list', parsePositiveInteger, 5)
    .option('--json', 'print [{ id, slug, title, date, path, score, reasons, categories, services, lessons, openFollowUps }] as JSON')
    .addHelpText(
      'after',
      `
At least one of --service, --category and --text. Ranked like "postmortem related": shared
categories and services (rarer ones count more), similar root-cause and summary wording.
${examples([
  ['Before touching the API gateway:', 'postmortem precedents --service api-gateway'],
  ['A certificate rotation on the edge:', 'postmortem precedents --service edge --category certificates --text "rotate TLS certificates"'],
  ['For a tool or an agent:', 'postmortem precedents --service checkout --json'],
])}`,
    )
    .action(async (options: PrecedentsOptions) => {
      const { runPrecedents } = await import('../lib/run-precedents.js');
      await runPrecedents(options, context);
    });
}
