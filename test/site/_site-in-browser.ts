/**
 * The browser tests' setup: a site built from a corpus into a temporary directory, served with
 * the site's CSP (./_serve.ts), Chromium with a context on it, and the page steps several tests share.
 */
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildSite, repo } from './_build.js';
import { launchChromium, serveStatic } from './_serve.js';

export interface ServedSite {
  outDir: string;
  server: Server;
  origin: string;
}

/** Fills `<dir>/postmortems` with `fill`, builds the site into `<dir>/dist` (its content cache in `<dir>/cache`) and serves it. */
export async function buildAndServe(dir: string, fill: (corpus: string) => Promise<unknown>): Promise<ServedSite> {
  const corpus = join(dir, 'postmortems');
  await mkdir(corpus, { recursive: true });
  await fill(corpus);
  const outDir = join(dir, 'dist');
  await buildSite(corpus, outDir, join(dir, 'cache'));
  return { outDir, ...(await serveStatic(outDir)) };
}

export function closeServer(server: Server | undefined): Promise<void> {
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

/** The repository's postmortems plus test/fixtures/site (the XSS fixture, a recurrence, the compaction backlog). */
export async function realCorpusWithFixtures(corpus: string): Promise<void> {
  await cp(join(repo, 'postmortems'), corpus, { recursive: true });
  await cp(join(repo, 'test/fixtures/site'), corpus, { recursive: true });
}

export interface SiteInBrowser extends ServedSite {
  browser: Browser;
  /** A context on the site (`baseURL` is its origin). */
  context: BrowserContext;
  /** Closes the browser and the server and removes the temporary directory. */
  close(): Promise<void>;
}

/** A temporary directory named `prefix…`, the site built there over `fill`'s corpus and served, and Chromium on it. */
export async function openSiteInBrowser(prefix: string, fill: (corpus: string) => Promise<unknown>): Promise<SiteInBrowser> {
  const work = await mkdtemp(join(tmpdir(), prefix));
  let served: ServedSite | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await closeServer(served?.server);
    await rm(work, { recursive: true, force: true });
  };
  try {
    served = await buildAndServe(work, fill);
    browser = await launchChromium();
    const context = await browser.newContext({ baseURL: served.origin });
    return { ...served, browser, context, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Types `query` into the page's search box, waits for the first result and returns the results' paths. */
export async function search(page: Page, query: string): Promise<string[]> {
  const input = page.locator('input[type=search]');
  await input.click();
  await input.fill(query);
  await page.locator('[data-search-results] a').first().waitFor();
  return page.locator('[data-search-results] a').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).pathname));
}
