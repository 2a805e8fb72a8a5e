/**
 * Every built-in rule, tested in process from its own examples (`meta.examples` in
 * packages/parser/src/lint/rules/<id>.ts), the remark-lint way: `ok` gives no diagnostic of the
 * rule, `notOk` exactly the `expected` ones; set to `off` the rule reports nothing, set to
 * another severity it reports with that one. A rule without examples fails here.
 */
import { describe, expect, it } from 'vitest';
import { exampleToday, type Rule, type RuleExamples } from '../../packages/parser/src/lint/define-rule.js';
import { builtinRules, ruleCatalogue } from '../../packages/parser/src/lint/registry.js';
import { configureDiagnostics, type RuleSettings } from '../../packages/parser/src/lint/settings.js';
import { checkCorpus } from '../../packages/parser/src/lib/corpus-rules.js';
import { sortPostmortems } from '../../packages/parser/src/lib/load.js';
import { parsePostmortem } from '../../packages/parser/src/lib/parse.js';
import type { Diagnostic } from '../../packages/parser/src/lib/schema.js';
import { parseTaxonomy } from '../../packages/parser/src/lib/taxonomy.js';
import { separateTemplates } from '../../packages/parser/src/lib/templates.js';

type Input = RuleExamples['ok'];

/** The diagnostics every rule reports on `input`, as `parsePostmortem`, `checkCorpus` or `parseTaxonomy` give them. */
function diagnosticsOf(rule: Rule, input: Input, examples: RuleExamples, settings: RuleSettings = {}): Diagnostic[] {
  if (rule.meta.scope === 'taxonomy') {
    if (typeof input !== 'string') throw new TypeError(`${rule.meta.id}: a taxonomy example is the text of taxonomy.yaml`);
    // The CLI and the site apply the settings to the taxonomy's diagnostics as they read it.
    return configureDiagnostics(parseTaxonomy(input, 'taxonomy.yaml').diagnostics, settings);
  }
  const taxonomy = examples.taxonomy === undefined ? undefined : parseTaxonomy(examples.taxonomy).taxonomy;
  const files = typeof input === 'string' ? { 'example.md': input } : input;
  const postmortems = Object.entries(files).map(([path, text]) =>
    parsePostmortem(text, { path, today: exampleToday, rules: settings, ...(taxonomy ? { taxonomy } : {}) }),
  );
  // As loading does: templates are set apart (with a diagnostic saying why), corpus rules run over the rest.
  const { incidents, skipped } = separateTemplates(postmortems);
  if (rule.meta.scope === 'corpus') {
    sortPostmortems(incidents);
    checkCorpus(incidents, { rules: settings });
  }
  return [...configureDiagnostics(skipped, settings), ...incidents.flatMap((postmortem) => postmortem.diagnostics)];
}

/** The rule's own diagnostics, as `line:column: message` (with the file name for a corpus rule). */
function reported(rule: Rule, input: Input, examples: RuleExamples, settings: RuleSettings = {}): string[] {
  return diagnosticsOf(rule, input, examples, settings)
    .filter((diagnostic) => diagnostic.ruleId === rule.meta.id)
    .map((diagnostic) => `${rule.meta.scope === 'corpus' ? `${diagnostic.path}:` : ''}${diagnostic.line}:${diagnostic.column}: ${diagnostic.message}`);
}

function examplesOf(rule: Rule): RuleExamples {
  const { examples } = rule.meta;
  if (!examples) throw new Error(`rule ${rule.meta.id} has no examples: add meta.examples { ok, notOk, expected }`);
  return examples;
}

describe('every built-in rule', () => {
  it('has examples: an ok case and a not-ok case with at least one expected diagnostic', () => {
    const missing = builtinRules.filter((rule) => rule.meta.examples === undefined || rule.meta.examples.expected.length === 0).map((rule) => rule.meta.id);
    expect(missing).toEqual([]);
  });

  it('has a unique id, and fatal problems are not among the rules', () => {
    const ids = ruleCatalogue.map((entry) => entry.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(builtinRules.length).toBe(ruleCatalogue.filter((entry) => !entry.fatal).length);
  });
});

describe.each(builtinRules.map((rule) => ({ id: rule.meta.id, rule })))('$id', ({ rule }) => {
  it('ok: reports nothing', () => {
    const examples = examplesOf(rule);
    expect(reported(rule, examples.ok, examples)).toEqual([]);
  });

  it('not ok: reports exactly the expected diagnostics, with the default severity', () => {
    const examples = examplesOf(rule);
    expect(reported(rule, examples.notOk, examples)).toEqual(examples.expected);
    const severities = diagnosticsOf(rule, examples.notOk, examples)
      .filter((d) => d.ruleId === rule.meta.id)
      .map((d) => d.severity);
    expect(new Set(severities)).toEqual(new Set([rule.meta.severity]));
  });

  it('off: does not report; another severity: reports with it', () => {
    const examples = examplesOf(rule);
    expect(reported(rule, examples.notOk, examples, { [rule.meta.id]: 'off' })).toEqual([]);
    const other = rule.meta.severity === 'error' ? 'info' : 'error';
    const severities = diagnosticsOf(rule, examples.notOk, examples, { [rule.meta.id]: other })
      .filter((d) => d.ruleId === rule.meta.id)
      .map((d) => d.severity);
    expect(severities).toEqual(examples.expected.map(() => other));
  });
});
