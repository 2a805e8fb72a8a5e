/** What `postmortem lint` does once its options are parsed (loaded only when it runs). */
import type { Diagnostic } from '@postmortem-kb/parser/corpus';
import type { LintOptions } from '../commands/lint.js';
import { loadCorpus, resolveInputPaths } from './corpus.js';
import type { RunContext } from './context.js';
import { countDiagnostics, formatDiagnostics, plural, sortDiagnostics } from './format-diagnostics.js';

export async function runLint(paths: readonly string[], options: LintOptions, context: RunContext): Promise<number> {
  const config = await context.config();
  const inputs = await resolveInputPaths(paths, context.cwd);
  const otherDiagnostics: Diagnostic[] = [];
  const postmortems = await loadCorpus(inputs, { cwd: context.cwd, config, stderr: context.stderr, otherDiagnostics });

  const all = sortDiagnostics([...otherDiagnostics, ...postmortems.flatMap((postmortem) => postmortem.diagnostics)]);
  const counts = countDiagnostics(all);
  const shown = all.filter((diagnostic) => isShown(diagnostic, options));

  const { stdout, stderr } = context;
  stdout.write(formatDiagnostics(shown, options.format, stdout.colors));
  if (options.format === 'stylish' && counts.errors + counts.warnings === 0 && !options.quiet) {
    if (shown.length > 0) stdout.line();
    stdout.line(stdout.colors.green(`✔ ${plural(postmortems.length, 'postmortem')} checked, no problems`));
  }

  const tooManyWarnings = options.maxWarnings !== undefined && counts.warnings > options.maxWarnings;
  if (tooManyWarnings) {
    stderr.line(`postmortem lint: too many warnings (${counts.warnings}, maximum allowed is ${options.maxWarnings})`);
  }
  return counts.errors > 0 || tooManyWarnings ? 1 : 0;
}

function isShown(diagnostic: Diagnostic, options: LintOptions): boolean {
  if (options.quiet) return diagnostic.severity === 'error';
  return diagnostic.severity !== 'info' || options.verbose;
}
