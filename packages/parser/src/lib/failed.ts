import { ruleDefaults, type RuleId } from '../lint/registry.js';
import type { Postmortem } from './schema.js';
import { noMetrics } from './metrics.js';
import { postmortemName, slugFromPath } from './url-slug.js';

/** The record of a file we could not parse: every field empty, one error saying why. */
export function failedPostmortem(path: string | null, ruleId: RuleId, message: string): Postmortem {
  const { severity } = ruleDefaults[ruleId];
  const name = postmortemName(path);
  return { ...emptyPostmortem(name, path), slug: slugFromPath(path), diagnostics: [{ ruleId, severity, message, path, line: 1, column: 1 }] };
}

/** A postmortem with every field empty: `slug` as id and title. */
export function emptyPostmortem(slug: string, path: string | null = null): Postmortem {
  return {
    id: slug,
    slug,
    path,
    title: slug,
    date: null,
    status: null,
    severity: null,
    organization: null,
    services: [],
    tags: [],
    categories: [],
    triggerCategory: null,
    authors: [],
    sources: [],
    related: [],
    duplicateOf: null,
    timezone: null,
    startedAt: null,
    detectedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    summary: '',
    impact: { text: '' },
    timeline: [],
    rootCauses: [],
    contributingFactors: [],
    trigger: null,
    detection: null,
    resolution: null,
    actionItems: [],
    lessons: { wentWell: [], wentWrong: [], lucky: [], learned: [] },
    sections: [],
    metrics: noMetrics,
    extra: {},
    html: '',
    diagnostics: [],
  };
}
