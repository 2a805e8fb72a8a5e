/** Recurrence chains and the `recurrence` corpus rule. */
import { describe, expect, it } from 'vitest';
import { checkCorpus, followUpStateAt, recurrenceChains, type ActionItem, type FollowUpState } from '../../packages/parser/src/index.js';
import { actionItem, deepFreeze, postmortem } from './_factory.js';
import { plantedCorpus, precisionRecall, type Kind } from './_planted.js';

describe('recurrenceChains on a generated corpus with planted recurrences', () => {
  const planted = plantedCorpus();
  const chains = recurrenceChains(planted.postmortems);

  it('recovers exactly the planted chains (precision and recall 1.0)', () => {
    const found = chains.map((chain) => ({ causes: chain.causes.map((cause) => cause.id), members: chain.incidents.map((incident) => incident.slug) }));
    const expected = planted.chains.map((chain) => ({ causes: [chain.category], members: chain.slugs }));
    const key = (chain: { causes: string[]; members: string[] }) => `${chain.causes.join('+')}:${chain.members.join(',')}`;
    const { precision, recall } = precisionRecall(found, expected, key);
    console.log(`recurrences: ${found.length} chains found, ${expected.length} planted; precision ${precision}, recall ${recall}`);
    expect({ precision, recall }).toEqual({ precision: 1, recall: 1 });
    expect(expected.length).toBeGreaterThanOrEqual(10);
  });

  it('gives each chain its category, service and organization', () => {
    for (const chain of planted.chains) {
      const found = chains.find((candidate) => candidate.incidents[0]!.slug === chain.slugs[0]);
      expect(found?.causes).toEqual([{ kind: 'category', id: chain.category }]);
      expect(found?.scopes).toEqual([
        { kind: 'service', name: chain.service },
        { kind: 'organization', name: chain.organization },
      ]);
    }
  });

  it('knows every earlier follow-up and its state when each later incident happened', () => {
    const bySlug = new Map(planted.incidents.map((incident) => [incident.slug, incident]));
    for (const plantedChain of planted.chains) {
      const chain = chains.find((candidate) => candidate.incidents[0]!.slug === plantedChain.slugs[0])!;
      plantedChain.slugs.forEach((slug, at) => {
        const later = bySlug.get(slug)!;
        const expected: Record<FollowUpState, number> = { open: 0, done: 0, 'done-after': 0, 'no-date': 0, unknown: 0 };
        for (const earlierSlug of plantedChain.slugs.slice(0, at)) {
          const earlier = bySlug.get(earlierSlug)!;
          for (const item of earlier.items) expected[stateOfPlanted(item.kind, earlier.day + (item.doneAfterDays ?? 0), later.day)]++;
        }
        expect(chain.incidents[at]!.earlierFollowUps, `${slug} in ${chain.id}`).toEqual(expected);
      });
      // Each item's state at the next incident is the planted kind (the last incident's items have none).
      const states = chain.followUps.map((item) => [item.incident, item.stateAtNext]);
      const plantedStates = plantedChain.slugs.flatMap((slug, at) =>
        bySlug.get(slug)!.items.map((item) => [slug, at === plantedChain.slugs.length - 1 ? null : item.kind]),
      );
      expect(states).toEqual(plantedStates);
    }
  });
});

/** A done item in the plan is done on `doneDay`; its state on `laterDay`. */
function stateOfPlanted(kind: Kind, doneDay: number, laterDay: number): FollowUpState {
  if (kind === 'done' || kind === 'done-after') return doneDay <= laterDay ? 'done' : 'done-after';
  return kind;
}

describe('recurrenceChains', () => {
  const item = (text: string, fields: Partial<ActionItem> = {}) => actionItem({ text, ...fields });
  const corpus = () =>
    deepFreeze([
      postmortem({
        slug: 'a',
        date: '2024-01-01',
        organization: 'Acme',
        services: ['api-gateway'],
        categories: ['certificates'],
        actionItems: [
          item('Alert on expiry', { status: 'open' }),
          item('Automate renewal', { status: 'open' }),
          item('Inventory certificates', { status: 'done', doneOn: '2024-02-01' }),
        ],
      }),
      postmortem({
        slug: 'b',
        date: '2024-03-01',
        organization: 'Acme',
        services: ['API-Gateway'],
        categories: ['certificates'],
        actionItems: [item('Rotate keys', { status: 'open' })],
      }),
      postmortem({ slug: 'c', date: '2024-04-30', organization: 'Acme', services: ['api-gateway'], categories: ['certificates'] }),
      postmortem({ slug: 'undated', date: null, organization: 'Acme', services: ['api-gateway'], categories: ['certificates'] }),
      postmortem({ slug: 'elsewhere', date: '2024-02-01', organization: 'Other', services: ['web'], categories: ['certificates'] }),
    ]);

  it('chains by category and service or organization, merging chains with the same incidents', () => {
    const chains = recurrenceChains(corpus());
    expect(
      chains.map((chain) => ({ id: chain.id, slugs: chain.incidents.map((incident) => incident.slug), scopes: chain.scopes, spanDays: chain.spanDays })),
    ).toEqual([
      {
        id: 'a--certificates--api-gateway',
        slugs: ['a', 'b', 'c'],
        scopes: [
          { kind: 'service', name: 'api-gateway' },
          { kind: 'organization', name: 'Acme' },
        ],
        spanDays: 120,
      },
    ]);
    expect(chains[0]!.incidents.map((incident) => incident.openEarlier)).toEqual([
      [],
      [{ incident: 'a', count: 2 }],
      [
        { incident: 'a', count: 2 },
        { incident: 'b', count: 1 },
      ],
    ]);
  });

  it('chains by trigger category too', () => {
    const chains = recurrenceChains([
      postmortem({ slug: 'p', date: '2024-01-01', organization: 'Acme', categories: ['dns'], triggerCategory: 'config-push' }),
      postmortem({ slug: 'q', date: '2024-02-01', organization: 'ACME', categories: ['network'], triggerCategory: 'config-push' }),
    ]);
    expect(chains.map((chain) => [chain.id, chain.causes, chain.incidents.map((incident) => incident.slug)])).toEqual([
      ['p--trigger-config-push--acme', [{ kind: 'trigger', id: 'config-push' }], ['p', 'q']],
    ]);
  });

  it('a window of 180 days by default, inclusive; windowDays changes it', () => {
    const pair = (second: string) => [
      postmortem({ slug: 'x', date: '2024-01-01', services: ['s'], categories: ['c'] }),
      postmortem({ slug: 'y', date: second, services: ['s'], categories: ['c'] }),
    ];
    expect(recurrenceChains(pair('2024-06-29'))).toHaveLength(1); // 180 days
    expect(recurrenceChains(pair('2024-06-30'))).toHaveLength(0); // 181 days
    expect(recurrenceChains(pair('2024-01-31'), { windowDays: 29 })).toHaveLength(0);
    expect(() => recurrenceChains(pair('2024-01-31'), { windowDays: -1 })).toThrow(RangeError);
  });

  it.each<[string, Parameters<typeof followUpStateAt>[0], FollowUpState]>([
    ['open', { status: 'open', doneOn: null }, 'open'],
    ['done on the day', { status: 'done', doneOn: '2024-03-01' }, 'done'],
    ['done after', { status: 'done', doneOn: '2024-03-02' }, 'done-after'],
    ['done, no date', { status: 'done', doneOn: null }, 'no-date'],
    ['no status', { status: null, doneOn: null }, 'unknown'],
  ])('followUpStateAt: %s', (_, item, state) => {
    expect(followUpStateAt(item, '2024-03-01')).toBe(state);
  });

  it('the recurrence rule notes each later incident, with the follow-ups still open', () => {
    const postmortems = corpus().map((entry) => ({ ...entry, diagnostics: [] as typeof entry.diagnostics }));
    checkCorpus(postmortems);
    const notes = postmortems.flatMap((entry) =>
      entry.diagnostics
        .filter((diagnostic) => diagnostic.ruleId === 'recurrence')
        .map((diagnostic) => `${entry.slug}: ${diagnostic.severity} ${diagnostic.message}`),
    );
    expect(notes).toEqual([
      'b: info 2nd certificates incident on api-gateway at Acme in 60 days; 2 follow-ups from the first are still open',
      'c: info 3rd certificates incident on api-gateway at Acme in 120 days; 2 follow-ups from the first and 1 from the 2nd are still open',
    ]);
  });
});
