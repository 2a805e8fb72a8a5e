/** Fixture postmortems for tests of the corpus-level functions. */
import type { ActionItem, Postmortem } from '../../packages/parser/src/lib/schema.js';

/** A complete postmortem with empty defaults; `slug` also sets `id`, `title` and `path` unless given. */
export function postmortem(overrides: Partial<Postmortem> & { slug: string }): Postmortem {
  const { slug } = overrides;
  return {
    id: slug,
    path: `postmortems/${slug}.md`,
    title: `Incident ${slug}`,
    date: null,
    status: 'final',
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
    metrics: {
      timeToDetectMinutes: null,
      timeToMitigateMinutes: null,
      timeToResolveMinutes: null,
      sources: { timeToDetectMinutes: null, timeToMitigateMinutes: null, timeToResolveMinutes: null },
    },
    extra: {},
    html: '',
    diagnostics: [],
    ...overrides,
  };
}

/** An action item with empty defaults. */
export function actionItem(overrides: Partial<ActionItem> & { text: string }): ActionItem {
  return { owner: null, status: null, priority: null, type: null, ticket: null, due: null, doneOn: null, line: 1, ...overrides };
}

/** Freezes `value` and everything reachable from it, so a function that mutates its input throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}
