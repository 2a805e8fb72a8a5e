/**
 * The registry: every built-in rule and fatal problem, in the order `postmortem rules` and the
 * README list them. `RuleId` and the default severities are derived from it; nothing else in
 * the library lists rule ids. Adding a rule is one file in `rules/` and one line here.
 */
import type { CorpusRule, FileRule, Rule, RuleMeta, Severity } from './define-rule.js';
import * as fatal from './fatal-problems.js';
import type { FatalProblem } from './fatal-problems.js';
import actionItemInvalidDue from './rules/action-item-invalid-due.js';
import actionItemOwner from './rules/action-item-owner.js';
import actionItemUnrecognisedDue from './rules/action-item-unrecognised-due.js';
import blamelessRootCause from './rules/blameless-root-cause.js';
import dateInFuture from './rules/date-in-future.js';
import dateOutOfRange from './rules/date-out-of-range.js';
import duplicateId from './rules/duplicate-id.js';
import duplicateSlug from './rules/duplicate-slug.js';
import emptyLessons from './rules/empty-lessons.js';
import frontmatterDate from './rules/frontmatter-date.js';
import frontmatterMarkdown from './rules/frontmatter-markdown.js';
import frontmatterSchema from './rules/frontmatter-schema.js';
import frontmatterTime from './rules/frontmatter-time.js';
import frontmatterUnquotedColon from './rules/frontmatter-unquoted-colon.js';
import missingDate from './rules/missing-date.js';
import missingTitle from './rules/missing-title.js';
import postmortemTemplate from './rules/postmortem-template.js';
import rawHtml from './rules/raw-html.js';
import recurrence from './rules/recurrence.js';
import requiredSection from './rules/required-section.js';
import resolvedBeforeStarted from './rules/resolved-before-started.js';
import taxonomyDuplicateId from './rules/taxonomy-duplicate-id.js';
import taxonomySchema from './rules/taxonomy-schema.js';
import taxonomyYaml from './rules/taxonomy-yaml.js';
import timelineInvalidDate from './rules/timeline-invalid-date.js';
import timelineAmbiguousDate from './rules/timeline-ambiguous-date.js';
import timelineInvalidTime from './rules/timeline-invalid-time.js';
import timelineNoDate from './rules/timeline-no-date.js';
import timelineNoZone from './rules/timeline-no-zone.js';
import timelineOrder from './rules/timeline-order.js';
import timelineOutsideWindow from './rules/timeline-outside-window.js';
import timelineRedundantMeridiem from './rules/timeline-redundant-meridiem.js';
import unknownCategory from './rules/unknown-category.js';
import unknownRelated from './rules/unknown-related.js';
import unknownTrigger from './rules/unknown-trigger.js';

const registry = [
  fatal.frontmatterLanguage,
  fatal.frontmatterUnclosed,
  fatal.frontmatterYaml,
  frontmatterMarkdown,
  frontmatterUnquotedColon,
  frontmatterSchema,
  frontmatterDate,
  frontmatterTime,
  fatal.binaryContent,
  fatal.tooLarge,
  fatal.timeout,
  fatal.parseFailure,
  fatal.unreadable,
  postmortemTemplate,
  fatal.corpusTimeBudget,
  fatal.tooManyValues,
  missingTitle,
  missingDate,
  rawHtml,
  timelineInvalidTime,
  timelineRedundantMeridiem,
  timelineNoZone,
  timelineNoDate,
  timelineAmbiguousDate,
  timelineInvalidDate,
  actionItemInvalidDue,
  actionItemUnrecognisedDue,
  taxonomyYaml,
  taxonomySchema,
  taxonomyDuplicateId,
  requiredSection,
  actionItemOwner,
  timelineOrder,
  resolvedBeforeStarted,
  timelineOutsideWindow,
  dateInFuture,
  dateOutOfRange,
  unknownCategory,
  unknownTrigger,
  blamelessRootCause,
  emptyLessons,
  duplicateId,
  duplicateSlug,
  recurrence,
  unknownRelated,
] as const;

/** Every id the library reports: a built-in rule's or a fatal problem's. */
export type RuleId = (typeof registry)[number]['meta']['id'];

/** The built-in rules (fatal problems left out), in registry order. */
export const builtinRules: readonly Rule<RuleId>[] = registry.filter((entry): entry is Exclude<(typeof registry)[number], FatalProblem> => !('fatal' in entry));

/** The built-in rules and fatal problems with their metadata, in registry order. */
export const ruleCatalogue: readonly { meta: RuleMeta<RuleId>; fatal: boolean }[] = registry.map((entry) => ({ meta: entry.meta, fatal: 'fatal' in entry }));

/** File rules with a check, in the order they run. */
export const builtinFileRules = builtinRules.filter((rule): rule is FileRule<RuleId> => rule.meta.scope === 'file' && rule.check !== undefined);
/**
 * Corpus rules, in the order they run within the run's time budget: the checks linear in the
 * corpus first, `recurrence` (which compares incidents within a window) last.
 */
export const builtinCorpusRules: readonly CorpusRule<RuleId>[] = [duplicateId, duplicateSlug, unknownRelated, recurrence];

export interface RuleInfo {
  severity: Severity;
  description: string;
  /**
   * A fatal problem: the file could not be read as a postmortem (or only in part), so no
   * configuration may silence it or change its severity (ESLint's `fatal: true`).
   */
  fatal?: true;
}

/** Every rule this library reports, with its default severity. */
export const ruleDefaults: Readonly<Record<RuleId, RuleInfo>> = Object.fromEntries(
  registry.map((entry) => [
    entry.meta.id,
    { severity: entry.meta.severity, description: entry.meta.description, ...('fatal' in entry ? { fatal: true } : {}) },
  ]),
) as Record<RuleId, RuleInfo>;
