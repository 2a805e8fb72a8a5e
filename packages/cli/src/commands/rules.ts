/** `postmortem rules`: the rule ids lint reports, their default and configured severities. */
import { Command } from 'commander';
import { isFatalRule, ruleDefaults } from '@postmortem-kb/parser';
import type { RunContext } from '../lib/context.js';
import { formatTable } from '../lib/format-table.js';
import { examples } from '../lib/options.js';
import { escapeTerminalText, stringifyJson } from '../lib/terminal-text.js';

interface RulesOptions {
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
      const config = await context.config();
      const builtin = Object.entries(ruleDefaults).map(([id, rule]) => ({ id, severity: rule.severity, description: rule.description }));
      // The team's own rules (`plugins`) after the built-in ones.
      const team = [...(config.teamRules?.file ?? []), ...(config.teamRules?.corpus ?? [])].map(({ meta }) => ({
        id: meta.id,
        severity: meta.severity,
        description: meta.description,
      }));
      const rules = [...builtin, ...team].map((rule) => ({
        id: rule.id,
        defaultSeverity: rule.severity,
        severity: config.rules[rule.id] ?? rule.severity,
        fatal: isFatalRule(rule.id),
        description: rule.description,
      }));
      const { stdout } = context;
      if (options.json) {
        stdout.line(stringifyJson(rules, 2));
        return;
      }
      stdout.line(
        formatTable(
          [
            ['rule', 'default', 'project', 'description'],
            ...rules.map((rule) => [rule.id, rule.defaultSeverity, rule.fatal ? `${rule.severity} (fatal)` : rule.severity, rule.description]),
          ],
          { styleHeader: stdout.colors.bold },
        ),
      );
      if (config.source !== null) stdout.line(stdout.colors.dim(`\nConfiguration: ${escapeTerminalText(config.source)}`));
    });
}
