/**
 * Relevance over the repository's own postmortems: labelled queries (phrases, misspellings,
 * synonyms, other forms of a word), each with the incidents whose text answers it, labelled
 * from what the postmortems say. A query passes when one of them is in the top 5; the share
 * must be at least 90 % and above plain fuse.js over the same records on the same queries.
 * Labels are slugs and any rank ≤ 5 counts, so adding postmortems does not break the test.
 */
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, loadSearchIndex, openSearchIndex, searchBundleFiles, splitSearchIndex } from '../../packages/parser/src/search.js';
import { expectTop5AboveFuse, relevanceCorpus, unknownLabels } from './_search-relevance.js';

type Kind = 'phrase' | 'misspelling' | 'synonym' | 'form';
const labelled: Array<{ query: string; kind: Kind; expected: string[] }> = [
  { query: 'port exhaustion', kind: 'phrase', expected: ['2020-08-05-ipaper-port-exhaustion'] },
  { query: 'transaction id wraparound', kind: 'phrase', expected: ['mandrill-postgres-xid-wraparound', 'sentry-postgres-xid-wraparound'] },
  {
    query: 'leap second',
    kind: 'phrase',
    expected: ['2016-12-31-cloudflare-leap-second-rrdns', 'linux-2012-leap-second-hrtimer', 'linux-leap-second-printk-deadlock'],
  },
  { query: 'integer limit', kind: 'phrase', expected: ['2014-07-29-strava-integer-limit', 'basecamp-2018-integer-limit-read-only'] },
  { query: 'thundering herd', kind: 'phrase', expected: ['google-service-control-null-policy'] },
  { query: 'priority inversion', kind: 'phrase', expected: ['nasa-mars-pathfinder-priority-inversion'] },
  { query: 'race condition', kind: 'phrase', expected: ['att-1990-switch-race-condition', '2025-10-19-aws-dynamodb-dns-race-us-east-1'] },
  { query: 'schema migration', kind: 'phrase', expected: ['github-2021-mysql-schema-migration-deadlock'] },
  { query: 'memory leak', kind: 'phrase', expected: ['amazon-ebs-reporting-agent-memory-leak', 'cloudflare-parser-memory-leak'] },
  { query: 'backup generator', kind: 'phrase', expected: ['amazon-us-east-storm-generator', 'amazon-eu-west-transformer-plc'] },
  { query: 'regex backtracking', kind: 'phrase', expected: ['2016-07-20-stack-exchange-regex-backtracking', '2019-07-02-cloudflare-waf-regex-cpu'] },
  { query: 'network partition', kind: 'phrase', expected: ['2018-10-21-github-network-partition-mysql-failover'] },
  { query: 'cascading failure redis', kind: 'phrase', expected: ['discord-redis-migration-cascade'] },
  { query: 'credentials in source repository', kind: 'phrase', expected: ['bitly-credentials-in-source-repo'] },
  {
    query: 'kubernets',
    kind: 'misspelling',
    expected: [
      '2024-12-11-openai-telemetry-kubernetes-control-plane',
      '2023-03-08-datadog-cilium-network-rules',
      '2021-12-15-pagerduty-dns-config-container-cluster',
    ],
  },
  {
    query: 'wraparoud',
    kind: 'misspelling',
    expected: ['mandrill-postgres-xid-wraparound', 'sentry-postgres-xid-wraparound', '2015-07-27-joyent-manta-postgres-lock'],
  },
  { query: 'certficate expiry', kind: 'misspelling', expected: ['2019-05-04-mozilla-addons-certificate-expiry', '2012-02-29-azure-leap-day-certificates'] },
  { query: 'shelshock', kind: 'misspelling', expected: ['browserstack-shellshock-breach'] },
  { query: 'sha1 collison', kind: 'misspelling', expected: ['webkit-svn-sha1-collision'] },
  { query: 'firwall configuration', kind: 'misspelling', expected: ['2014-08-25-stack-overflow-firewall-config'] },
  { query: 'transfomer failure', kind: 'misspelling', expected: ['amazon-eu-west-transformer-plc'] },
  { query: 'lightening strikes', kind: 'misspelling', expected: ['google-europe-west1-lightning'] },
  { query: 'pathfinder spacecraft resets', kind: 'misspelling', expected: ['nasa-mars-pathfinder-priority-inversion'] },
  {
    query: 'k8s',
    kind: 'synonym',
    expected: [
      '2024-12-11-openai-telemetry-kubernetes-control-plane',
      '2023-03-08-datadog-cilium-network-rules',
      '2021-12-15-pagerduty-dns-config-container-cluster',
    ],
  },
  { query: 'oom', kind: 'synonym', expected: ['amazon-ebs-reporting-agent-memory-leak'] },
  { query: 'ssl expired', kind: 'synonym', expected: ['2019-05-04-mozilla-addons-certificate-expiry', '2012-02-29-azure-leap-day-certificates'] },
  {
    query: 'production db deleted',
    kind: 'synonym',
    expected: ['keepthescore-production-database-deleted', '2017-01-31-gitlab-database-deletion', 'travisci-env-var-truncates-production-db'],
  },
  { query: 'lb changes', kind: 'synonym', expected: ['google-load-balancer-slow-code-path'] },
  { query: 'denial of service attack', kind: 'synonym', expected: ['2014-03-24-basecamp-ddos', '2018-02-28-github-ddos-1-35tbps'] },
  { query: 'postgresql wraparound', kind: 'synonym', expected: ['mandrill-postgres-xid-wraparound', 'sentry-postgres-xid-wraparound'] },
  { query: 'backbone configuration typo', kind: 'synonym', expected: ['2020-07-17-cloudflare-atlanta-backbone-typo'] },
  { query: 'rolling back the telemetry service', kind: 'form', expected: ['2024-12-11-openai-telemetry-kubernetes-control-plane'] },
  { query: 'expiring certificates', kind: 'form', expected: ['2019-05-04-mozilla-addons-certificate-expiry', '2012-02-29-azure-leap-day-certificates'] },
  {
    query: 'overloaded databases',
    kind: 'form',
    expected: ['bbc-online-2014-database-overload', 'duo-database-capacity-cascade', '2020-04-21-flowdock-covid-load'],
  },
  { query: 'failing switches', kind: 'form', expected: ['cloudflare-byzantine-switch-failure', 'att-1990-switch-race-condition'] },
  { query: 'rebooted datacenter', kind: 'form', expected: ['2014-05-27-joyent-us-east-1-reboot'] },
  { query: 'leaking credentials', kind: 'form', expected: ['bitly-credentials-in-source-repo'] },
  { query: 'compromising npm accounts', kind: 'form', expected: ['2018-07-12-eslint-npm-account-compromise'] },
  { query: 'deadlocked replicas', kind: 'form', expected: ['github-2021-mysql-schema-migration-deadlock'] },
];

const corpus = relevanceCorpus();

describe('search relevance over postmortems/', () => {
  it('labels at least 30 queries of every kind, each naming incidents that exist', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(30);
    for (const kind of ['phrase', 'misspelling', 'synonym', 'form'] as const)
      expect(labelled.filter((entry) => entry.kind === kind).length).toBeGreaterThanOrEqual(6);
    expect(unknownLabels(labelled, corpus.postmortems)).toEqual([]);
  });

  it('finds a labelled incident in the top 5 for at least 90 % of the queries, above plain fuse.js', () => {
    expectTop5AboveFuse(labelled, corpus);
  });

  it('answers the same from the split index, fetching only some shards', async () => {
    const index = buildSearchIndex(corpus.postmortems);
    const whole = loadSearchIndex(index);
    const files = searchBundleFiles(splitSearchIndex(index, { shardChars: 8000, docChunk: 20 }));
    const fetched = new Set<string>();
    const split = await openSearchIndex(async (file) => {
      fetched.add(file);
      return JSON.parse(JSON.stringify(files.get(file))) as unknown;
    });
    for (const { query } of labelled) {
      const expected = whole.query(query, { limit: 5 });
      const got = await split.query(query, { limit: 5 });
      // Completions of a word being typed may come from fewer shards; full words match exactly.
      expect({ query, slugs: got.hits.map((hit) => hit.slug) }).toEqual({ query, slugs: expected.hits.map((hit) => hit.slug) });
    }
    expect(fetched.size).toBeLessThan(files.size);
  });
});
