import type { Postmortem, RelatedIncident } from '@postmortem-kb/parser';

/** Related incidents as tools receive them (`related --json`, the MCP `related` tool): each with its id and path. */
export function toRelatedRecords(related: readonly RelatedIncident[], corpus: readonly Postmortem[]) {
  const bySlug = new Map(corpus.map((incident) => [incident.slug, incident]));
  return related.map(({ slug, title, date, score, reasons }) => ({
    id: bySlug.get(slug)?.id ?? slug,
    slug,
    title,
    date,
    path: bySlug.get(slug)?.path ?? null,
    score,
    reasons,
  }));
}
