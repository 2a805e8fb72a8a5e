/**
 * Search results page, the dropdown's "see all", the split index's fetches, and /incidents/
 * filtered and sorted like a table (several facets, URL state, chips, counts, no-JS full list),
 * in Chromium over the real corpus plus the site fixtures. axe audits the new pages.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSiteInBrowser, realCorpusWithFixtures, type SiteInBrowser } from './_site-in-browser.js';
import { seriousAxeViolations } from './_axe.js';

let site: SiteInBrowser | undefined;
let outDir: string;
let origin: string;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  site = await openSiteInBrowser('pm-search-', realCorpusWithFixtures);
  ({ outDir, origin, browser, context } = site);
}, 300_000);

afterAll(() => site?.close());

interface Row {
  slug: string;
  category: string[];
  year: string[];
  severity: string[];
  duration: number | null;
}

/** Every row of /incidents/ with its facet values, read from the HTML without running the script. */
async function rowsWithoutScript(): Promise<Row[]> {
  const noScript = await browser.newContext({ baseURL: origin, javaScriptEnabled: false });
  const page = await noScript.newPage();
  await page.goto('/incidents/?category=database&year=2022');
  const rows = await page.locator('[data-incident]').evaluateAll((found) =>
    found.map((row) => {
      const data = (row as HTMLElement).dataset;
      const list = (value: string | undefined) => (value ?? '').split(' ').filter(Boolean);
      return {
        slug: data['incident']!,
        category: list(data['category']),
        year: list(data['year']),
        severity: list(data['severity']),
        duration: data['duration'] ? Number(data['duration']) : null,
      };
    }),
  );
  const visible = await page.locator('[data-incident]:visible').count();
  const formVisible = await page.locator('[data-table-filters]').isVisible();
  await noScript.close();
  expect({ visible, formVisible }).toEqual({ visible: rows.length, formVisible: false });
  return rows;
}

const shownSlugs = (page: Page) => page.locator('[data-incident]:visible').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset['incident']!));

describe('search results page', () => {
  it('lists every hit with their count and matched fields, and the dropdown links to it', async () => {
    const page = await context.newPage();
    const fetched: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/search/') && path.endsWith('.json')) fetched.push(path);
    });
    await page.goto('/');
    const input = page.locator('input[type=search]').first();
    await input.fill('database');
    const all = page.locator('[data-search-all]');
    await all.waitFor();
    const [, total] = /^(\d+) results? — see all$/.exec((await all.textContent()) ?? '') ?? [];
    expect(Number(total)).toBeGreaterThan(10);
    expect(await page.locator('[data-search-results] .search__hit').count()).toBe(10);
    // The first query fetched the manifest, a few term shards and document chunks, not the whole index.
    const manifest = (await (await fetch(`${origin}/search/manifest.json`)).json()) as { shardFirst: string[]; docCount: number; docChunk: number };
    const shards = fetched.filter((path) => /\/terms-\d+\.json$/.test(path));
    expect(shards.length).toBeGreaterThan(0);
    expect(fetched).toContain('/search/manifest.json');
    expect(shards.length + fetched.filter((path) => /\/docs-\d+\.json$/.test(path)).length).toBeLessThan(
      manifest.shardFirst.length + Math.ceil(manifest.docCount / manifest.docChunk),
    );

    await all.click();
    await page.waitForURL('**/search/?q=database');
    const hits = page.locator('[data-search-hit]');
    await hits.first().waitFor();
    expect(await page.locator('[data-search-count]').getAttribute('data-total')).toBe(total);
    expect(await hits.count()).toBe(Number(total));
    expect(await page.locator('[data-search-count]').textContent()).toBe(`${total} incidents match “database”.`);
    expect(await hits.first().locator('.search__why').textContent()).toMatch(/^Matched .*\(database/);
    expect(await page.locator('#search-page-input').inputValue()).toBe('database');
    await page.close();
  });

  it('answers phrases, synonyms and other forms on the results page', async () => {
    const page = await context.newPage();
    const hits = async (query: string) => {
      await page.goto(`/search/?q=${encodeURIComponent(query)}`);
      await page.locator('[data-search-hit]').first().waitFor();
      return page.locator('[data-search-hit]').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset['searchHit']!));
    };
    // Labels by slug, any rank in the top 5 (or among all hits for a broad word): postmortems keep being added.
    expect((await hits('port exhaustion')).slice(0, 5)).toContain('2020-08-05-ipaper-port-exhaustion');
    expect(await hits('k8s')).toContain('2024-12-11-openai-telemetry-kubernetes-control-plane');
    const rolling = await hits('rolling back');
    const rollingTotal = await page.locator('[data-search-count]').getAttribute('data-total');
    expect(rolling).toContain('2024-12-11-openai-telemetry-kubernetes-control-plane');
    // Forms of one phrase find the same incidents, the same best first. Below the first hit the
    // order may differ: a document with the very words typed ranks above one with another form of
    // them (exact words weigh more than stems), so each form's top 5 sits in the other's top 10.
    const rolled = await hits('rolled back');
    expect(await page.locator('[data-search-count]').getAttribute('data-total')).toBe(rollingTotal);
    expect(new Set(rolled)).toEqual(new Set(rolling));
    expect(rolled[0]).toBe(rolling[0]);
    expect(rolled.slice(0, 10)).toEqual(expect.arrayContaining(rolling.slice(0, 5)));
    expect(rolling.slice(0, 10)).toEqual(expect.arrayContaining(rolled.slice(0, 5)));
    await page.goto('/search/?q=zzqxvw');
    await expect.poll(() => page.locator('[data-search-count]').textContent()).toBe('No incidents match “zzqxvw”.');
    await page.close();
  });

  it('shows a hostile query as text', async () => {
    const page = await context.newPage();
    await page.goto(`/search/?q=${encodeURIComponent('<img src=x onerror="window.__xss=1"> hostile markdown')}`);
    await page.locator('[data-search-hit]').first().waitFor();
    expect(await page.locator('main img, [data-search-hits] script').count()).toBe(0);
    expect(await page.locator('[data-search-count]').textContent()).toContain('<img src=x onerror="window.__xss=1">');
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    await page.close();
  });
});

describe('/incidents/ filtered and sorted like a table', () => {
  it('shows every row without JavaScript, each with a summary line', async () => {
    const rows = await rowsWithoutScript();
    expect(rows.length).toBeGreaterThan(90);
    const noScript = await browser.newContext({ baseURL: origin, javaScriptEnabled: false });
    const page = await noScript.newPage();
    await page.goto('/incidents/');
    expect(await page.locator('[data-count]').textContent()).toBe(String(rows.length));
    expect(await page.locator('[data-incident] .incident-table__summary').count()).toBeGreaterThan(rows.length * 0.9);
    expect(await page.locator('[data-incident]', { hasText: 'severity' }).count()).toBeGreaterThan(0);
    expect(await page.locator('[data-incident]', { hasText: 'resolved in' }).count()).toBeGreaterThan(0);
    await noScript.close();
  });

  it('filters by two facets from the URL, sorts by duration, shows chips and counts, and keeps the state in the URL', async () => {
    const rows = await rowsWithoutScript();
    const expected = rows.filter((row) => row.category.includes('database') && row.year.includes('2022')).map((row) => row.slug);
    expect(expected.length).toBeGreaterThan(0);
    const page = await context.newPage();
    await page.goto('/incidents/?category=database&year=2022&sort=-duration');
    await expect.poll(() => page.locator('[data-chip]').count()).toBe(2);
    expect(new Set(await shownSlugs(page))).toEqual(new Set(expected));
    expect(await page.locator('[data-count]').textContent()).toBe(String(expected.length));
    // Longest first, incidents without a duration last.
    const durations = await page
      .locator('[data-incident]:visible')
      .evaluateAll((found) => found.map((row) => (row as HTMLElement).dataset['duration'] || null).map((value) => (value === null ? null : Number(value))));
    const known = durations.filter((value): value is number => value !== null);
    expect(known).toEqual([...known].sort((a, b) => b - a));
    expect(durations.slice(known.length).every((value) => value === null)).toBe(true);
    // Each value's count is what choosing it (with the other facet's filter) would show.
    const countOf = (facet: string, value: string) =>
      page.locator(`input[name="${facet}"][value="${value}"]`).locator('xpath=..').locator('[data-facet-count]').textContent();
    expect(await countOf('category', 'database')).toBe(String(expected.length));
    expect(await countOf('year', '2022')).toBe(String(expected.length));
    const databaseAnyYear = rows.filter((row) => row.category.includes('database'));
    const years2021 = databaseAnyYear.filter((row) => row.year.includes('2021')).length;
    expect(await countOf('year', '2021')).toBe(String(years2021));

    // Removing the year chip widens to every database incident; the URL follows.
    await page.locator('[data-chip="year=2022"]').click();
    await expect.poll(() => page.locator('[data-count]').textContent()).toBe(String(databaseAnyYear.length));
    expect(new URL(page.url()).search).toBe('?category=database&sort=-duration');
    // A second value of one facet adds to it; a second facet narrows.
    // The script opened the facets that hold a filter.
    expect(await page.locator('details[data-facet="category"]').getAttribute('open')).not.toBeNull();
    await page.locator('input[name="category"][value="network"]').check();
    const either = rows.filter((row) => row.category.includes('database') || row.category.includes('network'));
    await expect.poll(() => page.locator('[data-count]').textContent()).toBe(String(either.length));
    expect(new URL(page.url()).searchParams.getAll('category')).toEqual(['database', 'network']);
    await page.selectOption('#incident-sort', 'date');
    const dates = await page
      .locator('[data-incident]:visible')
      .evaluateAll((found) => found.map((row) => (row as HTMLElement).dataset['date']).filter(Boolean) as string[]);
    expect(dates).toEqual([...dates].sort());
    expect(new URL(page.url()).searchParams.get('sort')).toBe('date');
    await page.close();
  }, 90_000);

  it('the folded facet route still serves every facet index and detail page', async () => {
    const page = await context.newPage();
    for (const facet of ['services', 'organizations', 'years', 'severities', 'triggers']) {
      const response = await page.goto(`/${facet}/`);
      expect(response?.status(), facet).toBe(200);
      const first = page.locator('main .incident-list__title').first();
      const href = await first.getAttribute('href');
      expect(href, facet).toMatch(new RegExp(`^/${facet}/[a-z0-9-]+/$`));
      expect((await page.goto(href!))?.status()).toBe(200);
      expect(await page.locator('main a[href^="/incidents/"]').count(), facet).toBeGreaterThan(0);
    }
    await page.close();
  });
});

describe('new pages: phone width and accessibility', () => {
  const pages = ['/search/?q=database', '/incidents/?category=database&year=2022'];

  it('does not scroll sideways at 375 px', async () => {
    const phone = await browser.newContext({ baseURL: origin, viewport: { width: 375, height: 740 }, isMobile: true });
    const page = await phone.newPage();
    const wide: string[] = [];
    for (const path of pages) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const [scrollWidth, clientWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      if (scrollWidth > clientWidth + 1) wide.push(`${path}: ${scrollWidth} > ${clientWidth}`);
    }
    await phone.close();
    expect(wide).toEqual([]);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violations in ${colorScheme} mode`, async () => {
      const auditContext = await browser.newContext({ baseURL: origin, bypassCSP: true, colorScheme });
      const found: string[] = [];
      for (const path of pages) {
        const page = await auditContext.newPage();
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        const violations = await seriousAxeViolations(page);
        found.push(...violations.map((violation) => `${path}: ${violation}`));
        await page.close();
      }
      await auditContext.close();
      expect(found).toEqual([]);
    }, 300_000); // as in site.browser.test.ts: 24 s here at load 10, several times that on a busier 2-core machine
  }
});

it('writes the split index files the manifest names', async () => {
  const files = await readdir(join(outDir, 'search'));
  const manifest = JSON.parse(await readFile(join(outDir, 'search/manifest.json'), 'utf8')) as { shardFirst: string[] };
  for (let shard = 0; shard < manifest.shardFirst.length; shard++) expect(files).toContain(`terms-${shard}.json`);
  expect(files).toContain('words.json');
  expect(files).toContain('docs-0.json');
});
