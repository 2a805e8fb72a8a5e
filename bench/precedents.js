/**
 * Precedent retrieval by replay: for each dated incident N with an earlier incident sharing one
 * of its root-cause categories, ask for precedents as someone would before N happened (only
 * incidents dated before N; N's first service, its organization and its title as the change's
 * words) and check the top 5:
 *
 * - "same category": a precedent shares a root-cause category with N. Ours is asked without
 *   the category (it is what we want to learn); the baseline, "the 5 most recent incidents
 *   sharing a category with N", is given it, so it finds one whenever one exists.
 * - "same category and service/organization": a precedent shares a category and a service or
 *   the organization with N (a recurrence). Ours is given N's first category too.
 *
 * Queries are sampled evenly, at most `maxQueries`, so a large corpus stays quick to replay.
 */
import { precedents } from '@postmortem-kb/parser';

export function replayPrecedents(postmortems, { maxQueries = 200, limit = 5 } = {}) {
  const dated = postmortems.filter((postmortem) => postmortem.date !== null && /^\d{4}-\d{2}-\d{2}$/.test(postmortem.date));
  const answerable = dated.filter((target) => dated.some((other) => other.date < target.date && sharesCategory(target, other)));
  const step = Math.max(1, answerable.length / maxQueries);
  const queries = [];
  for (let at = 0; at < answerable.length && queries.length < maxQueries; at += step) queries.push(answerable[Math.floor(at)]);

  const hits = { categoryOurs: 0, categoryBaseline: 0, recurrenceOurs: 0, recurrenceBaseline: 0, recurrenceQueries: 0 };
  for (const target of queries) {
    const before = dated.filter((other) => other.date < target.date);
    const query = { service: target.services[0], organization: target.organization ?? undefined, text: target.title, before: target.date, limit };
    const withoutCategory = precedents(before, query).map((found) => bySlug(before, found.slug));
    const withCategory = precedents(before, { ...query, category: target.categories[0] }).map((found) => bySlug(before, found.slug));
    const baseline = before
      .filter((other) => sharesCategory(target, other))
      .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.slug < b.slug ? -1 : 1))
      .slice(0, limit);
    if (withoutCategory.some((found) => sharesCategory(target, found))) hits.categoryOurs++;
    if (baseline.length > 0) hits.categoryBaseline++;
    if (before.some((other) => isRecurrencePrecedent(target, other))) {
      hits.recurrenceQueries++;
      if (withCategory.some((found) => isRecurrencePrecedent(target, found))) hits.recurrenceOurs++;
      if (baseline.some((found) => isRecurrencePrecedent(target, found))) hits.recurrenceBaseline++;
    }
  }
  const share = (count, total) => (total === 0 ? NaN : count / total);
  return {
    queries: queries.length,
    recurrenceQueries: hits.recurrenceQueries,
    category: { ours: share(hits.categoryOurs, queries.length), baseline: share(hits.categoryBaseline, queries.length) },
    recurrence: { ours: share(hits.recurrenceOurs, hits.recurrenceQueries), baseline: share(hits.recurrenceBaseline, hits.recurrenceQueries) },
  };
}

function bySlug(postmortems, slug) {
  return postmortems.find((postmortem) => postmortem.slug === slug);
}

function sharesCategory(a, b) {
  return a.categories.some((category) => b.categories.includes(category));
}

function isRecurrencePrecedent(target, other) {
  if (!sharesCategory(target, other)) return false;
  const services = new Set(target.services.map((service) => service.toLowerCase()));
  const sameOrganization =
    target.organization !== null && other.organization !== null && target.organization.toLowerCase() === other.organization.toLowerCase();
  return sameOrganization || other.services.some((service) => services.has(service.toLowerCase()));
}
