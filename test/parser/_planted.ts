/**
 * A generated corpus with planted recurrences, themes and follow-up histories, and the truth
 * about them kept by the generator itself (never computed by the library under test).
 *
 * - Chains: each has its own category, service and organization; incidents are at most 180 days
 *   apart (some exactly 180). Near misses: the same category and service 181 days after a chain
 *   ends, the same service with another category inside the window, the same category with
 *   another service and organization.
 * - Follow-ups: every chain incident gets items of each kind (open, done before the next
 *   incident, done after it, done without a date, no status), with due dates in the past or not.
 * - Themes: phrases planted in the contributing factors, lessons or action items of 3 to 5
 *   incidents; near-miss phrases in exactly 2. Every other word is unique to its incident.
 */
import { checkCorpus, parsePostmortem, type Postmortem } from '../../packages/parser/src/index.js';

export type Kind = 'open' | 'done' | 'done-after' | 'no-date' | 'unknown';

export interface PlantedItem {
  kind: Kind;
  /** Days after the incident the item was done, when it was. */
  doneAfterDays: number | null;
  due: string | null;
}

export interface PlantedIncident {
  slug: string;
  date: string;
  day: number;
  category: string;
  service: string;
  organization: string;
  items: PlantedItem[];
  markdown: string;
}

export interface PlantedChain {
  category: string;
  service: string;
  organization: string;
  slugs: string[];
}

export interface PlantedTheme {
  phrase: string;
  slugs: string[];
}

export interface Planted {
  postmortems: Postmortem[];
  incidents: PlantedIncident[];
  chains: PlantedChain[];
  themes: PlantedTheme[];
  /** Phrases planted in exactly two incidents: never a theme. */
  nearMissPhrases: string[];
  today: string;
}

const themePhrases = [
  'stale feature flag',
  'connection pool exhaustion',
  'canary analysis skipped',
  'runbook outdated',
  'retry storm amplification',
  'certificate renewal monitoring',
];
const nearMissPhrases = ['manual failover drill', 'quota headroom review'];

/** mulberry32 */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const epoch = Date.UTC(2019, 0, 1) / 86_400_000;

function dateOf(day: number): string {
  return new Date((epoch + day) * 86_400_000).toISOString().slice(0, 10);
}

export function plantedCorpus(seed = 17, chainCount = 12, noiseCount = 40): Planted {
  const next = random(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  let counter = 0;
  // Words no other incident uses: letters only, from the counter, so no two collide.
  const uniqueWord = () => {
    let n = counter++;
    let word = '';
    do {
      word += String.fromCharCode(97 + (n % 26));
      n = Math.floor(n / 26);
    } while (n > 0);
    return `zq${word}q`;
  };
  const noise = (words: number) => Array.from({ length: words }, uniqueWord).join(' ');
  const today = '2026-01-01';
  const incidents: PlantedIncident[] = [];
  const chains: PlantedChain[] = [];

  const addIncident = (day: number, category: string, service: string, organization: string, items: PlantedItem[]): PlantedIncident => {
    const slug = `${dateOf(day)}-incident-${incidents.length}`;
    const incident = { slug, date: dateOf(day), day, category, service, organization, items, markdown: '' };
    incidents.push(incident);
    return incident;
  };

  let day = 0;
  for (let chain = 0; chain < chainCount; chain++) {
    const category = `cause-${chain}`;
    const service = `service-${chain}`;
    const organization = `Org ${chain}`;
    const length = int(2, 4);
    const members: PlantedIncident[] = [];
    let at = day;
    for (let member = 0; member < length; member++) {
      if (member > 0) at += chain % 3 === 0 && member === 1 ? 180 : int(1, 179);
      const items: PlantedItem[] = (['open', 'done', 'done-after', 'no-date', 'unknown'] as const)
        .filter(() => next() < 0.8)
        .map((kind) => ({ kind, doneAfterDays: null, due: next() < 0.5 ? dateOf(at + int(10, 60)) : null }));
      members.push(addIncident(at, category, service, organization, items));
    }
    // Done dates relative to the next member of the chain (the last member's items are only open or not).
    members.forEach((member, index) => {
      const following = members[index + 1];
      for (const item of member.items) {
        if (item.kind !== 'done' && item.kind !== 'done-after') continue;
        if (following === undefined) item.doneAfterDays = int(1, 30);
        else {
          const gap = following.day - member.day;
          item.doneAfterDays = item.kind === 'done' ? int(0, gap) : gap + int(1, 30);
        }
      }
    });
    chains.push({ category, service, organization, slugs: members.map((member) => member.slug) });
    // Near misses around the chain: 181 days after its end, same category and service.
    addIncident(at + 181, category, service, organization, []);
    // Same service, another category, inside the window; same category, another service and organization.
    addIncident(at + 5, `other-cause-${chain}`, service, `Other org ${chain}`, []);
    addIncident(at + 6, category, `other-service-${chain}`, `Third org ${chain}`, []);
    day = at + 181 + 400;
  }
  for (let n = 0; n < noiseCount; n++) addIncident(int(0, day), `noise-cause-${n}`, `noise-service-${n}`, `Noise org ${n}`, []);

  // Themes: each phrase in 3–5 distinct incidents, in a factor, a lesson or an action item.
  const plantings = new Map<string, Array<{ where: 'factor' | 'lesson' | 'item'; phrase: string }>>();
  const plant = (phrase: string, count: number) => {
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(int(0, incidents.length - 1));
    for (const index of chosen) {
      const slug = incidents[index]!.slug;
      const where = (['factor', 'lesson', 'item'] as const)[int(0, 2)]!;
      plantings.set(slug, [...(plantings.get(slug) ?? []), { where, phrase }]);
    }
    return [...chosen].map((index) => incidents[index]!.slug).sort();
  };
  const themes = themePhrases.map((phrase) => ({ phrase, slugs: plant(phrase, int(3, 5)) }));
  for (const phrase of nearMissPhrases) plant(phrase, 2);

  for (const incident of incidents) {
    const planted = plantings.get(incident.slug) ?? [];
    const sentence = (where: 'factor' | 'lesson' | 'item') =>
      planted.filter((entry) => entry.where === where).map((entry) => `${noise(2)} with the ${entry.phrase} and ${noise(2)}`);
    const plantedItems = sentence('item');
    const itemLines = incident.items.map((item) => {
      const text = noise(3);
      const due = item.due !== null ? ` due ${item.due}` : '';
      switch (item.kind) {
        case 'open':
          return `- [ ] ${text}${due}`;
        case 'done':
        case 'done-after':
          return `- [x] ${text}${due} done ${dateOf(incident.day + item.doneAfterDays!)}`;
        case 'no-date':
          return `- [x] ${text}${due}`;
        case 'unknown':
          return `- ${text}${due}`;
      }
    });
    // Planted action items are open follow-ups like any other.
    incident.items.push(...plantedItems.map(() => ({ kind: 'open' as const, doneAfterDays: null, due: null })));
    incident.markdown = [
      '---',
      `title: ${noise(2)}`,
      `date: ${incident.date}`,
      `organization: ${incident.organization}`,
      `services: [${incident.service}]`,
      `categories: [${incident.category}]`,
      '---',
      '',
      '## Summary',
      '',
      `${noise(6)}.`,
      '',
      '## Root cause',
      '',
      `${noise(5)}.`,
      '',
      '## Contributing factors',
      '',
      `- ${noise(4)}`,
      ...sentence('factor').map((text) => `- ${text}`),
      '',
      '## Action items',
      '',
      ...itemLines,
      ...plantedItems.map((text) => `- [ ] ${text}`),
      '',
      '## Lessons learned',
      '',
      '### What went wrong',
      '',
      `- ${noise(4)}`,
      ...sentence('lesson').map((text) => `- ${text}`),
      '',
    ].join('\n');
  }

  const postmortems = incidents.map((incident) => parsePostmortem(incident.markdown, { path: `postmortems/${incident.slug}.md`, today }));
  checkCorpus(postmortems);
  return { postmortems, incidents, chains, themes, nearMissPhrases, today };
}

/** Precision and recall of `found` against `expected`, items compared by `key`. */
export function precisionRecall<T>(found: readonly T[], expected: readonly T[], key: (item: T) => string): { precision: number; recall: number } {
  const foundKeys = new Set(found.map(key));
  const expectedKeys = new Set(expected.map(key));
  const hits = [...foundKeys].filter((item) => expectedKeys.has(item)).length;
  return {
    precision: foundKeys.size === 0 ? (expectedKeys.size === 0 ? 1 : 0) : hits / foundKeys.size,
    recall: expectedKeys.size === 0 ? 1 : hits / expectedKeys.size,
  };
}
