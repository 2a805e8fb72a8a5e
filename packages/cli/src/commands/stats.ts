/** `postmortem stats [paths…]`: counts, time to resolve and action items across the corpus. */
import { Command } from 'commander';
import { corpusStats, type CorpusStats } from '@postmortem-kb/parser';
import { loadCorpus, resolveInputPaths } from '../lib/corpus.js';
import type { RunContext } from '../lib/context.js';
import { formatMinutes } from '../lib/format-duration.js';
import { formatTable } from '../lib/format-table.js';
import { examples, parsePositiveInteger } from '../lib/options.js';
import type { Colors } from '../lib/output.js';
import { escapeTerminalText, stringifyJson } from '../lib/terminal-text.js';

interface StatsOptions {
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
      const config = await context.config();
      const inputs = await resolveInputPaths(paths, context.cwd);
      const postmortems = await loadCorpus(inputs, { cwd: context.cwd, config, stderr: context.stderr });
      const stats = corpusStats(postmortems);
      if (options.json === true) context.stdout.line(stringifyJson(stats, 2));
      else context.stdout.write(formatStats(stats, options.top, context.stdout.colors));
    });
}

export function formatStats(stats: CorpusStats, top: number, colors: Colors): string {
  const blocks: string[] = [colors.bold(`${stats.total} postmortem${stats.total === 1 ? '' : 's'}`)];
  const countTable = (title: string, counts: Readonly<Record<string, number>>, keepOrder = false) => {
    const entries = Object.entries(counts).map(([key, count]) => ({ key, count }));
    if (entries.length === 0) return;
    const shown = keepOrder ? entries : entries.slice(0, top);
    const rows = [[title, 'incidents'], ...shown.map((entry) => [escapeTerminalText(entry.key), String(entry.count)])];
    const more = entries.length - shown.length;
    blocks.push(formatTable(rows, { align: ['left', 'right'], styleHeader: colors.bold }) + (more > 0 ? `\n${colors.dim(`… and ${more} more`)}` : ''));
  };
  countTable('Category', stats.byCategory);
  countTable('Trigger', stats.byTrigger);
  const matrix = triggerMatrix(stats, top);
  if (matrix !== null) blocks.push(formatTable(matrix, { align: ['left', ...matrix[0]!.slice(1).map(() => 'right' as const)], styleHeader: colors.bold }));
  countTable('Service', stats.byService);
  countTable('Year', stats.byYear, true);

  const resolve = stats.timeToResolve;
  blocks.push(
    formatTable(
      [
        ['Time to resolve', ''],
        ['p50', formatMinutes(resolve.p50)],
        ['p90', formatMinutes(resolve.p90)],
        ['max', formatMinutes(resolve.max)],
        ['incidents measured', String(resolve.count)],
      ],
      { align: ['left', 'right'], styleHeader: colors.bold },
    ),
  );

  const items = stats.actionItems;
  blocks.push(
    formatTable(
      [
        ['Action items', ''],
        ['open', String(items.open)],
        ['overdue', items.overdue > 0 ? colors.red(String(items.overdue)) : '0'],
        ['done', String(items.done)],
        ['no status', String(items.unknown)],
        ['total', String(items.total)],
      ],
      { align: ['left', 'right'], styleHeader: colors.bold },
    ),
  );
  return `${blocks.join('\n\n')}\n`;
}

/** Rows: triggers; columns: the `top` most frequent root-cause categories; null without triggers. */
function triggerMatrix(stats: CorpusStats, top: number): string[][] | null {
  const triggers = Object.keys(stats.byTriggerAndCategory);
  if (triggers.length === 0) return null;
  const columns = Object.keys(stats.byCategory).slice(0, top);
  return [
    ['Trigger × cause', ...columns],
    ...triggers.map((trigger) => [trigger, ...columns.map((category) => String(stats.byTriggerAndCategory[trigger]?.[category] ?? 0))]),
  ];
}
