/**
 * `defineRule`: one lint rule as one unit, the remark-lint / ESLint way: its metadata (id,
 * default severity, scope, description, examples) beside its check. The wrapper, not the rule,
 * stamps the rule id, severity and path on what the check reports, and a rule set to `off`
 * never runs. Built-in rules live one per file in `lint/rules/`; teams add their own through
 * `plugins` in the configuration (ids `team/…`).
 */
import type { Position } from '../lib/frontmatter.js';
import type { Diagnostic, Postmortem, SectionKind } from '../lib/schema.js';
import type { SectionNode } from '../lib/sections.js';
import type { Taxonomy } from '../lib/taxonomy.js';

export type Severity = Diagnostic['severity'];

/**
 * What a rule looks at: one postmortem (`file`), every postmortem of the corpus together
 * (`corpus`: duplicates, links, recurrences) or `taxonomy.yaml` (`taxonomy`).
 */
export type RuleScope = 'file' | 'corpus' | 'taxonomy';
export const ruleScopes: readonly RuleScope[] = ['file', 'corpus', 'taxonomy'];

/**
 * A rule's own test cases, run by `test/parser/rule-examples.test.ts`. For a `file` rule `ok`
 * and `notOk` are postmortems (markdown), for a `corpus` rule objects of file name → markdown,
 * for a `taxonomy` rule the text of `taxonomy.yaml`. `expected` is every diagnostic of this rule
 * on `notOk`, as `line:column: message` (`name.md:line:column: message` for a corpus rule); `ok`
 * gives none. Examples are checked with `exampleToday` as today's date.
 */
export interface RuleExamples {
  ok: string | Readonly<Record<string, string>>;
  notOk: string | Readonly<Record<string, string>>;
  expected: readonly string[];
  /** `taxonomy.yaml` text the examples are checked against (file and corpus rules). */
  taxonomy?: string;
}

export const exampleToday = '2025-06-30';

export interface RuleMeta<Id extends string = string> {
  /** Kebab-case; rules from a team's plugin start with `team/`. */
  id: Id;
  /** Default severity; a project may change it or turn the rule `off`. */
  severity: Severity;
  scope: RuleScope;
  /** One line: what the rule asks for (`postmortem rules`). */
  description: string;
  /** Longer text for the README's rules table, when the one line is not enough. */
  docs?: string;
  /** Where the rule is documented, for a team rule. */
  url?: string;
  examples?: RuleExamples;
}

/** Where a problem is, 1-based; the first line and column when left out. */
export interface Place {
  line?: number | undefined;
  column?: number | undefined;
}

/** What a check reports: the message says what was found and what was expected. */
export interface Problem extends Place {
  message: string;
}

/**
 * What the built-in file rules also see: the markdown sections and where each frontmatter key
 * was written. Present when a rule runs inside `parsePostmortem`; team rules run on the parsed
 * postmortem and do not get it.
 */
export interface ParsedSource {
  sections: readonly SectionNode[];
  /** Kinds given as a labelled paragraph before the first H2 (`**Impact:** …`) instead of a section. */
  labelled: ReadonlySet<SectionKind>;
  positions: ReadonlyMap<string, Position>;
}

export interface FileRuleContext {
  /** The postmortem's path as reported, or null for a string parsed without one. */
  readonly path: string | null;
  readonly taxonomy: Taxonomy | null;
  /** Today, `YYYY-MM-DD`. */
  readonly today: string;
  readonly parsed?: ParsedSource | undefined;
  report(problem: Problem): void;
}

export interface CorpusRuleContext {
  report(postmortem: Postmortem, problem: Problem): void;
  /**
   * Whether the run's time budget is spent (corpus checks run in the calling thread, where no
   * per-file limit applies): a check looks once per group or postmortem and returns early.
   */
  overBudget(): boolean;
}

export interface FileRule<Id extends string = string> {
  meta: RuleMeta<Id> & { scope: 'file' };
  check(postmortem: Postmortem, context: FileRuleContext): void;
}

export interface CorpusRule<Id extends string = string> {
  meta: RuleMeta<Id> & { scope: 'corpus' };
  check(postmortems: readonly Postmortem[], context: CorpusRuleContext): void;
}

/**
 * A rule whose problems a parsing stage finds where it reads the data (a timeline time that
 * cannot be valid, a frontmatter value the schema refuses, a taxonomy that is not YAML): its
 * unit holds the metadata and examples, and the stage reports it by id.
 */
export interface StageRule<Id extends string = string> {
  meta: RuleMeta<Id>;
  check?: undefined;
}

export type Rule<Id extends string = string> = FileRule<Id> | CorpusRule<Id> | StageRule<Id>;

const idPattern = /^(?:team\/)?[a-z0-9]+(?:-[a-z0-9]+)*$/;
const severities: readonly Severity[] = ['info', 'warning', 'error'];

/**
 * Checks a rule's metadata and returns the rule. Throws a `TypeError` for a malformed rule
 * (a programmer's error, found when the module is loaded).
 */
export function defineRule<const Id extends string>(rule: FileRule<Id>): FileRule<Id>;
export function defineRule<const Id extends string>(rule: CorpusRule<Id>): CorpusRule<Id>;
export function defineRule<const Id extends string>(rule: StageRule<Id>): StageRule<Id>;
export function defineRule<const Id extends string>(rule: Rule<Id>): Rule<Id> {
  const problem = ruleProblem(rule);
  if (problem !== null) throw new TypeError(`defineRule: ${problem}`);
  return rule;
}

/** Why `value` is not a rule made with `defineRule`, or null when it is one. */
export function ruleProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return 'expected a rule object { meta, check }';
  const { meta, check } = value as { meta?: unknown; check?: unknown };
  if (meta === null || typeof meta !== 'object') return 'expected `meta` to be an object { id, severity, scope, description }';
  const { id, severity, scope, description } = meta as Record<string, unknown>;
  if (typeof id !== 'string' || !idPattern.test(id))
    return `expected \`meta.id\` to be a kebab-case id (\`team/…\` for a team's rule), not ${JSON.stringify(id)}`;
  if (!severities.includes(severity as Severity))
    return `rule "${id}": expected \`meta.severity\` to be info, warning or error, not ${JSON.stringify(severity)}`;
  if (!ruleScopes.includes(scope as RuleScope)) return `rule "${id}": expected \`meta.scope\` to be file, corpus or taxonomy, not ${JSON.stringify(scope)}`;
  if (typeof description !== 'string' || description.trim() === '') return `rule "${id}": expected \`meta.description\` to be a non-empty string`;
  if (check !== undefined && typeof check !== 'function') return `rule "${id}": expected \`check\` to be a function`;
  if (scope === 'taxonomy' && check !== undefined) return `rule "${id}": a taxonomy rule is reported while taxonomy.yaml is read and has no \`check\``;
  return null;
}

/** Where the first of `keys` written in the frontmatter is, else the first line (a built-in rule's helper). */
export function frontmatterPlace(context: FileRuleContext, ...keys: readonly string[]): Place {
  for (const key of keys) {
    const position = context.parsed?.positions.get(key);
    if (position) return position;
  }
  return { line: 1, column: 1 };
}
