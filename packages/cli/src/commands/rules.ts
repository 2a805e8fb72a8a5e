/** `postmortem rules`: the rule ids lint reports, their default and configured severities. */
import { Command } from 'commander';
import type { RunContext } from '../lib/context.js';
import { examples } from '../lib/options.js';

export interface RulesOptions {
  json: boolean;
}

export function createRulesCommand(context: RunContext): Command {
  return new Command('rules')
    .description('List the lint rules: id, default severity, severity in this project (fatal rules cannot be configured), description.')
    .option('--json', 'print the rules as a JSON array', false)
    .addHelpText(
      'after',
      examples([
        ['See which rules this project turned off:', 'postmortem rules'],
        ['Rule ids for scripts:', "postmortem rules --json | jq -r '.[].id'"],
      ]),
    )
    .action(async (options: RulesOptions) => {
      const { runRules } = await import('../lib/run-rules.js');
      await runRules(options, context);
    });
}
