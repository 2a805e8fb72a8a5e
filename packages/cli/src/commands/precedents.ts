/** `postmortem precedents --service X`: past incidents most like a change, with their lessons and still-open follow-ups. */
import { Command } from 'commander';
import { precedents, type Precedent } from '@postmortem-kb/parser';
import { loadCorpus, resolveInputPaths } from '../lib/corpus.js';
import type { RunContext } from '../lib/context.js';
import { examples, parsePositiveInteger } from '../lib/options.js';
import type { Output } from '../lib/output.js';
import { UsageError } from '../lib/usage-error.js';

interface PrecedentsOptions {
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
      if (![options.service, options.category, options.text].some((value) => value !== undefined && value.trim() !== '')) {
        throw new UsageError('expected at least one of --service, --category and --text');
      }
      const config = await context.config();
      const inputs = await resolveInputPaths(options.dir !== undefined ? [options.dir] : [], context.cwd);
      const corpus = await loadCorpus(inputs, { cwd: context.cwd, config, stderr: context.stderr });
      const found = precedents(corpus, { service: options.service, category: options.category, text: options.text, limit: options.limit });
      if (options.json === true) {
        context.stdout.line(JSON.stringify(found, null, 2));
        return;
      }
      writePrecedents(context.stdout, found, options);
    });
}

function writePrecedents(out: Output, found: readonly Precedent[], options: PrecedentsOptions): void {
  const what = [options.service, options.category && `category ${options.category}`, options.text && `"${options.text}"`].filter(Boolean).join(', ');
  if (found.length === 0) {
    out.line(`No precedents for ${what}.`);
    return;
  }
  out.line(out.colors.bold(`Precedents for ${what}:`));
  found.forEach((precedent, at) => {
    out.line();
    out.line(`${at + 1}. ${out.colors.bold(precedent.title)}${precedent.date !== null ? ` (${precedent.date})` : ''}`);
    if (precedent.path !== null) out.line(`   ${out.colors.dim(precedent.path)}`);
    out.line(`   why: ${precedent.reasons.map((reason) => reason.label).join('; ')}`);
    if (precedent.lessons.length > 0) {
      out.line('   lessons:');
      for (const lesson of precedent.lessons) out.line(`     - ${lesson}`);
    }
    if (precedent.openFollowUps.length > 0) {
      out.line('   still open:');
      for (const item of precedent.openFollowUps) {
        const notes = [item.owner && `@${item.owner}`, item.due && `due ${item.due}`, item.overdue ? 'overdue' : null].filter(Boolean);
        out.line(`     - ${item.text}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`);
      }
    }
  });
}
