/**
 * /recurrences/ is paged (50 chains a page, newest first): at 10 000 postmortems one page of
 * every chain was over 100 MB. Built over 52 pairs of incidents, each pair one chain (same
 * category and service, 19 days apart): page 1 holds the 50 newest chains, page 2 the two
 * oldest, and an incident page's "See the recurrence" link names the page its chain is on.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from './_build.js';

const pairs = 52;
let work: string;
let outDir: string;

/** Pair `n` (1-based) happens in day order: the first incident on day 2n - 1 of 2023, the second 19 days later. */
const day = (n: number, offset: number) => new Date(Date.UTC(2023, 0, 2 * n - 1 + offset)).toISOString().slice(0, 10);
const slugs = (n: number) => [`${day(n, 0)}-stall-${n}`, `${day(n, 19)}-stall-again-${n}`] as const;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pm-recurrence-pages-'));
  const corpus = join(work, 'postmortems');
  outDir = join(work, 'dist');
  await mkdir(corpus);
  for (let n = 1; n <= pairs; n++) {
    const [first, second] = slugs(n);
    const file = (title: string, date: string) =>
      `---\ntitle: ${title}\ndate: ${date}\ncategories: [capacity]\nservices: [svc-${n}]\n---\n\n## Summary\n\nThe queue stalled.\n`;
    await writeFile(join(corpus, `${first}.md`), file(`Queue stall ${n}`, day(n, 0)));
    await writeFile(join(corpus, `${second}.md`), file(`Queue stall ${n} again`, day(n, 19)));
  }
  await buildSite(corpus, outDir, join(work, 'cache'));
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const page = (path: string) => readFile(join(outDir, path, 'index.html'), 'utf8');
/** Slugs of the first incident of each chain on a page, in order. */
const chainsOn = (html: string) => [...html.matchAll(/<section class="chain" id="chain-([^"]+?)--/g)].map((match) => match[1]);

describe('/recurrences/ over 52 chains', () => {
  it('shows the 50 newest chains on the first page and the 2 oldest on the second, each page counting all 52', async () => {
    const first = await page('recurrences');
    const second = await page('recurrences/2');
    const newestFirst = Array.from({ length: pairs }, (_, index) => slugs(pairs - index)[0]);
    expect(chainsOn(first)).toEqual(newestFirst.slice(0, 50));
    expect(chainsOn(second)).toEqual(newestFirst.slice(50));
    expect(first).toContain('data-chain-count>52 chains; page 1 of 2<');
    expect(second).toContain('data-chain-count>52 chains; page 2 of 2<');
    expect(second).toContain('href="/recurrences/" rel="prev"');
  });

  it('links an incident page to its chain on the page the chain is on', async () => {
    const href = async (slug: string) => /<a href="([^"]+)">See the recurrence<\/a>/.exec(await page(`incidents/${slug}`))?.[1];
    expect(await href(slugs(pairs)[1])).toBe(`/recurrences/#chain-${slugs(pairs)[0]}--capacity--svc-${pairs}`);
    expect(await href(slugs(1)[1])).toBe(`/recurrences/2/#chain-${slugs(1)[0]}--capacity--svc-1`);
  });
});
