/** `postmortem lint [paths…]`: check postmortems and report diagnostics. */
import { Command, Option } from 'commander';
import type { RunContext } from '../lib/context.js';
import { diagnosticFormats, type DiagnosticFormat } from '../lib/format-diagnostics.js';
import { examples, parseNonNegativeInteger } from '../lib/options.js';

export interface LintOptions {
  format: DiagnosticFormat;
  maxWarnings?: number;
  quiet: boolean;
  verbose: boolean;
}

export function createLintCommand(context: RunContext): Command {
  return new Command('lint')
    .description('Check postmortems for missing sections, owners, timeline order, taxonomy categories and more.')
    .argument('[paths...]', 'files or directories to lint (default: postmortems/ if it exists, else .)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(diagnosticFormats).default('stylish'))
    .option('--max-warnings <n>', 'exit with code 1 when there are more than n warnings', parseNonNegativeInteger)
    .option('-q, --quiet', 'report errors only', false)
    .option('--verbose', 'also report info diagnostics (hidden by default)', false)
    .addHelpText(
      'after',
      `
Exit codes:
  0  no errors (and no more warnings than --max-warnings)
  1  errors found, or more warnings than --max-warnings
  2  usage or configuration error (unknown option, missing path, unknown rule id)

Rules can be turned off or given another severity in .postmortemrc.json or
package.json "postmortem": { "rules": { "<ruleId>": "off" | "info" | "warning" | "error" } }.
Run "postmortem rules" to list the rule ids.
${examples([
  ['Lint postmortems/ (or the current directory):', 'postmortem lint'],
  ['Lint two files, errors only:', 'postmortem lint --quiet postmortems/2024-01-01-db.md postmortems/2024-02-01-dns.md'],
  ['Fail a CI job on any warning, with annotations on the pull request:', 'postmortem lint --format github --max-warnings 0'],
  ['Machine-readable output:', 'postmortem lint --format json > diagnostics.json'],
])}`,
    )
    .action(async (paths: string[], options: LintOptions) => {
      const { runLint } = await import('../lib/run-lint.js');
      context.exitCode = await runLint(paths, options, context);
    });
}
