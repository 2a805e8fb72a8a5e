/** `openFollowUps`: the open action items of the incidents a filter names, for tools and agents. */
import { describe, expect, it } from 'vitest';
import { openFollowUps } from '../../packages/parser/src/lib/open-follow-ups.js';
import { actionItem, deepFreeze, postmortem } from './_factory.js';

const corpus = deepFreeze([
  postmortem({
    slug: '2021-01-01-gateway',
    id: 'gateway',
    date: '2021-01-01',
    organization: 'Acme',
    services: ['API Gateway'],
    categories: ['certificates'],
    actionItems: [
      actionItem({ text: 'Automate renewal', status: 'open', due: '2021-03-01', owner: 'alice', line: 10 }),
      actionItem({ text: 'Alert on expiry', status: 'done', line: 11 }),
      actionItem({ text: 'Write a runbook', status: null, line: 12 }),
    ],
  }),
  postmortem({
    slug: '2023-06-01-billing',
    date: '2023-06-01',
    organization: 'Other',
    services: ['billing'],
    categories: ['capacity'],
    actionItems: [actionItem({ text: 'Add capacity alerts', status: 'open', due: '2030-01-01', line: 5 })],
  }),
]);

const gatewayItem = {
  ...actionItem({ text: 'Automate renewal', status: 'open', due: '2021-03-01', owner: 'alice', line: 10 }),
  incident: '2021-01-01-gateway',
  incidentId: 'gateway',
  incidentTitle: 'Incident 2021-01-01-gateway',
  incidentDate: '2021-01-01',
  path: 'postmortems/2021-01-01-gateway.md',
  overdue: true,
};

describe('openFollowUps', () => {
  it('keeps only open items, by due date, each with its incident', () => {
    expect(openFollowUps(corpus, {}, { today: '2024-01-01' })).toEqual([
      gatewayItem,
      {
        ...actionItem({ text: 'Add capacity alerts', status: 'open', due: '2030-01-01', line: 5 }),
        incident: '2023-06-01-billing',
        incidentId: '2023-06-01-billing',
        incidentTitle: 'Incident 2023-06-01-billing',
        incidentDate: '2023-06-01',
        path: 'postmortems/2023-06-01-billing.md',
        overdue: false,
      },
    ]);
  });

  it.each([
    ['a service, in any case', { service: 'api gateway' }],
    ['an organization, in any case', { organization: 'ACME' }],
    ['a category', { category: 'certificates' }],
    ['an incident id', { incident: 'gateway' }],
    ['an incident slug', { incident: '2021-01-01-gateway' }],
    ['overdue only', { overdueOnly: true }],
  ])('narrows to %s', (_what, filter) => {
    expect(openFollowUps(corpus, filter, { today: '2024-01-01' })).toEqual([gatewayItem]);
  });

  it('finds nothing for a value no incident has', () => {
    expect(openFollowUps(corpus, { service: 'checkout' }, { today: '2024-01-01' })).toEqual([]);
    expect(openFollowUps(corpus, { service: 'billing', category: 'certificates' }, { today: '2024-01-01' })).toEqual([]);
  });
});
