/**
 * The knowledge base as issue 15 asks for it: checked against the content audit
 * (../shared/research/content-audit.md, tables (a) and (b)) and its public sources.
 * Thresholds asserted here are the ones the corpus meets, rounded down (figures on 2 December 2026,
 * evening: 289 incidents, 96.9 % dated (280), 65.1 % with a timeline of three timed entries (188 of 289),
 * 65.7 % with a time to resolve). All three of the targets are reached: 220 incidents, ≥ 60 %
 * with a timeline of three timed entries and ≥ 50 % with a time to resolve. The 60 % floor now has a
 * margin of fourteen incidents; a new incident should still come with a timed timeline, and a dated one:
 * three more undated incidents would take the dated share under 96 %.
 */
import { describe, expect, it } from 'vitest';
import type { Postmortem } from '@postmortem-kb/parser';
import { loadKnowledgeBase, utcTimes as utc } from './_knowledge-base.js';

const { corpus, taxonomy, bySlug } = await loadKnowledgeBase();
const text = (postmortem: Postmortem) =>
  [postmortem.summary, postmortem.impact.text, ...postmortem.rootCauses.map((cause) => cause.text), postmortem.trigger ?? ''].join('\n');

describe('coverage', () => {
  it('gives every incident a trigger from the taxonomy', () => {
    const known = new Set(taxonomy.triggers.map((trigger) => trigger.id));
    expect(
      corpus.filter((postmortem) => postmortem.triggerCategory === null || !known.has(postmortem.triggerCategory)).map((postmortem) => postmortem.slug),
    ).toEqual([]);
  });

  it('dates at least 96 % of incidents (month precision where only the month is public)', () => {
    const dated = corpus.filter((postmortem) => postmortem.date !== null);
    expect(dated.length / corpus.length).toBeGreaterThanOrEqual(0.96);
    expect(dated.every((postmortem) => /^\d{4}-\d{2}(?:-\d{2})?$/.test(postmortem.date!))).toBe(true);
  });

  // Floors are the achieved values rounded down, raised as incidents land; the targets (220 incidents, 60 %, 50 %) are reached.
  it('holds at least 270 incidents, 60 % with a timeline of three timed entries and 61 % with a time to resolve', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(270);
    const timed = corpus.filter((postmortem) => postmortem.timeline.filter((entry) => entry.at !== null).length >= 3);
    expect(timed.length / corpus.length).toBeGreaterThanOrEqual(0.6);
    const resolved = corpus.filter((postmortem) => postmortem.metrics.timeToResolveMinutes !== null);
    expect(resolved.length / corpus.length).toBeGreaterThanOrEqual(0.61);
  });

  it('uses every trigger and the root-cause categories the audit found missing', () => {
    const triggers = new Set(corpus.map((postmortem) => postmortem.triggerCategory));
    expect(taxonomy.triggers.filter((trigger) => !triggers.has(trigger.id)).map((trigger) => trigger.id)).toEqual([]);
    const used = new Set(corpus.flatMap((postmortem) => postmortem.categories));
    for (const id of ['retry-storm', 'cache', 'queue-backlog', 'limits-quota', 'upstream-change', 'failover-failure', 'facility']) expect(used).toContain(id);
  });
});

describe('the audit’s table (a): dates found in the public record', () => {
  it.each([
    ['allegro-cluster-resource-config', '2018-07-18'],
    ['amazon-kinesis-thread-limit', '2020-11-25'],
    ['amazon-sydney-power-loss', '2016-06-04'],
    ['amazon-us-east-storm-generator', '2012-06-29'],
    ['basecamp-2018-integer-limit-read-only', '2018-11-08'],
    ['buildkite-database-downgrade', '2016-08-22'],
    ['cloudflare-flexential-power-failure', '2023-11-02'],
    ['crowdstrike-falcon-content-update-bsod', '2024-07-19'],
    ['gocardless-postgres-migration-lock', '2015-01'],
    ['google-service-control-null-policy', '2025-06-12'],
    ['nasa-mars-pathfinder-priority-inversion', '1997-07'],
    ['travisci-env-var-truncates-production-db', '2018-03-13'],
  ])('%s happened on %s', (slug, date) => {
    expect(bySlug(slug).date).toBe(date);
  });
});

describe('the audit’s table (b): corrected facts', () => {
  it('AWS US East 2012: every generator in the datacenter failed to give stable power, not a single one', () => {
    const storm = bySlug('amazon-us-east-storm-generator');
    expect(text(storm)).not.toMatch(/single backup generator/i);
    expect(text(storm)).toMatch(/every generator/i);
    expect(utc(storm)).toEqual(['2012-06-30T02:24:00.000Z', '2012-06-30T02:57:00.000Z']);
    expect(storm.categories).toContain('failover-failure');
  });

  it('GoCardless 2017: a hardware failure on the primary and a Pacemaker promotion that did not happen', () => {
    const gocardless = bySlug('gocardless-database-cluster-config');
    expect([gocardless.date, gocardless.categories]).toEqual(['2017-10-10', ['hardware', 'database', 'failover-failure']]);
    expect(text(gocardless)).toMatch(/1 hour 50 minutes/);
  });

  it('Datadog 2023: an unattended systemd security update flushed Cilium’s routing rules; not a Cilium upgrade', () => {
    const datadog = bySlug('2023-03-08-datadog-cilium-network-rules');
    expect(text(datadog)).toMatch(/systemd/);
    expect(text(datadog)).toMatch(/not a Cilium upgrade/);
    expect([datadog.triggerCategory, datadog.categories[0]]).toEqual(['dependency-failure', 'upstream-change']);
  });

  it('Firefox 2022: Google Cloud’s unannounced HTTP/3 default set it off; Content-Length case sensitivity looped the socket thread', () => {
    const firefox = bySlug('2022-01-13-firefox-http3-hang');
    expect(firefox.trigger).toMatch(/HTTP\/3/);
    expect(text(firefox)).toMatch(/Content-Length/);
    expect(firefox.categories).toContain('upstream-change');
  });

  it('1.1.1.1 2023: an unparsed ZONEMD record left a stale root zone whose signatures expired at 07:00 UTC', () => {
    const resolver = bySlug('2023-10-04-cloudflare-1111-servfail');
    expect(text(resolver)).toMatch(/ZONEMD/);
    expect(resolver.categories).toEqual(expect.arrayContaining(['time', 'monitoring-gap']));
    expect(resolver.timeline.filter((entry) => entry.at !== null).map((entry) => [new Date(entry.at!).toISOString(), entry.marker])).toEqual([
      ['2023-10-04T07:00:00.000Z', 'started'],
      ['2023-10-04T10:30:00.000Z', 'mitigated'],
      ['2023-10-04T11:00:00.000Z', 'resolved'],
    ]);
  });

  it('Turso 2023: a migration bug (empty backup ids), impact from 1 December, not a configuration error', () => {
    const turso = bySlug('2023-12-04-turso-backup-identifier-leak');
    expect(turso.date).toBe('2023-12-01');
    expect(turso.categories).not.toContain('config-change');
    expect(text(turso)).toMatch(/0\.07%/);
  });

  it('Keepthescore 2020 is a one-person company whose root cause stays unexplained; Travis CI 2018 set DATABASE_URL on purpose', () => {
    const keepthescore = bySlug('keepthescore-production-database-deleted');
    expect(text(keepthescore)).not.toMatch(/engineers/i);
    expect(text(keepthescore)).toMatch(/one-person/);
    const travis = bySlug('travisci-env-var-truncates-production-db');
    expect(text(travis)).not.toMatch(/by accident/);
    expect(text(travis)).toMatch(/on purpose/);
    expect([travis.categories[0], keepthescore.categories[0]]).toEqual(['human-process', 'human-process']);
  });

  it('CCP 2007: a misread installer path, not a typo; Pathfinder: the mission’s own tasks, not VxWorks', () => {
    expect(text(bySlug('ccp-games-eve-boot-ini-deletion'))).toMatch(/It was not a typo/);
    const pathfinder = bySlug('nasa-mars-pathfinder-priority-inversion');
    expect(text(pathfinder)).toMatch(/bc_dist/);
    expect(text(pathfinder)).not.toMatch(/in the VxWorks operating system/);
  });

  it('Sun 1999–2000: the E-cache lacked ECC (crashes), not main memory (data corruption)', () => {
    const sun = bySlug('sun-servers-missing-ecc');
    expect(text(sun)).toMatch(/E-\)?cache/);
    expect(sun.categories).toEqual(['hardware']);
  });

  it('Foursquare 2010: the official cause (an uneven 66 GB shard), from Foursquare and 10gen rather than a forum comment', () => {
    const foursquare = bySlug('foursquare-mongodb-out-of-memory');
    expect(text(foursquare)).toMatch(/66 GB/);
    expect(foursquare.sources.map((source) => source.url)).toEqual(expect.arrayContaining([expect.stringContaining('businessinsider.com')]));
  });

  it('S3 2017 names the AWS services its summary lists, not “hundreds of companies”', () => {
    expect(text(bySlug('2017-02-28-amazon-s3-us-east-1-capacity-removal'))).not.toMatch(/hundreds of companies/);
  });

  it('Stripe 2015 was degraded (two thirds of operations failing), not fully down', () => {
    const stripe = bySlug('2015-10-08-stripe-manual-db-operation');
    expect(text(stripe)).toMatch(/two thirds/);
    expect(text(stripe)).not.toMatch(/API went down/);
  });

  it('GitLab 2017: every backup mechanism failed; repositories were not lost', () => {
    const gitlab = bySlug('2017-01-31-gitlab-database-deletion');
    expect(text(gitlab)).toMatch(/pg_dump/);
    expect(gitlab.categories).toEqual(expect.arrayContaining(['failover-failure', 'monitoring-gap']));
  });

  it('the 2018 GitHub DDoS was memcached amplification; ESLint 2018 a reused password without 2FA', () => {
    expect(text(bySlug('2018-02-28-github-ddos-1-35tbps'))).toMatch(/memcached/);
    expect(text(bySlug('2018-07-12-eslint-npm-account-compromise'))).toMatch(/two-factor/);
  });

  it('Flexential 2023: hidden dependencies on PDX-04, from 11:44 UTC on 2 November to 04:25 UTC on 4 November', () => {
    const flexential = bySlug('cloudflare-flexential-power-failure');
    expect(flexential.metrics.timeToResolveMinutes).toBe(2441);
    expect(flexential.categories).toContain('failover-failure');
  });

  it('CrowdStrike 2024: 8.5 million is Microsoft’s estimate; released 04:09 UTC, reverted 05:27 UTC', () => {
    const crowdstrike = bySlug('crowdstrike-falcon-content-update-bsod');
    expect(text(crowdstrike)).toMatch(/Microsoft/);
    expect(utc(crowdstrike)).toEqual(['2024-07-19T04:09:00.000Z', '2024-07-19T05:27:00.000Z']);
    expect(crowdstrike.metrics.timeToMitigateMinutes).toBe(78);
  });
});

describe('incidents added from Dan Luu’s list carry the times their reports give', () => {
  it.each<[string, number, number, number]>([
    // slug, minutes to detect, to mitigate, to resolve (from the timeline markers)
    ['2021-06-08-fastly-customer-config-latent-bug', 1, 49, 168],
    ['2018-10-21-github-network-partition-mysql-failover', 2, 740, 1451],
    ['2012-02-29-azure-leap-day-certificates', 75, 657, 2055],
    ['2008-07-20-aws-s3-gossip-bit-corruption', 15, 390, 498],
    ['2014-01-24-google-generated-configuration-gmail-outage', 0, 12, 28],
  ])('%s: detect %i, mitigate %i, resolve %i minutes', (slug, detect, mitigate, resolve) => {
    const { timeToDetectMinutes, timeToMitigateMinutes, timeToResolveMinutes } = bySlug(slug).metrics;
    expect([timeToDetectMinutes, timeToMitigateMinutes, timeToResolveMinutes]).toEqual([detect, mitigate, resolve]);
  });

  it('Stack Exchange 2016 was down 34 minutes from 14:44 UTC; EVE Online 2015 states CCP’s 11 h 41 min (701 minutes)', () => {
    const regex = bySlug('2016-07-20-stack-exchange-regex-backtracking');
    expect([utc(regex)[0], regex.metrics.timeToResolveMinutes]).toEqual(['2016-07-20T14:44:00.000Z', 34]);
    const eve = bySlug('2015-07-15-ccp-eve-online-logging-channel-long-downtime');
    expect([eve.metrics.timeToResolveMinutes, eve.metrics.sources.timeToResolveMinutes]).toEqual([701, 'stated']);
  });
});

describe('incidents added from 2023–2025 postmortems and Dan Luu’s later entries carry their reports’ figures', () => {
  it.each<[string, string, number | null, number]>([
    // slug, trigger, minutes to mitigate, minutes to resolve (timeline markers, or a stated duration)
    ['2025-02-06-cloudflare-r2-gateway-disabled-abuse-report', 'manual-operation', 55, 82],
    ['2024-11-12-canva-api-gateway-stampede', 'binary-deploy', null, 52],
    ['2023-07-20-crates-io-download-url-slash', 'binary-deploy', null, 13],
    ['2023-03-08-datadog-cilium-network-rules', 'dependency-failure', 193, 1618],
    ['2024-02-22-att-mobility-misconfigured-network-element', 'config-push', null, 720],
    ['2019-02-04-elastic-cloud-zookeeper-patching-us-east-1', 'manual-operation', 398, 954],
    ['2024-03-26-render-unintended-restart-all-workloads', 'binary-deploy', 158, 233],
    ['2024-05-07-linode-london-router-migration-routing-loop', 'manual-operation', 114, 275],
    ['2025-08-07-ripe-ncc-core-switch-interface-fiber-maintenance', 'hardware-fault', null, 40],
    ['2026-02-02-azure-vm-extension-storage-public-access-policy', 'config-push', 387, 722],
    ['2018-07-17-google-cloud-load-balancer-gfe-feature-restarts', 'config-push', 32, 38],
    ['2021-11-12-google-cloud-gfe-quic-token-format-europe', 'config-push', null, 116],
    ['2016-11-04-duo-database-change-io-exhaustion', 'binary-deploy', null, 30],
    ['2018-01-17-duo-aws-datastore-failover-incomplete', 'dependency-failure', null, 24],
    ['2018-08-20-duo-release-load-duo1-rollback', 'binary-deploy', 68, 80],
    ['2023-01-18-google-meet-livestream-player-rollout', 'binary-deploy', null, 410],
    ['2025-09-26-google-meet-backend-contention-rollouts', 'config-push', null, 61],
    ['2017-07-18-duo-release-latent-workload-defect', 'binary-deploy', null, 40],
    ['2023-06-29-google-meet-duo-backend-audio-packet-durations', 'binary-deploy', null, 10145],
    ['2025-09-08-google-meet-static-content-cache-overload', 'config-push', null, 627],
    ['2026-03-02-github-projects-oversized-event-kafka-rebalances', 'data-push', 388, 492],
    ['2023-01-20-elasticio-kubernetes-master-overload-platform-rebuild', 'traffic-surge', 651, 1078],
    ['2025-11-25-railway-github-api-latency-task-queue-oom', 'dependency-failure', 121, 155],
    ['2024-07-25-duo-database-iops-dip-auth-failures', 'dependency-failure', null, 2],
  ])('%s: trigger %s, mitigated after %s, resolved after %i minutes', (slug, trigger, mitigate, resolve) => {
    const postmortem = bySlug(slug);
    expect([postmortem.triggerCategory, postmortem.metrics.timeToMitigateMinutes, postmortem.metrics.timeToResolveMinutes]).toEqual([
      trigger,
      mitigate,
      resolve,
    ]);
  });

  it('Cloudflare R2 February 2025 follows Cloudflare’s own report (08:14–09:13 UTC at 100% errors), not the press’s 08:10–09:09', () => {
    const r2 = bySlug('2025-02-06-cloudflare-r2-gateway-disabled-abuse-report');
    expect(r2.timeline.filter((entry) => entry.marker === 'started').map((entry) => new Date(entry.at!).toISOString())).toEqual(['2025-02-06T08:14:00.000Z']);
    expect(r2.sources.map((source) => source.url)).toContain('https://blog.cloudflare.com/cloudflare-incident-on-february-6-2025');
  });

  it('Canva 2024: 270,000 stalled requests released at once, 1.5 million requests per second at the API Gateway', () => {
    const canva = bySlug('2024-11-12-canva-api-gateway-stampede');
    expect(text(canva)).toMatch(/270,000/);
    expect(text(canva)).toMatch(/1\.5 million requests per second/);
    expect(canva.categories).toContain('retry-storm');
  });

  it('Google 12 November 2021 (Dan Luu’s 1xkAB… entry): a QUIC source-address-token format change at 00:27 PST, impact 00:30–02:26 PST', () => {
    const gfe = bySlug('2021-11-12-google-cloud-gfe-quic-token-format-europe');
    expect(utc(gfe)).toEqual(['2021-11-12T08:27:00.000Z', '2021-11-12T08:30:00.000Z', '2021-11-12T10:26:00.000Z']);
    expect(text(gfe)).toMatch(/source address token/);
    expect(gfe.sources.map((source) => source.url)).toContain('https://status.cloud.google.com/incidents/1xkAB1KmLrh5g3v9ZEZ7');
  });

  it('Google Meet September 2025 keeps both root causes Google published (lock contention, then experimentation-config error handling)', () => {
    const meet = bySlug('2025-09-26-google-meet-backend-contention-rollouts');
    expect(text(meet)).toMatch(/lock contention/);
    expect(text(meet)).toMatch(/experimentation/);
    expect(meet.sources).toHaveLength(2);
  });

  it('the 2003 blackout’s EPA report is merged into the FirstEnergy incident, not added twice', () => {
    const epa = 'https://www3.epa.gov/region1/npdes/merrimackstation/pdfs/ar/AR-1165.pdf';
    expect(corpus.filter((postmortem) => postmortem.sources.some((source) => source.url === epa)).map((postmortem) => postmortem.slug)).toEqual([
      'firstenergy-2003-northeast-blackout',
    ]);
  });
});
