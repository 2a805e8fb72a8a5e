/** What `postmortem rules` does once its options are parsed (loaded only when it runs). */
import { isFatalRule, ruleDefaults } from '@postmortem-kb/parser/corpus';
import type { RulesOptions } from '../commands/rules.js';
import type { RunContext } from './context.js';
import { formatTable } from './format-table.js';
import { escapeTerminalText, stringifyJson } from './terminal-text.js';

export async function runRules(options: RulesOptions, context: RunContext): Promise<void> {
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
}
