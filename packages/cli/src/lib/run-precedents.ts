/** What `postmortem precedents` does once its options are parsed (loaded only when it runs). */
import { precedents, type Precedent } from '@postmortem-kb/parser';
import type { PrecedentsOptions } from '../commands/precedents.js';
import type { RunContext } from './context.js';
import { loadCorpus, resolveInputPaths } from './corpus.js';
import type { Output } from './output.js';
import { UsageError } from './usage-error.js';

export async function runPrecedents(options: PrecedentsOptions, context: RunContext): Promise<void> {
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
