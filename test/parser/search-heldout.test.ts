/**
 * A held-out relevance set: queries an SRE types (phrases, misspellings, synonyms, other forms,
 * abbreviations) written after the engine was tuned on `search-relevance.test.ts`, none of them
 * in that set. Each names the incidents of postmortems/ whose title, summary or root causes
 * answer it, checked by reading them. A query passes when one of them is in the top 5; the
 * share must be at least 90 % and above plain fuse.js over the same records on the same queries.
 */
import { describe, expect, it } from 'vitest';
import { expectTop5AboveFuse, relevanceCorpus, unknownLabels, type LabelledQuery } from './_search-relevance.js';

type Kind = 'phrase' | 'misspelling' | 'synonym' | 'form' | 'abbreviation';
const heldOut: Array<LabelledQuery & { kind: Kind }> = [
  { query: 'bgp leak', kind: 'abbreviation', expected: ['2024-06-27-cloudflare-1111-bgp-hijack-leak', '2026-01-22-cloudflare-miami-ipv6-route-leak'] },
  { query: 'cert expiry', kind: 'abbreviation', expected: ['2019-05-04-mozilla-addons-certificate-expiry', '2012-02-29-azure-leap-day-certificates'] },
  {
    query: 'oom killer',
    kind: 'abbreviation',
    expected: [
      '2017-03-20-discord-presence-thundering-herd-sessions-oom',
      '2025-10-09-clever-cloud-cooling-memory-pressure-hypervisors',
      '2026-03-19-clever-cloud-placement-threshold-haproxy-memory',
      '2025-08-28-pagerduty-kafka-producer-per-request',
      '2025-10-16-railway-edge-routing-memory-spike',
    ],
  },
  { query: 'k8s upgrade', kind: 'abbreviation', expected: ['2023-03-14-reddit-pi-day-kubernetes-upgrade', '2023-03-08-datadog-cilium-network-rules'] },
  {
    query: 'db migration lock',
    kind: 'abbreviation',
    expected: [
      'gocardless-postgres-migration-lock',
      '2025-12-09-railway-migration-lock-backend-health-checks',
      '2025-10-28-railway-index-without-concurrently',
      '2015-07-27-joyent-manta-postgres-lock',
    ],
  },
  { query: 'multi-az failover', kind: 'abbreviation', expected: ['razorpay-2019-rds-multi-az-failover-data-loss'] },
  { query: 'rm -rf', kind: 'abbreviation', expected: ['2015-01-valve-steam-linux-rm-rf'] },
  {
    query: 'thundering herd of reconnects',
    kind: 'phrase',
    expected: [
      '2017-03-20-discord-presence-thundering-herd-sessions-oom',
      '2014-10-14-slack-reconnection-overload',
      '2025-06-06-railway-websocket-reconnect-github-oauth-limits',
    ],
  },
  {
    query: 'config push',
    kind: 'phrase',
    expected: [
      '2015-01-26-facebook-configuration-change-global-outage',
      '2014-01-24-google-generated-configuration-gmail-outage',
      '2017-04-05-google-cloud-load-balancer-stale-config-502s',
      '2016-10-13-google-cloud-load-balancer-config-502s',
      '2025-10-29-azure-front-door-tenant-config',
      '2021-06-08-fastly-customer-config-latent-bug',
      '2022-07-14-google-cloud-networking-low-priority-traffic',
      '2020-07-17-cloudflare-atlanta-backbone-typo',
    ],
  },
  { query: 'leap day', kind: 'phrase', expected: ['2012-02-29-azure-leap-day-certificates'] },
  {
    query: 'integer overflow',
    kind: 'phrase',
    expected: [
      '1996-06-04-esa-ariane-5-flight-501-overflow',
      '2012-07-30-etsy-accidental-database-upgrade-and-id-overflow',
      '2023-06-08-heroku-foreign-key-overflow',
      '2014-07-29-strava-integer-limit',
      'basecamp-2018-integer-limit-read-only',
    ],
  },
  {
    query: 'retry storm',
    kind: 'phrase',
    expected: [
      '2015-12-17-stripe-event-queue-retry-feedback-loop',
      'spotify-popcount-retry-without-backoff',
      '2011-04-21-aws-ebs-us-east-remirroring-storm',
      '2017-03-16-square-auth-thundering-herd',
    ],
  },
  { query: 'mysql deadlock', kind: 'phrase', expected: ['2023-07-25-honeycomb-total-outage-mysql-deadlock', 'github-2021-mysql-schema-migration-deadlock'] },
  { query: 'feature flag', kind: 'phrase', expected: ['knight-capital-deploy-flag-reuse', '2025-09-15-github-copilot-rate-limiter-feature-flag'] },
  { query: 'floating point division bug', kind: 'phrase', expected: ['1994-10-30-intel-pentium-fdiv'] },
  { query: 'connection limit too low', kind: 'phrase', expected: ['2024-01-09-github-host-upgrade-connection-limit'] },
  { query: 'unhealthy disk', kind: 'phrase', expected: ['2023-03-01-github-packages-unhealthy-database-disk'] },
  { query: 'fibre cut', kind: 'misspelling', expected: ['2025-03-18-azure-east-us-fiber-cut-concurrent-failures', 'google-central-us-backbone-fiber'] },
  {
    query: 'zookeper quorum',
    kind: 'misspelling',
    expected: [
      '2019-02-04-elastic-cloud-zookeeper-patching-us-east-1',
      '2019-01-18-elastic-cloud-zookeeper-treecache-flood',
      '2016-08-18-platform-sh-zookeeper-maintenance',
      '2016-08-11-reddit-autoscaler-zookeeper-migration',
    ],
  },
  { query: 'mars climate orbitor', kind: 'misspelling', expected: ['1999-09-23-nasa-mars-climate-orbiter-units'] },
  {
    query: 'hypervisor memory presure',
    kind: 'misspelling',
    expected: [
      '2025-10-09-clever-cloud-cooling-memory-pressure-hypervisors',
      '2024-08-02-clever-cloud-pulsar-balancer-upgrade-cascade',
      '2026-03-19-clever-cloud-placement-threshold-haproxy-memory',
    ],
  },
  {
    query: 'ddos mitigaton bug',
    kind: 'misspelling',
    expected: ['2024-06-20-cloudflare-ddos-rule-rate-limit-infinite-loop', '2024-07-30-azure-ddos-protection-amplified'],
  },
  {
    query: 'split brain',
    kind: 'synonym',
    expected: ['2018-10-21-github-network-partition-mysql-failover', '2014-07-29-yeller-network-partition-processing-delay'],
  },
  { query: 'fat finger', kind: 'synonym', expected: ['2020-07-17-cloudflare-atlanta-backbone-typo', '2017-02-28-amazon-s3-us-east-1-capacity-removal'] },
  {
    query: 'data center cooling failure',
    kind: 'synonym',
    expected: [
      '2022-07-19-google-europe-west2-cooling',
      '2023-08-30-azure-australia-east-cooling',
      '2025-10-09-clever-cloud-cooling-memory-pressure-hypervisors',
      '2023-04-25-google-cloud-europe-west9-water-fire',
    ],
  },
  { query: 'kafka brokers out of memory', kind: 'synonym', expected: ['2025-08-28-pagerduty-kafka-producer-per-request'] },
  { query: 'malware on laptop', kind: 'synonym', expected: ['2022-12-16-circleci-laptop-malware-breach'] },
  {
    query: 'rotated credentials',
    kind: 'form',
    expected: [
      '2025-03-21-cloudflare-r2-credential-rotation',
      '2015-08-04-travisci-vsphere-janitor-password-rotation',
      '2023-11-14-cloudflare-thanksgiving-okta-token-intrusion',
    ],
  },
  { query: 'log filled the disk', kind: 'form', expected: ['tarsnap-log-fills-filesystem'] },
  { query: 'stolen oauth tokens', kind: 'form', expected: ['2022-04-07-heroku-github-oauth-tokens-stolen'] },
];

const corpus = relevanceCorpus();

describe('search relevance on held-out queries over postmortems/', () => {
  it('holds 20 or more queries of several kinds, each naming incidents that exist', () => {
    expect(heldOut.length).toBeGreaterThanOrEqual(20);
    for (const kind of ['phrase', 'misspelling', 'synonym', 'form', 'abbreviation'] as const)
      expect(heldOut.filter((entry) => entry.kind === kind).length).toBeGreaterThanOrEqual(3);
    expect(unknownLabels(heldOut, corpus.postmortems)).toEqual([]);
  });

  it('finds a labelled incident in the top 5 for at least 90 % of them, above plain fuse.js', () => {
    expectTop5AboveFuse(heldOut, corpus);
  });
});
