export { parsePostmortem, type ParseOptions } from './lib/parse.js';
export { loadCorpus, loadPostmortems, loadPostmortemFiles, type LoadOptions, type CorpusOptions, type Corpus, type FileContents } from './lib/load-corpus.js';
export { findPostmortemFiles, isPostmortemFileName, decodeUtf8, sortPostmortems, defaultMaxBytes, type FindOptions } from './lib/load.js';
export { ignoreMatcher, ignorePatternsProblem } from './lib/ignore-globs.js';
export { templateReason } from './lib/templates.js';
export { parserBuildId } from './lib/build-id.js';
export { verbatimText, verbatimLimit } from './lib/verbatim.js';
export { findConfig, validateConfig, ConfigError, rcFileName, packageJsonKey, type Config } from './lib/config.js';
export { checkCorpus, corpusRuleIds, type CorpusCheckOptions } from './lib/corpus-rules.js';
export {
  recurrenceChains,
  followUpStateAt,
  followUpStates,
  triggerCategoryOf,
  defaultRecurrenceWindowDays,
  type RecurrenceChain,
  type ChainIncident,
  type ChainFollowUp,
  type FollowUpState,
  type FollowUpStateCounts,
  type CauseKind,
  type ScopeKind,
  type RecurrenceOptions,
} from './lib/recurrences.js';
export { followThrough, type FollowThrough, type FollowThroughFigures, type FollowThroughOptions } from './lib/follow-through.js';
export { themes, type Theme, type ThemeIncident, type ThemeMention, type ThemeSource, type ThemeOptions } from './lib/themes.js';
export { openFollowUps, type OpenFollowUp, type OpenFollowUpFilter } from './lib/open-follow-ups.js';
export { precedents, type Precedent, type PrecedentQuery } from './lib/precedents.js';
export { incidentTable, severityRank, tableFacetIds, type IncidentRow, type IncidentTable, type TableFacet, type TableFacetId } from './lib/incident-table.js';
export { DiagnosticSink, formatDiagnostic, hasErrors } from './lib/diagnostics.js';
export { ruleDefaults, type RuleId, type RuleInfo } from './lint/registry.js';
export { ruleSettings, configureDiagnostics, isFatalRule, ruleSettingProblem, type RuleSetting, type RuleSettings } from './lint/settings.js';
export {
  defineRule,
  type Rule,
  type RuleMeta,
  type RuleScope,
  type RuleExamples,
  type FileRule,
  type CorpusRule,
  type FileRuleContext,
  type CorpusRuleContext,
  type Problem,
  type Place,
} from './lint/define-rule.js';
export { loadTeamRules, type TeamRules } from './lint/plugins.js';
export {
  loadTaxonomy,
  parseTaxonomy,
  readTaxonomyFile,
  maxTaxonomyBytes,
  suggestCategory,
  suggestTrigger,
  categoriesMentioned,
  taxonomySchema,
  taxonomyCategorySchema,
  taxonomyFileName,
  type Taxonomy,
  type TaxonomyCategory,
  type TaxonomyFile,
} from './lib/taxonomy.js';
export { classifyHeading } from './lib/sections.js';
export { computeMetrics, phaseTime } from './lib/metrics.js';
export { textAfterMarker } from './lib/timeline-marker-text.js';
export {
  frontmatterSchema,
  postmortemSchema,
  diagnosticSchema,
  timelineEntrySchema,
  actionItemSchema,
  sectionSchema,
  metricsSchema,
  sectionKinds,
  markerKinds,
  severityLevels,
  type Frontmatter,
  type Postmortem,
  type Diagnostic,
  type TimelineEntry,
  type ActionItem,
  type Section,
  type SectionKind,
  type Marker,
  type Metrics,
} from './lib/schema.js';
export {
  relatedIncidents,
  relatedIndex,
  relatedWeights,
  type RelatedIncident,
  type RelatedReason,
  type RelatedReasonKind,
  type RelatedOptions,
} from './lib/related.js';
export {
  corpusStats,
  durationStats,
  percentile,
  resolveBuckets,
  type CorpusStats,
  type DurationStats,
  type TimeToResolveStats,
  type ActionItemStats,
  type StatsOptions,
} from './lib/stats.js';
export { phaseDurations, phaseBuckets, type PhaseDurations } from './lib/phase-durations.js';
export { chartCoverage, type ChartCoverage } from './lib/chart-coverage.js';
export {
  rootCauseIndex,
  groupBy,
  followUps,
  facets,
  type RootCauseEntry,
  type Group,
  type GroupKey,
  type FollowUp,
  type FacetValue,
  type Facets,
} from './lib/cross-reference.js';
export { toUrlSlug, uniqueUrlSlugs, isUrlSlug, type UrlSlugOptions } from './lib/url-slug.js';
export { stripXmlForbidden } from './lib/xml-text.js';
