import { describe, expect, it } from 'vitest';
import { relatedIncidents, relatedIndex, tokenize } from '../../packages/parser/src/lib/related.js';
import type { Postmortem } from '../../packages/parser/src/lib/schema.js';
import { deepFreeze, postmortem } from './_factory.js';

function corpusOf(postmortems: Postmortem[]): readonly Postmortem[] {
  return deepFreeze(postmortems);
}

/** Postmortems that share nothing with anything, to give a corpus its size. */
function fillers(count: number): Postmortem[] {
  return Array.from({ length: count }, (_, at) => postmortem({ slug: `filler-${at}`, categories: [`filler-category-${at}`] }));
}

describe('relatedIncidents: signals', () => {
  it('ranks an incident sharing a rare root-cause category above one sharing only the organization', () => {
    const target = postmortem({ slug: 'target', date: '2024-01-01', organization: 'Acme', categories: ['certificate-expiry'] });
    const corpus = corpusOf([
      target,
      postmortem({ slug: 'same-org', date: '2024-05-01', organization: 'acme ' }),
      postmortem({ slug: 'same-category', title: 'Cert expired', date: '2023-01-01', categories: ['certificate-expiry'] }),
      ...fillers(5),
    ]);
    expect(relatedIncidents(target, corpus)).toEqual([
      {
        slug: 'same-category',
        title: 'Cert expired',
        date: '2023-01-01',
        score: 3,
        reasons: [{ kind: 'category', label: 'Shared root cause: certificate-expiry' }],
      },
      { slug: 'same-org', title: 'Incident same-org', date: '2024-05-01', score: 0.5, reasons: [{ kind: 'organization', label: 'Same organization: Acme' }] },
    ]);
  });

  it('weighs a shared category by its rarity: 3 when only the two have it, 1 when every postmortem has it', () => {
    // 8 postmortems: "config" in all, "deploy" in 4 (weight 1 + 2 × ln(8/4) / ln(8/2) = 2), "dns" in 2.
    const target = postmortem({ slug: 'target', categories: ['config', 'deploy', 'dns'] });
    const corpus = corpusOf([
      target,
      postmortem({ slug: 'config-only', categories: ['config'] }),
      postmortem({ slug: 'config-deploy-a', categories: ['config', 'deploy'] }),
      postmortem({ slug: 'config-deploy-b', categories: ['config', 'deploy'] }),
      postmortem({ slug: 'config-deploy-c', categories: ['config', 'deploy'] }),
      postmortem({ slug: 'config-dns', categories: ['config', 'dns'] }),
      postmortem({ slug: 'config-x', categories: ['config'] }),
      postmortem({ slug: 'config-y', categories: ['config'] }),
    ]);
    const related = relatedIncidents(target, corpus, { limit: 10 });
    expect(related.map(({ slug, score }) => ({ slug, score }))).toEqual([
      { slug: 'config-dns', score: 4 },
      { slug: 'config-deploy-a', score: 3 },
      { slug: 'config-deploy-b', score: 3 },
      { slug: 'config-deploy-c', score: 3 },
      { slug: 'config-only', score: 1 },
      { slug: 'config-x', score: 1 },
      { slug: 'config-y', score: 1 },
    ]);
    expect(related[0]!.reasons).toEqual([
      { kind: 'category', label: 'Shared root cause: dns' },
      { kind: 'category', label: 'Shared root cause: config' },
    ]);
  });

  it('matches services case-insensitively and names them as the target writes them', () => {
    const target = postmortem({ slug: 'target', services: ['API', 'Billing'] });
    const corpus = corpusOf([target, postmortem({ slug: 'other', services: ['api', 'search'] }), ...fillers(3)]);
    expect(relatedIncidents(target, corpus)).toEqual([
      { slug: 'other', title: 'Incident other', date: null, score: 2, reasons: [{ kind: 'service', label: 'Same service: API' }] },
    ]);
  });

  it('puts explicitly linked incidents first, whichever side links and whether by id or slug', () => {
    const target = postmortem({ slug: '2024-01-01-target', id: 'target', related: ['linked-by-slug'], categories: ['dns'], services: ['api'] });
    const corpus = corpusOf([
      target,
      postmortem({ slug: 'linked-by-slug', date: '2020-01-01' }),
      postmortem({ slug: 'links-to-target-id', date: '2021-01-01', related: ['TARGET'] }),
      postmortem({ slug: 'duplicate', date: '2022-01-01', duplicateOf: '2024-01-01-target' }),
      postmortem({ slug: 'similar', date: '2024-01-01', categories: ['dns'], services: ['api'], organization: 'Acme' }),
    ]);
    expect(relatedIncidents(target, corpus)).toEqual([
      { slug: 'duplicate', title: 'Incident duplicate', date: '2022-01-01', score: 100, reasons: [{ kind: 'link', label: 'Linked as duplicate' }] },
      {
        slug: 'links-to-target-id',
        title: 'Incident links-to-target-id',
        date: '2021-01-01',
        score: 100,
        reasons: [{ kind: 'link', label: 'Linked as related' }],
      },
      { slug: 'linked-by-slug', title: 'Incident linked-by-slug', date: '2020-01-01', score: 100, reasons: [{ kind: 'link', label: 'Linked as related' }] },
      {
        slug: 'similar',
        title: 'Incident similar',
        date: '2024-01-01',
        score: 5,
        reasons: [
          { kind: 'category', label: 'Shared root cause: dns' },
          { kind: 'service', label: 'Same service: api' },
        ],
      },
    ]);
  });

  it('finds similar root-cause text and names the shared terms, without stop words', () => {
    const target = postmortem({ slug: 'target', rootCauses: [{ text: 'The TLS certificate on the load balancer expired.' }] });
    const corpus = corpusOf([
      target,
      postmortem({ slug: 'similar', summary: 'An expired certificate took down the load balancer', rootCauses: [] }),
      postmortem({ slug: 'unrelated', rootCauses: [{ text: 'A database migration locked the orders table.' }] }),
    ]);
    const [first, ...rest] = relatedIncidents(target, corpus);
    expect(rest).toEqual([]);
    expect(first).toEqual({
      slug: 'similar',
      title: 'Incident similar',
      date: null,
      score: expect.any(Number) as number,
      // The other incident has no root-cause text: "similar text", naming the shared phrase first.
      reasons: [{ kind: 'text', label: 'Similar text: "load balancer", "certificate", "expired"' }],
    });
    // Four shared terms of equal weight; "tls" and "took"/"down" only on one side.
    expect(first!.score).toBeGreaterThan(2);
    expect(first!.score).toBeLessThan(4);
  });

  it('scores identical root-cause text at the full text weight of 4', () => {
    const text = 'Expired certificate on the load balancer';
    const target = postmortem({ slug: 'target', rootCauses: [{ text }] });
    const corpus = corpusOf([target, postmortem({ slug: 'twin', rootCauses: [{ text }] }), postmortem({ slug: 'other', summary: 'Disk full' })]);
    expect(relatedIncidents(target, corpus).map(({ slug, score }) => ({ slug, score }))).toEqual([{ slug: 'twin', score: 4 }]);
  });

  it('ignores a faint text similarity (one common word among many)', () => {
    const target = postmortem({
      slug: 'target',
      summary:
        'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu network',
    });
    const corpus = corpusOf([
      target,
      postmortem({
        slug: 'other',
        summary: 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty network',
      }),
    ]);
    expect(relatedIncidents(target, corpus)).toEqual([]);
  });
});

describe('relatedIncidents: selection and order', () => {
  it('excludes the target itself and incidents sharing nothing', () => {
    const target = postmortem({ slug: 'target', categories: ['dns'] });
    const corpus = corpusOf([
      target,
      postmortem({ slug: 'target', id: 'copy', categories: ['dns'] }),
      postmortem({ slug: 'nothing-shared', categories: ['disk'] }),
    ]);
    expect(relatedIncidents(target, corpus)).toEqual([]);
  });

  it('breaks ties by date, newest first and undated last, then by slug', () => {
    const target = postmortem({ slug: 'target', categories: ['dns'] });
    const corpus = corpusOf([
      target,
      postmortem({ slug: 'b-undated', categories: ['dns'] }),
      postmortem({ slug: 'a-undated', categories: ['dns'] }),
      postmortem({ slug: 'old', date: '2019-03-01', categories: ['dns'] }),
      postmortem({ slug: 'new-b', date: '2023-03-01', categories: ['dns'] }),
      postmortem({ slug: 'new-a', date: '2023-03-01', categories: ['dns'] }),
    ]);
    expect(relatedIncidents(target, corpus).map((related) => related.slug)).toEqual(['new-a', 'new-b', 'old', 'a-undated', 'b-undated']);
  });

  it('returns at most 5 by default and at most `limit` when given', () => {
    const target = postmortem({ slug: 'target', categories: ['dns'] });
    const corpus = corpusOf([target, ...Array.from({ length: 8 }, (_, at) => postmortem({ slug: `dns-${at}`, categories: ['dns'] }))]);
    expect(relatedIncidents(target, corpus)).toHaveLength(5);
    expect(relatedIncidents(target, corpus, { limit: 2 }).map((related) => related.slug)).toEqual(['dns-0', 'dns-1']);
    expect(relatedIncidents(target, corpus, { limit: 0 })).toEqual([]);
  });

  it('works for a target that is not in the corpus', () => {
    const target = deepFreeze(postmortem({ slug: 'new', categories: ['dns'] }));
    const corpus = corpusOf([postmortem({ slug: 'old', categories: ['dns'] }), ...fillers(2)]);
    expect(relatedIncidents(target, corpus)).toEqual([
      { slug: 'old', title: 'Incident old', date: null, score: 3, reasons: [{ kind: 'category', label: 'Shared root cause: dns' }] },
    ]);
  });

  it('gives the organization of a very large organization only to incidents related for another reason', () => {
    // More than 50 postmortems of one organization: "same organization" alone no longer nominates.
    const target = postmortem({ slug: 'target', organization: 'BigCo', categories: ['dns'] });
    const corpus = corpusOf([
      target,
      postmortem({ slug: 'bigco-dns', organization: 'BigCo', categories: ['dns'] }),
      ...Array.from({ length: 60 }, (_, at) => postmortem({ slug: `bigco-${at}`, organization: 'BigCo' })),
    ]);
    expect(relatedIncidents(target, corpus)).toEqual([
      {
        slug: 'bigco-dns',
        title: 'Incident bigco-dns',
        date: null,
        score: 3.5,
        reasons: [
          { kind: 'category', label: 'Shared root cause: dns' },
          { kind: 'organization', label: 'Same organization: BigCo' },
        ],
      },
    ]);
  });
});

describe('relatedIndex', () => {
  const corpus = corpusOf([
    postmortem({ slug: 'a', date: '2024-01-01', categories: ['dns'], services: ['api'], rootCauses: [{ text: 'DNS resolver cache poisoned' }] }),
    postmortem({ slug: 'b', date: '2023-01-01', categories: ['dns'], rootCauses: [{ text: 'DNS resolver overloaded' }], related: ['c'] }),
    postmortem({ slug: 'c', date: '2022-01-01', services: ['API'], organization: 'Acme' }),
    postmortem({ slug: 'd', date: '2021-01-01', organization: 'acme' }),
    postmortem({ slug: 'e', date: null }),
  ]);

  it('gives every postmortem, by slug, the same list as relatedIncidents', () => {
    const index = relatedIndex(corpus, { limit: 3 });
    expect(Object.keys(index)).toEqual(['a', 'b', 'c', 'd', 'e']);
    for (const target of corpus) expect(index[target.slug]).toEqual(relatedIncidents(target, corpus, { limit: 3 }));
    expect(index['e']).toEqual([]);
    expect(index['c']!.map((related) => related.slug)).toEqual(['b', 'a', 'd']);
  });

  it('returns plain JSON', () => {
    const index = relatedIndex(corpus);
    expect(JSON.parse(JSON.stringify(index))).toEqual(index);
  });

  // No duration is asserted (pnpm bench measures it); the timeout only catches a runaway, generous because vitest checks a
  // synchronous test's time after it returns and a loaded 2-core machine runs this several times slower than an idle one.
  it('indexes 10,000 postmortems, five related each', { timeout: 600_000 }, () => {
    // mulberry32: a small seeded generator, so the corpus is the same on every run.
    let seed = 42;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const below = (count: number) => Math.floor(random() * count);
    /** `count` values of `from`, the first ones far more often (Zipf-like). */
    const pick = (count: number, from: readonly string[], skew: number) =>
      Array.from({ length: count }, () => from[Math.floor(from.length * random() ** skew)]!);
    const words = Array.from({ length: 20_000 }, (_, at) => `w${at.toString(36)}`);
    const categories = Array.from({ length: 40 }, (_, at) => `category-${at}`);
    const services = Array.from({ length: 300 }, (_, at) => `service-${at}`);
    const organizations = Array.from({ length: 50 }, (_, at) => `org-${at}`);
    const big = corpusOf(
      Array.from({ length: 10_000 }, (_, at) =>
        postmortem({
          slug: `pm-${at}`,
          date: `${2010 + below(15)}-0${1 + below(9)}-1${below(10)}`,
          organization: pick(1, organizations, 2)[0]!,
          categories: pick(1 + below(3), categories, 2),
          services: pick(1 + below(3), services, 2),
          related: below(10) === 0 ? [`pm-${below(10_000)}`] : [],
          rootCauses: [{ text: pick(20 + below(40), words, 3).join(' ') }],
          summary: pick(30, words, 3).join(' '),
        }),
      ),
    );
    const index = relatedIndex(big);
    expect(Object.keys(index)).toHaveLength(10_000);
    expect(Object.values(index).every((related) => related.length === 5)).toBe(true);
    expect(Object.values(index).some((related) => related.some((incident) => incident.reasons.some((reason) => reason.kind === 'text')))).toBe(true);
  });
});

describe('tokenize', () => {
  it('lower-cases, strips accents and drops stop words, numbers and one-letter words', () => {
    expect(tokenize('The Café’s DNS cache (v2) was at 100% — a re-try storm')).toEqual(['cafe', 'dns', 'cache', 'v2', 'try', 'storm']);
  });
});

describe('related reasons that explain themselves', () => {
  it('names categories by their taxonomy label, and shared phrases before words, never months or common verbs', () => {
    const target = postmortem({
      slug: 'target',
      categories: ['resource-exhaustion'],
      summary: 'In July the gateway made too many calls and sent them through one connection pool.',
      rootCauses: [{ text: 'Port exhaustion: the connection pool opened a new socket per request.' }],
    });
    const corpus = corpusOf([
      target,
      postmortem({
        slug: 'other',
        categories: ['resource-exhaustion'],
        summary: 'In July a batch job made requests that sent the connection pool into port exhaustion.',
        rootCauses: [{ text: 'The connection pool leaked sockets until port exhaustion.' }],
      }),
      postmortem({ slug: 'filler', summary: 'In July the team made and sent a report.', rootCauses: [{ text: 'A disk filled.' }] }),
    ]);
    const taxonomy = { categories: [{ id: 'resource-exhaustion', label: 'Resource exhaustion', description: '', synonyms: [] }], triggers: [] };
    const [first] = relatedIncidents(target, corpus, { taxonomy });
    expect(first?.slug).toBe('other');
    expect(first?.reasons).toEqual([
      { kind: 'category', label: 'Shared root cause: Resource exhaustion' },
      {
        kind: 'text',
        label: expect.stringMatching(/^Similar root cause: "(?:connection pool|port exhaustion)", "(?:connection pool|port exhaustion)"/) as string,
      },
    ]);
    for (const related of relatedIncidents(target, corpus, { taxonomy })) {
      for (const reason of related.reasons) expect(reason.label).not.toMatch(/"(?:july|made|sent|in|the)"/);
    }
    // Only filler words shared: no text reason at all.
    expect(relatedIncidents(target, corpus).find((related) => related.slug === 'filler')).toBeUndefined();
  });

  it('says "similar root cause" only when both incidents have root-cause text', () => {
    const target = postmortem({ slug: 'target', rootCauses: [{ text: 'Replication lag on the primary database.' }] });
    const corpus = corpusOf([target, postmortem({ slug: 'summary-only', summary: 'Replication lag on the primary database again.', rootCauses: [] })]);
    expect(relatedIncidents(target, corpus)[0]?.reasons).toEqual([
      { kind: 'text', label: expect.stringMatching(/^Similar text: .*"replication lag"/) as string },
    ]);
  });
});
