/**
 * Team rules: `plugins` in the configuration lists ES modules (paths relative to the
 * configuration file), each default-exporting a rule or an array of rules made with
 * `defineRule`, with ids `team/…`. Configuration is trusted code: a plugin runs with the
 * rights of whoever runs the CLI or builds the site. Postmortem content never chooses a plugin.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleProblem, type CorpusRule, type FileRule, type Rule } from './define-rule.js';

/** A team's rules: file rules run on each parsed postmortem, corpus rules with the built-in ones. */
export interface TeamRules {
  file: readonly FileRule[];
  corpus: readonly CorpusRule[];
  /** Every team rule id, for checking the `rules` settings. */
  ids: ReadonlySet<string>;
}

export const noTeamRules: TeamRules = { file: [], corpus: [], ids: new Set() };

/**
 * Imports the plugin modules at `paths` (absolute) and checks what they export. Throws an
 * `Error` saying which module and what was expected for a module that cannot be imported or
 * exports anything but team rules (a configuration error).
 */
export async function loadTeamRules(paths: readonly string[]): Promise<TeamRules> {
  const file: FileRule[] = [];
  const corpus: CorpusRule[] = [];
  const ids = new Set<string>();
  for (const path of paths) {
    if (!isAbsolute(path)) throw new TypeError(`loadTeamRules: expected an absolute path, not ${path}`);
    let module: { default?: unknown };
    try {
      // A team's rule is a file named by its configuration, loaded when the site or the CLI runs: not a module for Vite to bundle.
      module = (await import(/* @vite-ignore */ pathToFileURL(path).href)) as { default?: unknown };
    } catch (error) {
      throw new Error(`cannot load the plugin ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const exported = Array.isArray(module.default) ? (module.default as unknown[]) : [module.default];
    for (const value of exported) {
      const problem = ruleProblem(value) ?? teamRuleProblem(value as Rule, ids);
      if (problem !== null)
        throw new Error(`plugin ${path}: ${problem} (a plugin default-exports a rule or an array of rules made with defineRule from @postmortem-kb/parser)`);
      const rule = value as Rule;
      ids.add(rule.meta.id);
      if (rule.meta.scope === 'file') file.push(rule as FileRule);
      else corpus.push(rule as CorpusRule);
    }
  }
  return { file, corpus, ids };
}

function teamRuleProblem(rule: Rule, seen: ReadonlySet<string>): string | null {
  const { id, scope } = rule.meta;
  if (!id.startsWith('team/')) return `expected the rule id "${id}" to start with "team/"`;
  if (seen.has(id)) return `rule "${id}" is defined twice`;
  if (scope === 'taxonomy') return `rule "${id}": expected scope "file" or "corpus"`;
  if (typeof rule.check !== 'function') return `rule "${id}": expected a \`check\` function`;
  return null;
}
