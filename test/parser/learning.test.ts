/** Follow-through figures, themes and precedents, on the generated corpus with planted truth and on small fixtures. */
import { describe, expect, it } from 'vitest';
import { followThrough, precedents, themes, type FollowThroughFigures } from '../../packages/parser/src/index.js';
import { actionItem, postmortem } from './_factory.js';
import { plantedCorpus, precisionRecall, type PlantedIncident } from './_planted.js';

const planted = plantedCorpus();

describe('followThrough on the planted corpus', () => {
  const result = followThrough(planted.postmortems, { today: planted.today });
  const byName = (list: FollowThroughFigures[]) => new Map(list.map((figures) => [figures.name, figures]));

  /** The figures the plan says a group of incidents has (recurrences from the planted chains of that group). */
  function expectedFigures(name: string, members: PlantedIncident[], chainSlugs: string[][]): FollowThroughFigures {
    const items = members.flatMap((incident) => incident.items.map((item) => ({ item, incident })));
    const doneDays = items
      .filter(({ item }) => item.doneAfterDays !== null)
      .map(({ item }) => item.doneAfterDays!)
      .sort((a, b) => a - b);
    const bySlug = new Map(planted.incidents.map((incident) => [incident.slug, incident]));
    let recurrences = 0;
    let withOpen = 0;
    for (const slugs of chainSlugs) {
      slugs.forEach((slug, at) => {
        if (at === 0) return;
        recurrences++;
        const later = bySlug.get(slug)!;
        const open = slugs
          .slice(0, at)
          .some((earlier) =>
            bySlug
              .get(earlier)!
              .items.some((item) => item.kind === 'open' || (item.doneAfterDays !== null && bySlug.get(earlier)!.day + item.doneAfterDays > later.day)),
          );
        if (open) withOpen++;
      });
    }
    return {
      name,
      incidents: members.length,
      opened: items.length,
      done: items.filter(({ item }) => item.kind === 'done' || item.kind === 'done-after' || item.kind === 'no-date').length,
      overdue: items.filter(({ item }) => item.kind === 'open' && item.due !== null && item.due < planted.today).length,
      doneWithDate: doneDays.length,
      medianDaysToDone: doneDays.length === 0 ? null : doneDays[Math.ceil(doneDays.length / 2) - 1]!,
      recurrences,
      recurrencesWithOpenFollowUps: withOpen,
      openFollowUpShare: recurrences === 0 ? null : Math.round((withOpen / recurrences) * 1000) / 1000,
    };
  }

  it('per category, service and organization, as planted', () => {
    const categories = byName(result.byCategory);
    const services = byName(result.byService);
    const organizations = byName(result.byOrganization);
    for (const chain of planted.chains) {
      const members = (pick: (incident: PlantedIncident) => boolean) => planted.incidents.filter(pick);
      expect(categories.get(chain.category)).toEqual(
        expectedFigures(
          chain.category,
          members((incident) => incident.category === chain.category),
          [chain.slugs],
        ),
      );
      expect(services.get(chain.service)).toEqual(
        expectedFigures(
          chain.service,
          members((incident) => incident.service === chain.service),
          [chain.slugs],
        ),
      );
      expect(organizations.get(chain.organization)).toEqual(
        expectedFigures(
          chain.organization,
          members((incident) => incident.organization === chain.organization),
          [chain.slugs],
        ),
      );
    }
    expect(result.all).toEqual(
      expectedFigures(
        'all',
        planted.incidents,
        planted.chains.map((chain) => chain.slugs),
      ),
    );
    // The plan has recurrences both with and without open follow-ups, so the share is tested both ways.
    expect(result.all.recurrencesWithOpenFollowUps).toBeGreaterThan(0);
    expect(result.all.recurrencesWithOpenFollowUps).toBeLessThan(result.all.recurrences);
  });
});

describe('themes on the planted corpus', () => {
  const found = themes(planted.postmortems);

  it('recovers exactly the planted themes with their incidents (precision and recall 1.0)', () => {
    const key = (theme: { phrase: string; slugs: string[] }) => `${theme.phrase}:${[...theme.slugs].sort().join(',')}`;
    const { precision, recall } = precisionRecall(
      found.map((theme) => ({ phrase: theme.label, slugs: theme.incidents.map((incident) => incident.slug) })),
      planted.themes,
      key,
    );
    console.log(`themes: ${found.length} found, ${planted.themes.length} planted; precision ${precision}, recall ${recall}`);
    expect({ precision, recall }).toEqual({ precision: 1, recall: 1 });
    for (const phrase of planted.nearMissPhrases) expect(found.map((theme) => theme.label)).not.toContain(phrase);
  });

  it('keeps the texts that mention the phrase, by source', () => {
    for (const theme of found) {
      for (const incident of theme.incidents) {
        expect(incident.mentions.length).toBeGreaterThan(0);
        for (const mention of incident.mentions) expect(mention.text).toContain(theme.label);
      }
      expect(theme.sources.contributingFactor + theme.sources.lesson + theme.sources.actionItem).toBe(
        theme.incidents.flatMap((incident) => incident.mentions).length,
      );
    }
  });
});

describe('themes', () => {
  const withFactor = (slug: string, text: string) => postmortem({ slug, contributingFactors: [{ text }] });

  it('groups forms of one phrase, ignores stop words and numbers, needs 3 incidents', () => {
    const result = themes([
      withFactor('a', 'The certificate renewals failed silently'),
      withFactor('b', 'A certificate renewal job was disabled in 2021'),
      withFactor('c', 'Nobody watched the certificate renewal'),
      withFactor('d', 'It was in the of the and 2021 2021'),
      withFactor('e', 'It was in the of the and 2021 2021'),
      withFactor('f', 'It was in the of the and 2021 2021'),
    ]);
    expect(result.map((theme) => [theme.label, theme.incidents.map((incident) => incident.slug)])).toEqual([['certificate renewal', ['a', 'b', 'c']]]);
    expect(
      themes(
        ['a', 'b', 'c'].map((slug) => withFactor(slug, 'certificate renewal')),
        { minIncidents: 4 },
      ),
    ).toEqual([]);
  });
});

describe('precedents', () => {
  const corpus = [
    postmortem({
      slug: 'old-cert',
      date: '2023-01-10',
      services: ['edge'],
      categories: ['certificates'],
      summary: 'The edge proxy served an expired certificate.',
      lessons: { wentWrong: ['No alert on certificate expiry'], wentWell: ['Fast rollback'], lucky: [], learned: [] },
      actionItems: [
        actionItem({ text: 'Alert 30 days before expiry', status: 'open', due: '2023-02-01', line: 20 }),
        actionItem({ text: 'Renew', status: 'done' }),
      ],
    }),
    postmortem({ slug: 'dns', date: '2023-05-01', services: ['dns'], categories: ['dns'], summary: 'Resolvers timed out.' }),
    postmortem({ slug: 'new-cert', date: '2024-06-01', services: ['edge'], categories: ['certificates'], summary: 'An expired certificate again.' }),
  ];

  it('ranks past incidents for a change, with lessons and open follow-ups; before= replays history', () => {
    const found = precedents(corpus, { service: 'edge', text: 'rotate the certificate of the edge proxy' }, { today: '2024-01-01' });
    expect(found.map((precedent) => precedent.slug)).toEqual(['old-cert', 'new-cert']);
    expect(found[0]).toMatchObject({
      lessons: ['No alert on certificate expiry', 'Fast rollback'],
      openFollowUps: [{ text: 'Alert 30 days before expiry', owner: null, due: '2023-02-01', overdue: true, line: 20 }],
    });
    expect(found[0]!.reasons.map((reason) => reason.kind)).toEqual(['service', 'text']);
    expect(precedents(corpus, { service: 'edge', before: '2024-01-01' }).map((precedent) => precedent.slug)).toEqual(['old-cert']);
    expect(precedents(corpus, {})).toEqual([]);
  });
});
