/**
 * Pins the public API: the export names of every entry point in `exports`, imported by package
 * name as users do. Adding or removing an export is a deliberate change to this list (and to the
 * README's API section), never an accident of a refactor.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

describe('public API', () => {
  it('@postmortem-kb/parser exports exactly these names', async () => {
    const api = await import('@postmortem-kb/parser');
    expect(Object.keys(api).sort()).toEqual([
      'ConfigError',
      'DiagnosticSink',
      'actionItemSchema',
      'categoriesMentioned',
      'chartCoverage',
      'checkCorpus',
      'classifyHeading',
      'computeMetrics',
      'configureDiagnostics',
      'corpusRuleIds',
      'corpusStats',
      'decodeUtf8',
      'defaultMaxBytes',
      'defaultRecurrenceWindowDays',
      'defineRule',
      'diagnosticSchema',
      'durationStats',
      'facets',
      'findConfig',
      'findPostmortemFiles',
      'followThrough',
      'followUpStateAt',
      'followUpStates',
      'followUps',
      'formatDiagnostic',
      'frontmatterSchema',
      'groupBy',
      'hasErrors',
      'ignoreMatcher',
      'ignorePatternsProblem',
      'incidentTable',
      'isFatalRule',
      'isPostmortemFileName',
      'isUrlSlug',
      'loadCorpus',
      'loadPostmortemFiles',
      'loadPostmortems',
      'loadTaxonomy',
      'loadTeamRules',
      'markerKinds',
      'maxTaxonomyBytes',
      'metricsSchema',
      'openFollowUps',
      'packageJsonKey',
      'parsePostmortem',
      'parseTaxonomy',
      'parserBuildId',
      'percentile',
      'phaseBuckets',
      'phaseDurations',
      'phaseTime',
      'postmortemSchema',
      'precedents',
      'rcFileName',
      'readTaxonomyFile',
      'recurrenceChains',
      'relatedIncidents',
      'relatedIndex',
      'relatedWeights',
      'resolveBuckets',
      'rootCauseIndex',
      'ruleDefaults',
      'ruleSettingProblem',
      'ruleSettings',
      'sectionKinds',
      'sectionSchema',
      'severityLevels',
      'severityRank',
      'sortPostmortems',
      'stripXmlForbidden',
      'suggestCategory',
      'suggestTrigger',
      'tableFacetIds',
      'taxonomyCategorySchema',
      'taxonomyFileName',
      'taxonomySchema',
      'templateReason',
      'textAfterMarker',
      'themes',
      'timelineEntrySchema',
      'toUrlSlug',
      'triggerCategoryOf',
      'uniqueUrlSlugs',
      'validateConfig',
      'verbatimLimit',
      'verbatimText',
    ]);
  });

  it('@postmortem-kb/parser/search exports exactly these names', async () => {
    const api = await import('@postmortem-kb/parser/search');
    expect(Object.keys(api).sort()).toEqual([
      'buildSearchIndex',
      'defaultSynonyms',
      'loadSearchIndex',
      'maxQueryLength',
      'openSearchIndex',
      'searchBundleFiles',
      'splitSearchIndex',
    ]);
  });

  it('@postmortem-kb/parser/corpus exports exactly these names, each also in the index', async () => {
    const api = await import('@postmortem-kb/parser/corpus');
    const index = await import('@postmortem-kb/parser');
    expect(Object.keys(api).sort()).toEqual([
      'ConfigError',
      'checkCorpus',
      'configureDiagnostics',
      'defaultMaxBytes',
      'findConfig',
      'findPostmortemFiles',
      'formatDiagnostic',
      'hasErrors',
      'isFatalRule',
      'isPostmortemFileName',
      'loadCorpus',
      'loadPostmortemFiles',
      'loadPostmortems',
      'loadTaxonomy',
      'packageJsonKey',
      'rcFileName',
      'readTaxonomyFile',
      'ruleDefaults',
      'sortPostmortems',
      'taxonomyFileName',
      'validateConfig',
    ]);
    for (const [name, value] of Object.entries(api)) expect(index[name as keyof typeof index], name).toBe(value);
  });

  it('@postmortem-kb/parser/loader exports exactly these names', async () => {
    const api = await import('@postmortem-kb/parser/loader');
    expect(Object.keys(api).sort()).toEqual(['postmortemLoader']);
  });

  it('@postmortem-kb/parser/schema.json is the frontmatter JSON Schema', () => {
    const schema = JSON.parse(readFileSync(require.resolve('@postmortem-kb/parser/schema.json'), 'utf8')) as {
      $ref: string;
      definitions: Record<string, { type: string; properties: Record<string, unknown> }>;
    };
    const root = schema.definitions[schema.$ref.replace('#/definitions/', '')]!;
    expect(root.type).toBe('object');
    expect(Object.keys(root.properties)).toEqual(expect.arrayContaining(['title', 'date', 'status', 'severity', 'categories', 'sources']));
  });

  it('@postmortem-kb/cli exports its programmatic entry', async () => {
    const api = await import('@postmortem-kb/cli');
    expect(Object.keys(api).sort()).toEqual(['applyRuleSettings', 'createProgram', 'createRunContext', 'findConfig', 'main', 'validateConfig']);
  });
});
