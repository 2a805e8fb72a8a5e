/** `postmortem stats [paths…]`: counts, time to resolve and action items across the corpus. */
import { Command } from 'commander';
import type { RunContext } from '../lib/context.js';
import { examples, parsePositiveInteger } from '../lib/options.js';

export interface StatsOptions {
  json?: boolean;
  top: number;
}

export function createStatsCommand(context: RunContext): Command {
  return new Command('stats')
    .description('Summarise the corpus: incidents by category, trigger, service and year, a trigger × root-cause matrix, time to resolve, action items.')
    .argument('[paths...]', 'files or directories (default: postmortems/ if it exists, else .)')
    .option('--json', 'print the statistics as JSON (all counts, not only the top ones)')
    .option('--top <n>', 'rows per table and matrix columns in the terminal output', parsePositiveInteger, 10)
    .addHelpText(
      'after',
      `
The matrix counts incidents by trigger (frontmatter \`trigger\`: what set them off) and root-cause
category (why they happened); its columns are the --top most frequent categories.
Time to resolve is measured from the start of impact to the end (started_at/resolved_at or
the INCIDENT BEGINS/ENDS timeline markers); p50/p90 are nearest-rank percentiles.
Open action items are those marked open (an unticked task or TODO); overdue ones are open with a due date
before today; items with no status are counted apart.
${examples([
  ['Numbers for postmortems/:', 'postmortem stats'],
  ['Only this year’s incidents:', 'postmortem stats postmortems/2024-*.md'],
  ['For a dashboard:', 'postmortem stats --json > stats.json'],
])}`,
    )
    .action(async (paths: string[], options: StatsOptions) => {
      const { runStats } = await import('../lib/run-stats.js');
      await runStats(paths, options, context);
    });
}
