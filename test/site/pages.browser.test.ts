/**
 * Incident pages and the stats page in Chromium (issue 14 points 1, 2, 3, 6): response times
 * with their source and a phase bar, gaps left out and counted, the timeline (markers once,
 * `#t-<n>` anchors, first on a phone, the body copy folded), heading anchors, the edit link,
 * printing; causes read from prose marked as inferred (issue 12 item 10). Four small sites are
 * built: the fixtures in test/fixtures/site-pages/ with the repository's taxonomy and an `editUrl`,
 * a corpus without categories, a prose-only report with nothing to browse by, and an empty corpus.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repo } from './_build.js';
import { launchChromium } from './_serve.js';
import { buildAndServe, closeServer, type ServedSite } from './_site-in-browser.js';
import { seriousAxeViolations } from './_axe.js';

const fixtures = join(repo, 'test/fixtures/site-pages');
const editUrl = 'https://example.com/repo/edit/main/postmortems/';
const healthChecks = '/incidents/2020-06-10-fixture-pages-health-checks/';
const stated = '/incidents/2024-02-01-fixture-pages-stated-durations/';
const undated = '/incidents/fixture-pages-undated-resolver/';
const compaction = '/incidents/2024-03-01-fixture-ingest-compaction-backlog/';
const prose = '/incidents/fixture-prose-search-stall/';
const phone = { viewport: { width: 375, height: 740 }, isMobile: true };

let work: string;
let browser: Browser;
const sites: Record<'full' | 'uncategorized' | 'prose' | 'empty', ServedSite> = {} as never;
const contexts: BrowserContext[] = [];

async function build(name: keyof typeof sites, fill: (corpus: string) => Promise<void>): Promise<void> {
  sites[name] = await buildAndServe(join(work, name), fill);
}

async function open(site: keyof typeof sites, path: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: sites[site].origin, ...options });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(path);
  return page;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pm-pages-'));
  await build('full', async (corpus) => {
    await cp(fixtures, corpus, { recursive: true, filter: (source) => !/no-categories|prose-only/.test(source) });
    await cp(join(repo, 'postmortems/taxonomy.yaml'), join(corpus, 'taxonomy.yaml'));
    await cp(join(repo, 'test/fixtures/site/2024-03-01-fixture-ingest-compaction-backlog.md'), join(corpus, '2024-03-01-fixture-ingest-compaction-backlog.md'));
    await writeFile(join(corpus, '.postmortemrc.json'), JSON.stringify({ site: { editUrl } }));
  });
  await build('uncategorized', (corpus) => cp(join(fixtures, 'no-categories'), corpus, { recursive: true }));
  await build('prose', (corpus) => cp(join(fixtures, 'prose-only'), corpus, { recursive: true }));
  await build('empty', async () => {});
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  for (const site of Object.values(sites)) await closeServer(site.server);
  if (work) await rm(work, { recursive: true, force: true });
});

/** The rendered text of each match, white space collapsed (innerText: what a reader sees, blocks apart). */
const text = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((found) => found.map((element) => (element as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));

describe('incident page: response times (point 1)', () => {
  it('shows time to detect, mitigate and resolve, each with where it came from', async () => {
    const page = await open('full', healthChecks);
    expect(await text(page, '[data-metric]')).toEqual([
      'Time to detect 12 min from the timeline',
      'Time to mitigate 40 min from the timeline',
      'Time to resolve 1 h 5 min from the timeline',
    ]);
    await page.goto(compaction);
    expect(
      await page
        .locator('[data-metric]')
        .evaluateAll((found) => found.map((element) => [(element as HTMLElement).dataset['metric'], (element as HTMLElement).dataset['source']])),
    ).toEqual([
      ['detect', 'frontmatter'],
      ['mitigate', 'frontmatter'],
      ['resolve', 'frontmatter'],
    ]);
    await page.goto(stated);
    expect(await text(page, '[data-metric]')).toEqual(['Time to detect 54 min as stated in the text', 'Time to resolve 2 h 15 min as stated in the text']);
    expect(await page.locator('[data-metric="mitigate"]').count()).toBe(0);
  });

  it('draws started → detected → mitigated → resolved as consecutive segments of one axis', async () => {
    const page = await open('full', healthChecks);
    const segments = await page
      .locator('[data-phase-bar] rect[data-phase]')
      .evaluateAll((found) =>
        found.map((rect) => ({ phase: rect.getAttribute('data-phase'), x: Number(rect.getAttribute('x')), width: Number(rect.getAttribute('width')) })),
      );
    expect(segments.map((segment) => segment.phase)).toEqual(['detect', 'mitigate', 'resolve']);
    // 12, 40 and 65 minutes on one axis of 65 (in percent): each segment starts where the previous ends.
    const ends = segments.map((segment) => segment.x + segment.width);
    [(12 / 65) * 100, (40 / 65) * 100, 100].forEach((end, index) => expect(ends[index]).toBeCloseTo(end, 0));
    expect(segments[1]!.x).toBeCloseTo(segments[0]!.x + segments[0]!.width, 1);
    expect(await text(page, '[data-phase-bar] figcaption li')).toEqual(['Started', 'Detected +12 min', 'Mitigated +40 min', 'Resolved +1 h 5 min']);
    expect(await page.locator('[data-phase-bar] svg').getAttribute('aria-label')).toBe(
      'Phases from the start of impact: Detected after 12 min, Mitigated after 40 min, Resolved after 1 h 5 min',
    );
  });
});

describe('honest gaps (point 2)', () => {
  it('leaves out facts an incident does not have instead of printing "not given" or "unknown"', async () => {
    const page = await open('full', healthChecks);
    expect(await text(page, '.facts dt')).toEqual(['Date', 'Organization', 'Source file', 'Root causes']);
    expect(await page.locator('.incident-header').textContent()).not.toMatch(/not given|unknown|uncategorized/i);
    await page.goto(undated);
    expect(await text(page, '.facts dt')).toEqual(['Organization', 'Source file', 'Root causes']);
    expect(await page.locator('[data-metrics]').count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toMatch(/not given|unknown|Duration/i);
    // An action item with no status or owner shows its text alone: no "unknown" or "no owner" badge.
    expect(await text(page, '.action-items li')).toEqual(['Stagger resolver restarts across the fleet']);
    expect(await page.locator('.action-items .status, .action-items__meta').count()).toBe(0);
  });

  it('lists follow-ups without a status with no badge, and filters them once as "Status not given"', async () => {
    const page = await open('full', '/follow-ups/');
    const row = page.locator('[data-follow-up]', { hasText: 'Stagger resolver restarts' });
    expect(await row.locator('.status').count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toMatch(/unknown|no owner/i);
    await page.selectOption('#filter-status', 'unknown');
    expect(await text(page, '[data-follow-up]:visible td[data-label="Action item"]')).toEqual(['Stagger resolver restarts across the fleet']);
  });

  it('labels every stats figure "n of N incidents"', async () => {
    const page = await open('full', '/stats/');
    expect(await page.locator('[data-phase-stats] [data-of]').evaluateAll((found) => found.map((element) => element.getAttribute('data-of')))).toEqual([
      '3 of 4',
      '2 of 4',
      '3 of 4',
    ]);
    expect(await text(page, '[data-phase-stats="detect"] p')).toEqual([
      '3 of 4 incidents give a time to detect (from the start of impact to detection): median 12 min, 90th percentile 54 min, longest 54 min.',
    ]);
    expect(await page.locator('[data-phase-stats="mitigate"] svg').getAttribute('aria-label')).toBe(
      'Time to mitigate, 2 of 4 incidents: <15m 0, 15m–1h 1, 1–4h 1, 4–12h 0, 12–24h 0, 1–3d 0, >3d 0 incidents',
    );
    expect(await text(page, '[data-tile] .stat-grid__of')).toEqual(['3 of 4 incidents', '3 of 4 incidents', '3 of 4 incidents']);
  });

  it('draws years without gaps and says how many incidents a chart leaves out', async () => {
    const page = await open('full', '/stats/');
    expect(await page.locator('[data-chart="per-year"] svg').getAttribute('aria-label')).toBe(
      'Incidents per year: 2020 1, 2021 0, 2022 0, 2023 0, 2024 2 incidents',
    );
    expect(await text(page, '[data-chart="per-year"] [data-left-out]')).toEqual(['1 undated incident not shown.']);
    expect(await text(page, '[data-chart="by-category"] thead th')).toEqual(['2020', '2021', '2022', '2023', '2024']);
    // Only categories with a dated incident get a row; the undated DNS incident is counted below.
    expect(await text(page, '[data-chart="by-category"] tbody th')).toEqual([
      'Capacity shortfall',
      'Resource exhaustion',
      'DNS',
      'Load balancing and health checks',
    ]);
    expect(await text(page, '[data-chart="by-category"] [data-left-out]')).toEqual(['1 undated incident not shown.']);
    await page.goto('/root-causes/');
    expect(await page.locator('.category-card', { hasText: 'DNS' }).locator('[data-left-out]').textContent()).toBe('1 undated incident not in the line.');
    // A category without incidents draws no flat line.
    expect(await page.locator('.category-card', { hasText: 'Power' }).locator('svg').count()).toBe(0);
  });

  it('keeps heat-map labels whole and legible on a 375 px phone, the page not scrolling sideways', async () => {
    const page = await open('full', '/stats/', phone);
    const labels = await page.locator('[data-chart="by-category"] tbody th').evaluateAll((found) =>
      found.map((cell) => {
        const box = cell.getBoundingClientRect();
        return {
          text: cell.textContent,
          fontSize: parseFloat(getComputedStyle(cell).fontSize),
          clipped: cell.scrollWidth > cell.clientWidth + 1,
          left: box.left,
          right: box.right,
        };
      }),
    );
    expect(labels.map((label) => label.text)).toContain('Load balancing and health checks');
    for (const label of labels) {
      expect(label.fontSize, label.text ?? '').toBeGreaterThanOrEqual(12);
      expect(label.clipped, label.text ?? '').toBe(false);
      expect(label.left).toBeGreaterThanOrEqual(0);
      expect(label.right).toBeLessThanOrEqual(375);
    }
    const [scrollWidth, clientWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth + 1);
  });

  it('says so in a sentence when there are no categories, instead of an empty heat map', async () => {
    const page = await open('uncategorized', '/stats/');
    expect(await page.locator('[data-no-categories]').count()).toBe(1);
    expect(await page.locator('table.heatmap').count()).toBe(0);
    expect(await page.locator('[data-chart="per-year"] svg').getAttribute('aria-label')).toBe('Incidents per year: 2021 1, 2022 0, 2023 1 incidents');
    expect(await text(page, '[data-phase-stats] p')).toEqual([
      'No incident gives a time to detect (from the start of impact to detection).',
      'No incident gives a time to mitigate (from the start of impact to mitigation).',
      'No incident gives a time to resolve (from the start of impact to its end).',
    ]);
    expect(await page.locator('[data-phase-stats] svg').count()).toBe(0);
    await page.goto('/root-causes/');
    expect(await page.locator('[data-no-categories]').count()).toBe(1);
  });

  it('says so in a sentence when there are no incidents at all', async () => {
    const page = await open('empty', '/stats/');
    expect(await page.locator('[data-empty-corpus]').textContent()).toMatch(/no incidents yet/);
    // No charts, and no follow-through figures of zeros either.
    expect(await page.locator('main :is(svg, table, dl)').count()).toBe(0);
    for (const path of ['/', '/incidents/']) {
      await page.goto(path);
      expect(await page.locator('[data-empty-corpus]').textContent(), path).toMatch(/no incidents yet/);
      // No empty "Browse by" column, list, sort or filter form.
      expect(await page.locator('main :is(aside, form, ol, ul, details)').count(), path).toBe(0);
    }
    // Nothing to filter: a sentence, not a filter form over an empty table.
    await page.goto('/follow-ups/');
    expect(await page.locator('[data-no-follow-ups]').textContent()).toMatch(/No postmortem lists an action item yet/);
    expect(await page.locator('main :is(form, table)').count()).toBe(0);
  });

  it('offers on the home page only the facets a corpus has, and a sentence when it has none', async () => {
    const page = await open('uncategorized', '/');
    expect(await text(page, '.facets summary')).toEqual(['Year (2)']);
    await page.close();
    const bare = await open('prose', '/');
    expect(await bare.locator('.facets details').count()).toBe(0);
    expect(await text(bare, '.facets [data-no-facets]')).toEqual([
      'Nothing to browse by yet: no incident gives a root-cause category, service, severity, date or organization.',
    ]);
    expect(await bare.locator('.incident-list > li').count()).toBe(1);
  });

  it('leaves the date out of list rows of an undated incident instead of writing "date unknown"', async () => {
    const page = await open('full', '/');
    for (const path of ['/', '/incidents/', '/root-causes/dns/', '/organizations/fixture-pages/']) {
      await page.goto(path);
      const row = page.locator('main li', { has: page.locator(`a.incident-list__title[href$="${undated}"]`) });
      expect(await row.locator('.incident-list__meta').innerText(), path).toBe('Fixture Pages');
      expect(await page.locator('main').innerText(), path).not.toMatch(/unknown|not given/i);
    }
    await page.goto(healthChecks);
    expect(await page.locator('[data-related]').innerText()).not.toMatch(/unknown/i);
  });
});

describe('prose-only reports (issue 12 item 10)', () => {
  it('shows the root cause, trigger and resolution read from the prose, each marked as inferred from the text', async () => {
    const page = await open('prose', prose);
    expect(await text(page, '[data-inferred] h2')).toEqual(['Root cause, trigger and resolution']);
    expect(
      await page
        .locator('[data-inferred-field]')
        .evaluateAll((found) =>
          found.map((fact) => [(fact as HTMLElement).dataset['inferredField'], (fact as HTMLElement).innerText.replace(/\s+/g, ' ').trim()]),
        ),
    ).toEqual([
      [
        'rootCauses',
        'Root cause inferred from the text The root cause was an indexing worker that kept retrying one malformed document and never moved on to the rest of the queue.',
      ],
      ['trigger', 'Trigger inferred from the text The stall was triggered by a bulk upload from a single customer that contained the malformed document.'],
      [
        'resolution',
        'Resolution inferred from the text We resolved it by skipping the document and restarting the worker, after which the queue emptied within an hour.',
      ],
    ]);
  });

  it('marks nothing as inferred on a report whose causes are written in sections', async () => {
    const page = await open('full', compaction);
    expect(await page.locator('[data-inferred]').count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toContain('inferred from the text');
  });
});

describe('timeline (point 3)', () => {
  it('shows each marker once and anchors every entry as #t-<n>', async () => {
    const page = await open('full', healthChecks);
    // textContent: the markup's words, not the badge's upper-case styling.
    const entries = await page.locator('.timeline > li').evaluateAll((found) => found.map((entry) => (entry.textContent ?? '').replace(/\s+/g, ' ').trim()));
    expect(entries.slice(0, 4)).toEqual([
      'T+0 2020-06-10 14:00 UTC Impact starts the balancer starts draining backends.',
      'T+12m 2020-06-10 14:12 UTC Detected the availability alert pages the on-call engineer.',
      'T+40m 2020-06-10 14:40 UTC Mitigated by rolling the check path back.',
      'T+1h05m 2020-06-10 15:05 UTC Resolved',
    ]);
    // A date-only entry shows its date.
    expect(entries[4]).toBe('2020-06-11, time not given The postmortem review is held.');
    expect(await page.locator('.timeline > li').evaluateAll((found) => found.map((entry) => entry.id))).toEqual(['t-1', 't-2', 't-3', 't-4', 't-5']);
    await page.locator('#t-2 a[href="#t-2"]').click();
    expect(await page.evaluate(() => [location.hash, document.querySelector(':target')?.id])).toEqual(['#t-2', 't-2']);
  });

  it('shows the body copy of the recognised timeline and action list once, folded, with the text as written one click away', async () => {
    const page = await open('full', healthChecks);
    const prose = page.locator('.prose');
    // innerText leaves out what a closed <details> does not render.
    expect(await prose.innerText()).not.toContain('the availability alert pages the on-call engineer');
    expect(await prose.innerText()).not.toContain('Serve the new check path');
    const timeline = page.locator('.prose details[data-recognised="timeline"]');
    expect(await timeline.locator('summary').textContent()).toBe('The timeline as written');
    await timeline.locator('summary').click();
    expect(await timeline.innerText()).toContain('14:12 DETECTED: the availability alert pages the on-call engineer.');
    expect(await page.locator('.prose details[data-recognised="action-items"]').textContent()).toContain(
      'Serve the new check path before switching the balancer',
    );
    // The structured copies are on the page.
    expect(await page.locator('[data-timeline] .timeline > li').count()).toBe(5);
    expect(await page.locator('.action-items > li').count()).toBe(2);
  });

  it('puts the structured timeline before the body on a phone and beside it on a wide screen', async () => {
    const narrow = await open('full', healthChecks, phone);
    const [timelineTop, bodyTop] = await Promise.all([narrow.locator('[data-timeline]').boundingBox(), narrow.locator('.prose').boundingBox()]);
    expect(timelineTop!.y).toBeLessThan(bodyTop!.y);
    const wide = await open('full', healthChecks, { viewport: { width: 1280, height: 900 } });
    const [timelineBox, bodyBox] = await Promise.all([wide.locator('[data-timeline]').boundingBox(), wide.locator('.prose').boundingBox()]);
    expect(timelineBox!.x).toBeGreaterThan(bodyBox!.x + bodyBox!.width - 1);
    expect(Math.abs(timelineBox!.y - bodyBox!.y)).toBeLessThan(80);
  });
});

describe('links into a page (point 6)', () => {
  it('gives body headings ids and a link anchor', async () => {
    const page = await open('full', healthChecks);
    const headings = await page
      .locator('.prose :is(h2, h3)')
      .evaluateAll((found) => found.map((heading) => [heading.id, heading.querySelector('a.heading-anchor')?.getAttribute('href')]));
    expect(headings).toEqual([
      ['section-summary', '#section-summary'],
      ['section-what-happened', '#section-what-happened'],
      ['section-the-change', '#section-the-change'],
      ['section-the-drain', '#section-the-drain'],
      ['section-timeline', '#section-timeline'],
      ['section-action-items', '#section-action-items'],
    ]);
    await page.locator('#section-the-drain a.heading-anchor').click();
    expect(await page.evaluate(() => location.hash)).toBe('#section-the-drain');
    expect(await page.locator('#section-the-drain a.heading-anchor').getAttribute('aria-label')).toBe('Link to this section: The drain');
  });

  it('links to the source file when editUrl is set, and not otherwise', async () => {
    const page = await open('full', healthChecks);
    const edit = page.locator('a[data-edit-link]');
    expect([await edit.textContent(), await edit.getAttribute('href')]).toEqual(['Edit this page', `${editUrl}2020-06-10-fixture-pages-health-checks.md`]);
    const plain = await open('uncategorized', '/incidents/2021-04-01-plain-disk-full/');
    expect(await plain.locator('a[data-edit-link]').count()).toBe(0);
  });

  it('prints the incident alone: no header, search, footer or related incidents', async () => {
    const page = await open('full', healthChecks);
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.site-header', '.site-footer', 'input[type=search]', '[data-related]', 'nav[aria-label="Breadcrumb"]', '.heading-anchor']) {
      expect(await page.locator(selector).first().isVisible(), selector).toBe(false);
    }
    for (const selector of ['article h1', '[data-metrics]', '[data-timeline]', '.prose'])
      expect(await page.locator(selector).first().isVisible(), selector).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('.site-header').isVisible()).toBe(true);
  });
});

describe('accessibility of these pages (axe: no serious or critical violations)', () => {
  const pages: [keyof typeof sites, string][] = [
    ['full', healthChecks],
    ['full', stated],
    ['full', '/stats/'],
    ['full', '/root-causes/'],
    ['uncategorized', '/stats/'],
    ['prose', '/'],
    ['prose', prose],
    ['empty', '/'],
    ['empty', '/incidents/'],
    ['empty', '/stats/'],
  ];
  for (const [label, options] of [
    ['light, wide', { colorScheme: 'light' }],
    ['dark, phone', { colorScheme: 'dark', ...phone }],
  ] as const) {
    it(`in ${label}`, async () => {
      const found: string[] = [];
      for (const [site, path] of pages) {
        // axe is injected as an inline script, which the site's CSP rightly refuses.
        const page = await open(site, path, { ...options, bypassCSP: true });
        const violations = await seriousAxeViolations(page);
        found.push(...violations.map((violation) => `${site} ${path}: ${violation}`));
        await page.context().close();
      }
      expect(found).toEqual([]);
    }, 300_000); // twelve pages audited, each in a new context: as in site.browser.test.ts, room for a busy 2-core machine
  }
});
