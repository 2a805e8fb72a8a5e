/**
 * The incident list as a table a page can filter and sort: per incident its facet values (as
 * URL-safe ids), a one-line summary, severity and duration; per facet its values with labels
 * and counts. Facets with no value in the corpus are left out (a corpus without triggers shows
 * no trigger filter). Pure; results are plain JSON.
 */
import type { Postmortem } from './schema.js';
import { excerpt } from './search-text.js';
import { yearOf } from './stats.js';
import type { Taxonomy } from './taxonomy.js';
import { uniqueUrlSlugs } from './url-slug.js';

export const tableFacetIds = ['category', 'trigger', 'service', 'organization', 'year', 'severity'] as const;
export type TableFacetId = (typeof tableFacetIds)[number];

export interface TableFacet {
  id: TableFacetId;
  label: string;
  /** Most frequent first, then by label (years newest first, severities most severe first). */
  values: Array<{ id: string; label: string; count: number }>;
}

export interface IncidentRow {
  slug: string;
  title: string;
  date: string | null;
  organization: string | null;
  /** The summary (else the first root cause) cut to one line. */
  summary: string;
  severity: string | null;
  /** 1 for the most severe level (`SEV1`, `P1`, `critical`), higher for less; null when unknown. */
  severityRank: number | null;
  /** Time to resolve, from the parser's metrics. */
  durationMinutes: number | null;
  /** Facet id → the ids of this incident's values. */
  values: Record<TableFacetId, string[]>;
}

export interface IncidentTable {
  rows: IncidentRow[];
  facets: TableFacet[];
}

const summaryLength = 140;
const facetLabels: Record<TableFacetId, string> = {
  category: 'Category',
  trigger: 'Trigger',
  service: 'Service',
  organization: 'Organization',
  year: 'Year',
  severity: 'Severity',
};

const severityWords: Record<string, number> = { critical: 1, major: 2, high: 2, medium: 3, moderate: 3, minor: 4, low: 4 };

/** `SEV1`, `sev-2`, `P0`, `S3`, `Severity 2`, `critical` → a rank (lower is more severe); else null. */
export function severityRank(severity: string | null): number | null {
  if (severity === null) return null;
  const text = severity.trim().toLowerCase();
  const level = /^(?:sev(?:erity)?|p|s)[\s-]*(\d{1,2})$/.exec(text);
  if (level) return Number(level[1]) + (text.startsWith('p') ? 1 : 0);
  return severityWords[text] ?? null;
}

function distinct(values: ReadonlyArray<string | null | undefined>): string[] {
  return [...new Set(values.map((value) => value?.trim() ?? '').filter((value) => value !== ''))];
}

/** Rows newest first (undated last, then by slug) and the facets to filter them by. */
export function incidentTable(postmortems: readonly Postmortem[], taxonomy: Taxonomy = { categories: [], triggers: [] }): IncidentTable {
  const categoryLabels = new Map(taxonomy.categories.map((category) => [category.id, category.label]));
  const triggerLabels = new Map(taxonomy.triggers.map((trigger) => [trigger.id, trigger.label]));
  const names: Record<TableFacetId, (postmortem: Postmortem) => string[]> = {
    category: (postmortem) => distinct(postmortem.categories),
    trigger: (postmortem) => distinct([postmortem.triggerCategory]),
    service: (postmortem) => distinct(postmortem.services),
    organization: (postmortem) => distinct([postmortem.organization]),
    year: (postmortem) => distinct([yearOf(postmortem)]),
    severity: (postmortem) => distinct([postmortem.severity]),
  };
  const label = (facet: TableFacetId, name: string) =>
    (facet === 'category' ? categoryLabels.get(name) : facet === 'trigger' ? triggerLabels.get(name) : undefined) ?? name;

  const facets: TableFacet[] = [];
  const ids = new Map<TableFacetId, Map<string, string>>();
  for (const facet of tableFacetIds) {
    const counts = new Map<string, number>();
    for (const postmortem of postmortems) for (const name of names[facet](postmortem)) counts.set(name, (counts.get(name) ?? 0) + 1);
    const sorted = [...counts].sort(([a, x], [b, y]) => {
      if (facet === 'year') return a < b ? 1 : a > b ? -1 : 0;
      if (facet === 'severity') return (severityRank(a) ?? 99) - (severityRank(b) ?? 99) || (a < b ? -1 : a > b ? 1 : 0);
      return y - x || label(facet, a).localeCompare(label(facet, b), 'en');
    });
    // Taxonomy ids are URL slugs already; other names get one, unique within the facet.
    const slugs = uniqueUrlSlugs(sorted.map(([name]) => name));
    ids.set(facet, slugs);
    if (sorted.length > 0)
      facets.push({
        id: facet,
        label: facetLabels[facet],
        values: sorted.map(([name, count]) => ({ id: slugs.get(name)!, label: label(facet, name), count })),
      });
  }

  const rows = [...postmortems]
    .sort((a, b) =>
      a.date === b.date ? (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0) : a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? 1 : -1,
    )
    .map((postmortem): IncidentRow => {
      const values = {} as Record<TableFacetId, string[]>;
      for (const facet of tableFacetIds) values[facet] = names[facet](postmortem).map((name) => ids.get(facet)!.get(name)!);
      const summary = postmortem.summary.trim() !== '' ? postmortem.summary : (postmortem.rootCauses[0]?.text ?? '');
      return {
        slug: postmortem.slug,
        title: postmortem.title,
        date: postmortem.date,
        organization: postmortem.organization,
        summary: excerpt(summary, summaryLength),
        severity: postmortem.severity,
        severityRank: severityRank(postmortem.severity),
        durationMinutes: postmortem.metrics.timeToResolveMinutes,
        values,
      };
    });
  return { rows, facets };
}
