/** What `postmortem stats` does once its options are parsed (loaded only when it runs). */
import { corpusStats, type CorpusStats } from '@postmortem-kb/parser';
import type { StatsOptions } from '../commands/stats.js';
import type { RunContext } from './context.js';
import { loadCorpus, resolveInputPaths } from './corpus.js';
import { formatMinutes } from './format-duration.js';
import { formatTable } from './format-table.js';
import type { Colors } from './output.js';
import { escapeTerminalText, stringifyJson } from './terminal-text.js';

export async function runStats(paths: readonly string[], options: StatsOptions, context: RunContext): Promise<void> {
  const config = await context.config();
  const inputs = await resolveInputPaths(paths, context.cwd);
  const postmortems = await loadCorpus(inputs, { cwd: context.cwd, config, stderr: context.stderr });
  const stats = corpusStats(postmortems);
  if (options.json === true) context.stdout.line(stringifyJson(stats, 2));
  else context.stdout.write(formatStats(stats, options.top, context.stdout.colors));
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
