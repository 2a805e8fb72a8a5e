/**
 * Deterministic synthetic corpus for the benchmarks: realistic 3–8 KB postmortems
 * (frontmatter, tables, task lists, timelines as bullets or tables with zones, root
 * causes using the taxonomy's ids) and search records with a labelled query set.
 *
 *   node bench/generate-corpus.js [--out .bench] [--sizes 1000,10000] [--records 50000]
 *
 * Same seed, same bytes: every run of the bench measures the same input.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** mulberry32: small, fast, seedable. */
export function prng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const some = (list, min, max) => {
    const count = Math.min(list.length, int(min, max));
    const copy = [...list];
    const out = [];
    for (let i = 0; i < count; i++) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
    return out;
  };
  return { next, int, pick, some };
}

/** Taxonomy ids read from postmortems/taxonomy.yaml (no YAML parser needed for `- id:` lines). */
export async function taxonomyIds() {
  const text = await readFile(join(root, 'postmortems', 'taxonomy.yaml'), 'utf8');
  return [...text.matchAll(/^\s*-\s*id:\s*([a-z0-9-]+)/gm)].map((match) => match[1]);
}

const syllables = [
  'zen',
  'tra',
  'vo',
  'lix',
  'mar',
  'quo',
  'dex',
  'ny',
  'pel',
  'cor',
  'abi',
  'sto',
  'ven',
  'ru',
  'kal',
  'tor',
  'fin',
  'gra',
  'mo',
  'wex',
  'sul',
  'bri',
  'hap',
  'oro',
];
const services = [
  'api',
  'web',
  'checkout',
  'payments',
  'search',
  'auth',
  'login',
  'storage',
  'uploads',
  'notifications',
  'billing',
  'dns',
  'cdn',
  'queue',
  'scheduler',
  'metrics',
  'mobile app',
  'admin',
  'webhooks',
  'email',
];
const components = [
  'load balancer',
  'primary database',
  'replica set',
  'cache cluster',
  'message queue',
  'config service',
  'certificate store',
  'deploy pipeline',
  'DNS resolver',
  'storage array',
  'rate limiter',
  'service mesh',
  'job scheduler',
  'feature-flag service',
  'edge proxy',
  'metrics pipeline',
];
const verbs = [
  'ran out of connections',
  'rejected writes',
  'returned stale answers',
  'stopped accepting traffic',
  'fell behind on replication',
  'exhausted its file handles',
  'served expired certificates',
  'entered a restart loop',
  'dropped packets',
  'lost quorum',
  'filled its disk',
  'deadlocked under load',
];
const causeText = {
  'config-change': 'a configuration push changed a default that other services relied on',
  deploy: 'a release rolled out a change that had passed tests but failed under production traffic',
  capacity: 'demand exceeded the provisioned capacity after a traffic spike',
  'resource-exhaustion': 'a finite pool ran out: memory, file handles and ephemeral ports were all near their limits',
  'dependency-failure': 'an upstream provider failed and the retry policy amplified the outage',
  network: 'a routing change partitioned the network between two zones',
  dns: 'the resolver returned SERVFAIL for internal names after a zone update',
  certificates: 'an intermediate certificate expired and the renewal job had silently failed',
  hardware: 'a faulty switch corrupted frames intermittently',
  power: 'a utility power event was not carried by the generators',
  database: 'a schema migration took a table lock on the primary database',
  'data-loss': 'a cleanup job deleted rows that were still referenced',
  time: 'a leap second and a clock jump confused timeouts across the fleet',
  security: 'a leaked credential was used to access an internal system',
  automation: 'an automated remediation job acted on stale data and drained healthy hosts',
  'cascading-failure': 'a slow dependency caused queues to grow until every caller failed in turn',
  'monitoring-gap': 'no alert covered the failing path, so the problem grew unnoticed',
  'human-process': 'a manual operation was run against the wrong environment',
  'software-bug': 'a race condition in request handling corrupted shared state',
  storage: 'a storage volume became read-only after a controller fault',
  'load-balancing': 'the load balancer kept sending traffic to unhealthy backends',
};
const zones = ['UTC', 'PST', 'PDT', 'EST', 'CET', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'];
const people = ['alice', 'bob', 'carol', 'dmitri', 'erin', 'farah', 'gustavo', 'hana', 'ivan', 'jun', 'kofi', 'lena'];
const filler = [
  'The on-call engineer followed the runbook, but the runbook assumed the old topology.',
  'Dashboards showed the symptom clearly, yet no alert fired because the threshold had been tuned for the previous quarter.',
  'Customers noticed before our monitoring did, and support tickets rose sharply within minutes.',
  'Rolling back required a manual step that only two people on the team had done before.',
  'The change had been reviewed and approved, and nothing in the review pointed at the failure mode.',
  'Retries from clients multiplied the load on the already struggling service.',
  'Once the cause was understood the fix itself took less than ten minutes.',
  'Communication with customers went through the status page, updated every thirty minutes.',
];

function titleCase(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function organizationName(random) {
  return titleCase(random.pick(syllables) + random.pick(syllables) + (random.next() < 0.5 ? random.pick(syllables) : ''));
}

function pad(n) {
  return String(n).padStart(2, '0');
}

/** One incident's facts; both the markdown and the search record are derived from it. */
export function incident(random, index, ids, organizations) {
  const year = random.int(2012, 2024);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  const date = `${year}-${pad(month)}-${pad(day)}`;
  const organization = random.pick(organizations);
  const component = random.pick(components);
  const verb = random.pick(verbs);
  const categories = random.some(ids, 1, 3);
  const affected = random.some(services, 1, 4);
  const slug = `${date}-${organization.toLowerCase()}-${component.replace(/[^a-z]+/gi, '-').toLowerCase()}-${index}`;
  const title = `${organization}: ${component} ${verb}`;
  return { index, date, year, month, day, organization, component, verb, categories, services: affected, slug, title, zone: random.pick(zones) };
}

export function postmortemMarkdown(random, facts, ids) {
  const { date, organization, component, verb, categories, services: affected, title, zone } = facts;
  const hour = random.int(0, 20);
  const at = (minutes) => `${pad(hour + Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  const detected = random.int(3, 40);
  const mitigated = detected + random.int(10, 120);
  const resolved = mitigated + random.int(5, 60);
  const lines = [
    '---',
    `title: "${title}"`,
    `date: ${date}`,
    `status: ${random.pick(['draft', 'in-review', 'final', 'final'])}`,
    `severity: SEV${random.int(1, 3)}`,
    `organization: ${organization}`,
    `services: [${affected.join(', ')}]`,
    `categories: [${categories.join(', ')}]`,
    `tags: [${random.some(['outage', 'latency', 'rollback', 'on-call', 'customer-facing', 'internal', 'data'], 1, 3).join(', ')}]`,
    `authors: [${random.some(people, 1, 2).join(', ')}]`,
    'sources:',
    `  - url: https://status.${organization.toLowerCase()}.example/incidents/${facts.index}`,
    'timezone: UTC',
    `started_at: ${date}T${at(0)}:00Z`,
    `detected_at: ${date}T${at(detected)}:00Z`,
    `mitigated_at: ${date}T${at(mitigated)}:00Z`,
    `resolved_at: ${date}T${at(resolved)}:00Z`,
    '---',
    '',
    '## Summary',
    '',
    `On ${date} the ${component} at ${organization} ${verb}, and ${affected.join(', ')} ${affected.length > 1 ? 'were' : 'was'} degraded for ${resolved} minutes. ${random.pick(filler)}`,
    '',
    '## Impact',
    '',
    '| Service | Effect | Duration |',
    '| --- | --- | --- |',
    ...affected.map(
      (service) =>
        `| ${service} | ${random.pick(['errors for ~', 'timeouts for ', 'unavailable to '])}${random.int(2, 60)}% of requests | ${random.int(5, resolved)} min |`,
    ),
    '',
    `- About **${random.int(1, 900)}k** requests failed; ${random.pick(filler)}`,
    `- See https://status.${organization.toLowerCase()}.example for the public record.`,
    '',
    '## Timeline',
    '',
  ];
  const events = [
    [0, 'INCIDENT BEGINS', `the ${component} ${verb}.`],
    [detected, 'DETECTED', `an alert pages the on-call engineer (\`${component.replace(/ /g, '_')}_errors\` above threshold).`],
    [detected + 5, '', 'incident declared; the team joins the incident channel.'],
    [Math.floor((detected + mitigated) / 2), '', `the team suspects ${random.pick(components)} and ~~restarts it~~ checks its logs.`],
    [mitigated, 'MITIGATED', 'the faulty change is rolled back and error rates fall.'],
    [resolved, 'INCIDENT ENDS', 'all metrics are back to normal.'],
  ];
  if (random.next() < 0.5) {
    lines.push(`| Time (${zone === 'UTC' ? 'UTC' : 'UTC'}) | Event |`, '| --- | --- |');
    for (const [minutes, marker, text] of events) lines.push(`| ${date} ${at(minutes)} | ${marker ? `${marker}: ` : ''}${text} |`);
  } else {
    for (const [minutes, marker, text] of events) lines.push(`- ${date} ${at(minutes)} UTC — ${marker ? `${marker}: ` : ''}${text}`);
  }
  lines.push('', '## Root cause', '');
  for (const category of categories) lines.push(`- ${titleCase(causeText[category] ?? `a ${category} problem contributed`)}.`);
  lines.push('', '## Contributing factors', '');
  for (const sentence of random.some(filler, 2, 4)) lines.push(`- ${sentence}`);
  lines.push('', '## Trigger', '', `A ${random.pick(['config push', 'deploy', 'traffic spike', 'maintenance task'])} on the ${component}.`);
  lines.push('', '## Detection', '', `Automated alerting after ${detected} minutes. ${random.pick(filler)}`);
  lines.push('', '## Resolution', '', `${random.pick(filler)} ${random.pick(filler)} ${random.pick(filler)}`);
  lines.push('', '## Action items', '');
  const actions = random.int(3, 8);
  for (let i = 0; i < actions; i++) {
    const owner = random.next() < 0.8 ? ` @${random.pick(people)}` : '';
    const ticket = random.next() < 0.5 ? ` (OPS-${random.int(100, 9999)})` : '';
    lines.push(
      `- [${random.next() < 0.4 ? 'x' : ' '}] ${random.pick(['Add an alert on', 'Document the failover for', 'Load-test', 'Add a canary stage for', 'Cap retries to', 'Review the capacity plan of'])} the ${random.pick(components)}${owner}${ticket}`,
    );
  }
  lines.push('', '## Lessons learned', '', '### What went well', '');
  for (const sentence of random.some(filler, 1, 3)) lines.push(`- ${sentence}`);
  lines.push('', '### What went wrong', '');
  for (const sentence of random.some(filler, 1, 3)) lines.push(`- ${sentence}`);
  lines.push('', '### Where we got lucky', '', `- ${random.pick(filler)}`, '');
  // Pad towards the 3–8 KB range with an appendix of realistic prose.
  const target = random.int(3000, 8000);
  let text = lines.join('\n');
  if (text.length < target) {
    const appendix = ['## Appendix', ''];
    while (text.length + appendix.join('\n').length < target - 80) {
      appendix.push(
        `${random.pick(filler)} ${random.pick(filler)} The ${random.pick(components)} ${random.pick(verbs)} during the investigation (${random.pick(ids)}).`,
        '',
      );
    }
    text += `\n${appendix.join('\n')}`;
  }
  return text;
}

/** A search record: the fields a postmortem contributes to the search index. */
export function searchRecord(random, facts) {
  return {
    id: facts.slug,
    slug: facts.slug,
    title: facts.title,
    date: facts.date,
    organization: facts.organization,
    services: facts.services,
    tags: [],
    categories: facts.categories,
    summary: `On ${facts.date} the ${facts.component} at ${facts.organization} ${facts.verb}. ${random.pick(filler)}`,
    rootCauses: facts.categories.map((category) => ({ text: causeText[category] ?? category, category })),
  };
}

/** A query with one typo (a dropped or swapped letter) in the organization's name. */
function typo(random, word) {
  if (word.length < 5) return word;
  const at = random.int(1, word.length - 2);
  return random.next() < 0.5 ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
}

/** A labelled query: the organization and the broken component, one of them with a typo. */
export function labelledQuery(random, facts) {
  const organization = facts.organization.toLowerCase();
  const query = random.next() < 0.7 ? `${typo(random, organization)} ${facts.component}` : `${organization} ${typo(random, facts.component)}`;
  return { query, expected: facts.slug };
}

/** Writes `<out>/corpus-<n>/` for each size and `<out>/search-<n>.json` for each record count. */
export async function generate({ out = join(root, '.bench'), sizes = [1000, 10000], records = [1000, 10000, 50000], queries = 50, seed = 20240601 } = {}) {
  const ids = await taxonomyIds();
  const taxonomy = await readFile(join(root, 'postmortems', 'taxonomy.yaml'), 'utf8');
  await mkdir(out, { recursive: true });
  const written = {};
  for (const size of sizes) {
    const dir = join(out, `corpus-${size}`);
    const marker = join(dir, '.complete');
    written[size] = dir;
    if (existsSync(marker)) continue;
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const random = prng(seed);
    const organizations = Array.from({ length: Math.max(10, Math.floor(size / 8)) }, () => organizationName(random));
    await writeFile(join(dir, 'taxonomy.yaml'), taxonomy);
    const batch = [];
    for (let i = 0; i < size; i++) {
      const facts = incident(random, i, ids, organizations);
      batch.push(writeFile(join(dir, `${facts.slug}.md`), postmortemMarkdown(random, facts, ids)));
      if (batch.length >= 256) await Promise.all(batch.splice(0));
    }
    await Promise.all(batch);
    await writeFile(marker, '');
  }
  const search = {};
  for (const count of records) {
    const file = join(out, `search-${count}.json`);
    search[count] = file;
    if (existsSync(file)) continue;
    const random = prng(seed + count);
    const organizations = Array.from({ length: Math.max(10, Math.floor(count / 8)) }, () => organizationName(random));
    const list = [];
    const labelled = [];
    const step = Math.max(1, Math.floor(count / queries));
    for (let i = 0; i < count; i++) {
      const facts = incident(random, i, ids, organizations);
      list.push(searchRecord(random, facts));
      if (i % step === 0 && labelled.length < queries) labelled.push(labelledQuery(random, facts));
    }
    await writeFile(file, JSON.stringify({ records: list, queries: labelled }));
  }
  return { corpora: written, search };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const at = process.argv.indexOf(name);
    return at === -1 ? fallback : process.argv[at + 1];
  };
  const out = arg('--out', join(root, '.bench'));
  const sizes = arg('--sizes', '1000,10000').split(',').map(Number);
  const records = arg('--records', '1000,10000,50000').split(',').map(Number);
  const result = await generate({ out, sizes, records });
  console.log(JSON.stringify(result, null, 2));
}
