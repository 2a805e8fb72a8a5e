/**
 * The built site in a real browser: search, navigation, the XSS fixture, the CSP and axe.
 * beforeAll builds the site once from the real corpus plus test/fixtures/site/ into a temp
 * directory and serves it with a tiny static server that also sends the CSP header.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSiteInBrowser, realCorpusWithFixtures, search, type SiteInBrowser } from './_site-in-browser.js';
import { seriousAxeViolations } from './_axe.js';

const target = '2024-03-01-fixture-ingest-compaction-backlog';
const hostile = '2024-02-29-xss-fixture-hostile-markdown';
/** Recurs 111 days after `target` (same category, service and organization), while one of its follow-ups is open. */
const recurrence = '2024-06-20-fixture-ingest-queue-disks-fill-again';

let site: SiteInBrowser | undefined;
let outDir: string;
let origin: string;
let browser: Browser;
let context: BrowserContext;

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.html')).map((entry) => join(entry.parentPath, entry.name));
}

async function newPage(): Promise<{ page: Page; dialogs: string[]; errors: string[] }> {
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, dialogs, errors };
}

beforeAll(async () => {
  site = await openSiteInBrowser('pm-site-', realCorpusWithFixtures);
  ({ outDir, origin, browser, context } = site);
}, 240_000);

afterAll(() => site?.close());

describe('the built site', () => {
  it('emits no inline script, inline style or event-handler attribute on any page', async () => {
    const files = await htmlFiles(outDir);
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      // Attribute values may hold `<` (a hostile title in `content=`); only tags matter here.
      const raw = await readFile(file, 'utf8');
      const html = raw.replace(/="[^"]*"/g, '=""');
      const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map((match) => match[0]);
      expect(
        scripts.filter((tag) => !/\ssrc=/.test(tag)),
        file,
      ).toEqual([]);
      expect(html, file).not.toMatch(/<style\b/i);
      expect(html, file).not.toMatch(/\sstyle=/i);
      expect(html, file).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
      expect(raw, file).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'self';/);
    }
  });

  it('serves the JSON API, the search index and the feed', async () => {
    const list = (await (await fetch(`${origin}/api/postmortems.json`)).json()) as Record<string, unknown>[];
    expect(list.some((postmortem) => postmortem['slug'] === target)).toBe(true);
    expect(list.every((postmortem) => !('html' in postmortem))).toBe(true);
    const one = (await (await fetch(`${origin}/api/postmortems/${target}.json`)).json()) as Record<string, unknown>;
    expect(one['title']).toBe('Fixture Telemetry: ingestion pipeline stalls behind a compaction backlog');
    const causes = (await (await fetch(`${origin}/api/root-causes.json`)).json()) as { id: string; incidents: string[] }[];
    expect(causes.find((cause) => cause.id === 'resource-exhaustion')?.incidents).toContain(target);
    expect((await fetch(`${origin}/search-index.json`)).status).toBe(200);
    const feed = await (await fetch(`${origin}/rss.xml`)).text();
    expect(feed).toContain(`/incidents/${target}/</link>`);
  });

  it('finds an incident by a root-cause phrase, opens it, follows a category and a related incident', async () => {
    const { page, errors } = await newPage();
    await page.goto('/');
    const results = await search(page, 'runaway segment compaction');
    expect(results[0]).toBe(`/incidents/${target}/`);
    expect(await page.locator('[data-search-results] a').first().textContent()).toMatch(/Matched/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('runaway segment compaction');

    await page.locator('[data-search-results] a').first().click();
    await page.waitForURL(`**/incidents/${target}/`);
    await expect.poll(() => page.locator('h1').textContent()).toContain('compaction backlog');
    expect(await page.locator('.timeline__offset').allTextContents()).toEqual(['T+0', 'T+11m', 'T+1h05m', 'T+3h40m']);
    // The duration moved from the facts to the response times (issue 14).
    expect(await page.locator('[data-metric="resolve"]').textContent()).toContain('3 h 40 min');

    await page.locator('[data-categories] a', { hasText: 'Resource exhaustion' }).click();
    await page.waitForURL('**/root-causes/resource-exhaustion/');
    await page.locator(`a[href="/incidents/${target}/"]`).click();
    await page.waitForURL(`**/incidents/${target}/`);

    const related = page.locator('[data-related] a').first();
    const href = await related.getAttribute('href');
    expect(href).toMatch(/^\/incidents\/[^/]+\/$/);
    expect(href).not.toBe(`/incidents/${target}/`);
    expect(await page.locator('[data-related] .related__why').first().textContent()).not.toBe('');
    await related.click();
    await page.waitForURL(`**${href}`);
    expect(await page.locator('h1').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finds an incident by a misspelled word', async () => {
    const { page } = await newPage();
    await page.goto('/');
    expect(await search(page, 'compactoin')).toContain(`/incidents/${target}/`);
    await page.close();
  });

  it('reads a shareable ?q= link on load', async () => {
    const { page } = await newPage();
    await page.goto('/?q=compaction%20backlog');
    await page.locator('[data-search-results] a').first().waitFor();
    expect(await page.locator('input[type=search]').inputValue()).toBe('compaction backlog');
    expect(await page.locator('[data-search-results] a').first().getAttribute('href')).toBe(`/incidents/${target}/`);
    await page.close();
  });

  it('focuses the search box on / and walks results with the arrow keys and Enter', async () => {
    const { page } = await newPage();
    await page.goto('/stats/');
    await page.locator('h1').click();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await page.keyboard.type('compaction backlog');
    // Each keystroke runs a query; on a loaded machine one for a prefix ('compaction backl') can render first and be replaced
    // after ArrowDown focused its first link. The "see all" link names the query its results are for: wait for the full one.
    await page.locator(`[data-search-all][href="/search/?q=${encodeURIComponent('compaction backlog')}"]`).waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.pathname)).toBe(`/incidents/${target}/`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/incidents/${target}/`);
    await page.close();
  });

  it('runs nothing from the hostile fixture postmortem', async () => {
    const { page, dialogs } = await newPage();
    await page.goto(`/incidents/${hostile}/`);
    await page.locator('h1').waitFor();
    expect(await page.locator('h1').textContent()).toContain('<script>window.__xss=1</script>');
    const report = await page.evaluate(() => ({
      xss: (window as { __xss?: unknown }).__xss,
      scripts: [...document.scripts].map((script) => script.src).filter((src) => !src.includes('/_astro/')),
      handlers: [...document.querySelectorAll('*')].flatMap((element) => element.getAttributeNames().filter((name) => name.startsWith('on'))),
      hrefs: [...document.querySelectorAll('[href], [src]')]
        .map((element) => element.getAttribute('href') ?? element.getAttribute('src') ?? '')
        .filter((url) => /^\s*(?:javascript|data|vbscript):/i.test(url.replace(/[\s\u0000-\u001f]/g, ''))),
      frames: document.querySelectorAll('iframe, object, embed').length,
      bodyVisible: getComputedStyle(document.body).display !== 'none',
    }));
    expect(report).toEqual({ xss: undefined, scripts: [], handlers: [], hrefs: [], frames: 0, bodyVisible: true });
    // Visible links only: the body copy of the timeline and action items is folded in a closed <details>.
    for (const link of await page.locator('article a:visible').all()) await link.hover();
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('shows hostile search text as text: ?q= and the fixture title', async () => {
    const { page, dialogs } = await newPage();
    await page.goto(`/?q=${encodeURIComponent('<img src=x onerror="window.__xss=1"> hostile markdown')}`);
    await page.locator('[data-search-results] a').first().waitFor();
    expect(await page.locator('[data-search-results] img, [data-search-results] script').count()).toBe(0);
    expect(await page.locator('[data-search-results] a').first().textContent()).toContain('<script>window.__xss=1</script>');
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    const long = 'x'.repeat(5000);
    await page.locator('input[type=search]').fill(long);
    expect((await page.locator('input[type=search]').inputValue()).length).toBeLessThan(long.length);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('filters follow-ups by status and owner, and flags overdue items', async () => {
    const { page } = await newPage();
    await page.goto('/follow-ups/');
    const rows = page.locator('[data-follow-up]');
    const total = await rows.count();
    expect(total).toBeGreaterThan(2);
    await expect.poll(() => page.locator('[data-follow-up] .overdue').count()).toBeGreaterThan(0);
    await page.selectOption('#filter-status', 'done');
    const visible = page.locator('[data-follow-up]:visible');
    expect(await visible.count()).toBeLessThan(total);
    expect(new Set(await visible.evaluateAll((found) => found.map((row) => (row as HTMLElement).dataset['status'])))).toEqual(new Set(['done']));
    await page.selectOption('#filter-status', '');
    await page.selectOption('#filter-owner', 'fixture-docs');
    expect(await visible.count()).toBe(1);
    await page.close();
  });

  it('shows recurrence chains on /recurrences/ and notes on the incident pages of a chain, with the follow-ups still open', async () => {
    const { page, errors } = await newPage();
    await page.goto(`/incidents/${recurrence}/`);
    const note = page.locator('[data-recurrence-notes] li').first();
    expect((await note.textContent())?.replace(/\s+/g, ' ').trim()).toMatch(
      /^2nd resource-exhaustion incident on fixture-ingest, Fixture Telemetry in 111 days\. 2 follow-ups from Fixture Telemetry: ingestion pipeline stalls behind a compaction backlog still open then See the recurrence$/,
    );
    await note.locator('a', { hasText: 'See the recurrence' }).click();
    await page.waitForURL('**/recurrences/#chain-*');
    const chain = page.locator(`[data-chain]:has(a[href="/incidents/${recurrence}/"])`);
    expect(await chain.getAttribute('id')).toBe(new URL(page.url()).hash.slice(1));
    expect(await chain.locator('h2').textContent()).toBe('Resource exhaustion on fixture-ingest, Fixture Telemetry');
    expect(await chain.locator('[data-chain-incidents] > li > a').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).pathname))).toEqual([
      `/incidents/${target}/`,
      `/incidents/${recurrence}/`,
    ]);
    // The first incident's three follow-ups on the second's date: one done (no date), two open; one done only after it is not among them.
    expect((await chain.locator('[data-follow-up-state]').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      'Earlier follow-ups on this date: 2 still open, 1 done, no date. 2 open from Fixture Telemetry: ingestion pipeline stalls behind a compaction backlog',
    );
    expect(await chain.locator('svg circle').count()).toBe(2);
    expect(await chain.locator('svg circle.bar-open').count()).toBe(1);
    expect(await page.locator('[data-chain]').count()).toBeGreaterThan(1);
    await page.goto(`/incidents/${target}/`);
    expect(await page.locator('[data-recurrence-notes] li').first().textContent()).toContain('it happened again 2024-06-20');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows follow-through on /stats/ and on a root cause's page", async () => {
    const { page } = await newPage();
    await page.goto('/stats/');
    const figures = page.locator('[data-follow-through]').first();
    expect(await figures.locator('dt').allTextContents()).toEqual([
      'Action items',
      'Done',
      'Overdue',
      'Median days to done',
      'Recurrences',
      'Recurred with follow-ups open',
    ]);
    expect(await page.locator('table[data-follow-through] th[scope=row]', { hasText: 'Resource exhaustion' }).count()).toBe(1);
    await page.goto('/root-causes/resource-exhaustion/');
    const category = page.locator('[data-follow-through]');
    const values = Object.fromEntries(
      (await category
        .locator('div')
        .evaluateAll((rows) => rows.map((row) => [row.querySelector('dt')?.textContent, row.querySelector('dd')?.textContent]))) as Array<[string, string]>,
    );
    // The fixture pair: the second recurs while the first's follow-ups were open; its own alert item was done 5 days after it.
    expect(Number(values['Recurrences'])).toBeGreaterThanOrEqual(1);
    expect(values['Recurred with follow-ups open']).toMatch(/^\d+ of \d+ \(\d+ %\)$/);
    expect(values['Median days to done']).toMatch(/^\d+ d$/);
    await page.close();
  });

  it('works without JavaScript: lists, facet pages, follow-ups and incident pages are all in the HTML', async () => {
    const noScript = await browser.newContext({ baseURL: origin, javaScriptEnabled: false });
    const page = await noScript.newPage();
    const incidentLinks = () => page.locator('main a[href*="/incidents/"]').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).pathname));
    await page.goto('/');
    expect(await incidentLinks()).toContain(`/incidents/${target}/`);
    await page.goto('/root-causes/resource-exhaustion/');
    expect(await incidentLinks()).toContain(`/incidents/${target}/`);
    for (const facet of ['/services/', '/organizations/', '/years/', '/severities/', '/root-causes/']) {
      await page.goto(facet);
      expect(await page.locator('main a').count(), facet).toBeGreaterThan(0);
    }
    await page.goto('/follow-ups/');
    expect(await page.locator('[data-follow-up]:visible').count()).toBeGreaterThan(2);
    await page.goto(`/incidents/${target}/`);
    expect(await page.locator('main').textContent()).toMatch(/compaction/i);
    await noScript.close();
  });

  it('is readable on a phone: no page scrolls sideways at 375 px', async () => {
    const phone = await browser.newContext({ baseURL: origin, viewport: { width: 375, height: 740 }, isMobile: true });
    const page = await phone.newPage();
    const wide: string[] = [];
    for (const path of ['/', `/incidents/${target}/`, `/incidents/${hostile}/`, '/root-causes/', '/stats/', '/follow-ups/', '/recurrences/']) {
      await page.goto(path);
      const [scrollWidth, clientWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      if (scrollWidth > clientWidth + 1) wide.push(`${path}: ${scrollWidth} > ${clientWidth}`);
    }
    await phone.close();
    expect(wide).toEqual([]);
  });

  describe('accessibility (axe: no serious or critical violations)', () => {
    const pages = [
      '/',
      `/incidents/${target}/`,
      `/incidents/${hostile}/`,
      '/root-causes/',
      '/root-causes/resource-exhaustion/',
      '/stats/',
      '/follow-ups/',
      '/recurrences/',
      `/incidents/${recurrence}/`,
    ];
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`in ${colorScheme} mode`, async () => {
        // axe is injected as an inline script, which the site's CSP rightly refuses.
        const auditContext = await browser.newContext({ baseURL: origin, bypassCSP: true, colorScheme });
        const found: string[] = [];
        for (const path of pages) {
          const page = await auditContext.newPage();
          await page.emulateMedia({ colorScheme });
          await page.goto(path);
          const violations = await seriousAxeViolations(page);
          found.push(...violations.map((violation) => `${path}: ${violation}`));
          await page.close();
        }
        await auditContext.close();
        expect(found).toEqual([]);
      }, 300_000); // nine pages audited: on a loaded 2-core machine (load 20) the nine take about 130 s, /stats/ alone 48 s
    }
  });
});
