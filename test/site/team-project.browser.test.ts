/**
 * Issue 13: the site in a team's own repository. The packages are packed (`pnpm pack`) and
 * installed from their tarballs into a temporary project outside the workspace, shaped like a
 * team's repository: its own package.json, postmortems/ and .postmortemrc.json, no Astro files.
 * The README's quick start for teams is run as written (`npx postmortem site build`) and the
 * pages are checked in Chromium: a clean folder, the same folder with one broken postmortem
 * (built, listed on /problems/; `--strict` fails), and a build under `--base /kb/` served
 * under /kb/ and clicked through.
 *
 * The install is pnpm's from the workspace's store (`--prefer-offline`): fast where the
 * workspace is installed, and on a fresh CI clone whatever is missing comes from the registry.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureNames, fixturesDir, runCommand, type CliResult } from '../cli/helpers.js';
import { repo } from './_build.js';
import { launchChromium, serveStatic } from './_serve.js';
import { closeServer, search } from './_site-in-browser.js';

/** The packages `@postmortem-kb/cli` and `@postmortem-kb/astro` need at run time, packed. */
const packed = ['parser', 'import', 'cli', 'astro'];
const teamFixtures = join(repo, 'test/fixtures/team-project');
const broken = '2024-05-02-queue-failover.md';

let work: string;
let project: string;
let buildCommand: string[];
let browser: Browser;

/** Set by vitest (Vite's `import.meta.env` lives in `process.env` under test) and by pnpm for its scripts: none of them is in a team's shell. */
const testRunnerVariables = /^(?:npm_.*|VITEST.*|NODE_ENV|MODE|DEV|PROD|SSR|TEST|BASE_URL)$/;

/** The environment of the test run without the test runner's variables, plus `extra`. */
function teamEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !testRunnerVariables.test(key)));
  return { ...env, NO_COLOR: '1', ...extra };
}

async function mustRun(command: string, args: readonly string[], cwd: string): Promise<CliResult> {
  const result = await runCommand(command, args, { cwd, env: teamEnv() });
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.code}:\n${(result.stdout + result.stderr).slice(-12000)}`);
  return result;
}

/** The README's quick start for teams: the packages of its `npm i -D` line and the words of its build command. */
async function teamQuickStart(): Promise<{ packages: string[]; build: string[] }> {
  const readme = await readFile(join(repo, 'README.md'), 'utf8');
  const section = readme.split('\n## Quick start for teams')[1]?.split('\n## ')[0] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const lines = block
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
  const install = lines.find((line) => line.startsWith('npm i -D '));
  const build = lines.find((line) => line.startsWith('npx '));
  if (install === undefined || build === undefined) throw new Error(`no \`npm i -D\` and \`npx\` lines in the README's quick start for teams:\n${block}`);
  return { packages: install.split(/\s+/).slice(3), build: build.split(/\s+/) };
}

/**
 * The team's package.json with the README's packages: ours as the packed tarballs (also as
 * overrides, so the CLI's own dependency on the parser is the tarball too), Astro at the
 * version of the workspace, which its store holds.
 */
async function teamManifest(packages: string[], tarballs: Map<string, string>): Promise<Record<string, unknown>> {
  const workspace = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const devDependencies: Record<string, string> = {};
  for (const spec of packages) {
    const [name, range] = spec.split(/(?<=.)@/) as [string, string | undefined];
    const tarball = tarballs.get(name);
    const version = workspace.devDependencies[name];
    if (tarball !== undefined) devDependencies[name] = `file:${tarball}`;
    // The README names a major version (`astro@5`): the workspace's must be one of it.
    else if (version !== undefined && (range === undefined || version.startsWith(`${range}.`))) devDependencies[name] = version;
    else throw new Error(`the README's quick start installs ${spec}, which the workspace does not have (it has ${name}@${version ?? 'none'})`);
  }
  const overrides = Object.fromEntries([...tarballs].map(([name, tarball]) => [name, `file:${tarball}`]));
  return { name: 'acme-ops', private: true, devDependencies, pnpm: { overrides, onlyBuiltDependencies: ['esbuild'] } };
}

/** Runs the README's build command in the team project, with `extra` arguments and environment variables. */
function buildSite(extra: string[] = [], env: Record<string, string> = {}): Promise<CliResult> {
  const [command, ...args] = buildCommand;
  return runCommand(command!, [...args, ...extra], { cwd: project, env: teamEnv(env) });
}

/** Same-origin paths the page links to or loads: links, stylesheets, scripts, images. */
function sameOriginPaths(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[href], [src]')]
      .map((element) => new URL(element.getAttribute('href') ?? element.getAttribute('src') ?? '', location.href))
      .filter((url) => url.origin === location.origin)
      .map((url) => url.pathname),
  );
}

/** A build served (under `base`) to its own browser context. */
interface ServedBuild {
  server: Server;
  origin: string;
  context: BrowserContext;
}

async function serveBuild(outDir: string, base = '/'): Promise<ServedBuild> {
  const { server, origin } = await serveStatic(join(project, outDir), base);
  return { server, origin, context: await browser.newContext({ baseURL: origin }) };
}

async function closeServed(served: ServedBuild | undefined): Promise<void> {
  await served?.context.close();
  await closeServer(served?.server);
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pm-team-project-'));
  const tarballDir = join(work, 'tarballs');
  const tarballs = new Map<string, string>();
  for (const name of packed) {
    const { stdout } = await mustRun('pnpm', ['pack', '--pack-destination', tarballDir, '--json'], join(repo, 'packages', name));
    tarballs.set(`@postmortem-kb/${name}`, (JSON.parse(stdout) as { filename: string }).filename);
  }
  const quickStart = await teamQuickStart();
  buildCommand = quickStart.build;

  project = join(work, 'acme-ops');
  await mkdir(join(project, '.git'), { recursive: true });
  await writeFile(join(project, 'package.json'), `${JSON.stringify(await teamManifest(quickStart.packages, tarballs), null, 2)}\n`);
  await writeFile(join(project, '.postmortemrc.json'), `${JSON.stringify({ site: { title: 'Acme incidents' } }, null, 2)}\n`);
  const postmortems = join(project, 'postmortems');
  await mkdir(postmortems);
  for (const file of Object.values(fixtureNames)) await cp(join(fixturesDir, file), join(postmortems, file));
  await cp(join(teamFixtures, 'ok'), postmortems, { recursive: true });

  const store = (await mustRun('pnpm', ['store', 'path'], repo)).stdout.trim();
  await mustRun('pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile', '--store-dir', store], project);
  browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a team project with clean postmortems, built with the README command', () => {
  let build: CliResult;
  let served: ServedBuild;

  beforeAll(async () => {
    build = await buildSite();
    served = await serveBuild('dist');
  }, 300_000);

  afterAll(() => closeServed(served));

  it('builds into dist/ and leaves no Astro files in the project', async () => {
    expect(build.stderr + build.stdout).toContain('Site written to dist');
    expect(build.code).toBe(0);
    expect(existsSync(join(project, 'dist', 'index.html'))).toBe(true);
    const projectFiles = await readdir(project);
    expect(projectFiles.filter((file) => /^astro\.config\.|^src$|^tsconfig/.test(file))).toEqual([]);
  });

  it('shows the title of .postmortemrc.json and every incident, under URL-safe slugs', { timeout: 120_000 }, async () => {
    const page = await served.context.newPage();
    await page.goto('/');
    expect(await page.title()).toContain('Acme incidents');
    await expect(page.locator('.site-title').textContent()).resolves.toBe('Acme incidents');
    const incidents = await page
      .locator('main a[href^="/incidents/"]:not([href="/incidents/"])')
      .evaluateAll((links) => [...new Set(links.map((link) => (link as HTMLAnchorElement).getAttribute('href')))]);
    expect(incidents).toHaveLength(3);
    for (const href of incidents) expect(href).toMatch(/^\/incidents\/[A-Za-z0-9._~-]+\/$/);

    await page.locator('main a', { hasText: 'CoreDNS upgrade drops cluster lookups' }).first().click();
    await page.waitForURL(/\/incidents\/[^/]+\/$/);
    await expect(page.locator('h1').textContent()).resolves.toContain('CoreDNS upgrade drops cluster lookups');
    await expect(page.locator('[data-incident-problems]').count()).resolves.toBe(0);
    await page.close();
  });

  it('finds an incident with the search box and opens it', { timeout: 120_000 }, async () => {
    const page = await served.context.newPage();
    await page.goto('/');
    await search(page, 'resolver');
    await page.locator('[data-search-results] a', { hasText: 'DNS resolver overload' }).click();
    await page.waitForURL(/\/incidents\/[^/]+\/$/);
    await expect(page.locator('h1').textContent()).resolves.toContain('DNS resolver overload');
    await page.close();
  });

  it('says on /problems/ that there are none', { timeout: 60_000 }, async () => {
    const page = await served.context.newPage();
    await page.goto('/problems/');
    await expect(page.locator('[data-problems-count]').getAttribute('data-problems-count')).resolves.toBe('0');
    await page.close();
  });
});

describe('the same project with one broken postmortem', () => {
  let build: CliResult;
  let served: ServedBuild;
  const positioned = new RegExp(
    `^postmortems/${broken.replaceAll('.', '\\.')}:6:1 +error +Unexpected \`started_at: around lunch\`: .*expected a date-time.* +frontmatter-time$`,
    'm',
  );

  beforeAll(async () => {
    await cp(join(teamFixtures, 'not-ok', broken), join(project, 'postmortems', broken));
    build = await buildSite();
    served = await serveBuild('dist');
  }, 300_000);

  afterAll(() => closeServed(served));

  it('is built all the same, printing the problem where it is', () => {
    expect(build.stdout + build.stderr).toMatch(positioned);
    expect(build.code).toBe(0);
  });

  it('lists it on /problems/, linked both ways with its incident page', { timeout: 120_000 }, async () => {
    const page = await served.context.newPage();
    await page.goto('/problems/');
    await expect(page.locator('[data-problems-count]').getAttribute('data-problems-count')).resolves.toBe('1');
    const problem = page.locator('.problems', { hasText: 'Queue failover never happens' });
    await expect(problem.locator('code').allTextContents()).resolves.toEqual([expect.stringMatching(/:6:1 .*frontmatter-time$/)]);
    await problem.locator('h2 a').click();
    await page.waitForURL(/\/incidents\/[^/]+\/$/);
    await expect(page.locator('h1').textContent()).resolves.toContain('Queue failover never happens');
    await expect(page.locator('[data-incident-problems]').textContent()).resolves.toContain('1 error');
    await page.locator('[data-incident-problems] a').click();
    await page.waitForURL(/\/problems\/#/);
    await page.close();
  });

  it('fails with --strict: exit code 1 and the positioned message', { timeout: 300_000 }, async () => {
    const strict = await buildSite(['--strict']);
    expect(strict.stdout + strict.stderr).toMatch(positioned);
    expect(strict.stderr).toContain('postmortem site build: 1 problem in postmortems (listed above): the site was not built');
    expect(strict.code).toBe(1);
  });
});

describe('the project built with --base /kb/ and served under /kb/', () => {
  const outDir = 'dist-kb';
  let build: CliResult;
  let served: ServedBuild;

  beforeAll(async () => {
    // With `BASE_URL` set, as a CI job might have it: Astro reads `import.meta.env.BASE_URL` from it at render time, and the pages must not.
    build = await buildSite(['--base', '/kb/', '--out', outDir], { BASE_URL: '/' });
    served = await serveBuild(outDir, '/kb/');
  }, 300_000);

  afterAll(() => closeServed(served));

  it('links every page only to files of the build, all under /kb/', async () => {
    expect(build.code).toBe(0);
    const root = join(project, outDir);
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    const pages = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.html')).map((entry) => join(entry.parentPath, entry.name));
    expect(pages.length).toBeGreaterThan(10);
    const outside = new Set<string>();
    const missing = new Set<string>();
    for (const file of pages) {
      const html = await readFile(file, 'utf8');
      const pageUrl = new URL(`/kb/${relative(root, file)}`, 'http://site.test');
      for (const [, value] of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        const url = new URL(value!.replaceAll('&amp;', '&'), pageUrl);
        if (url.origin !== pageUrl.origin) continue;
        if (!url.pathname.startsWith('/kb/')) outside.add(`${relative(root, file)}: ${value}`);
        else {
          const target = decodeURIComponent(url.pathname.slice('/kb/'.length));
          if (!existsSync(join(root, target.endsWith('/') || target === '' ? `${target}index.html` : target))) missing.add(`${relative(root, file)}: ${value}`);
        }
      }
    }
    expect([...outside]).toEqual([]);
    expect([...missing]).toEqual([]);
  });

  it('clicks through search, an incident, a facet, the feed and /problems/ without a 404 or a link outside /kb/', { timeout: 180_000 }, async () => {
    const page = await served.context.newPage();
    const failed: string[] = [];
    const loaded: string[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.origin !== served.origin) return;
      loaded.push(url.pathname);
      if (response.status() >= 400) failed.push(`${response.status()} ${url.pathname}`);
    });
    const visited: string[] = [];
    const linksOfPage = async () => {
      visited.push(new URL(page.url()).pathname);
      return sameOriginPaths(page);
    };
    const links: string[] = [];

    await page.goto('/kb/');
    expect(await page.title()).toContain('Acme incidents');
    links.push(...(await linksOfPage()));

    // Search: the index is fetched under /kb/ and the results link there.
    await search(page, 'CoreDNS');
    expect(loaded).toContain('/kb/search/manifest.json');
    await page.locator('[data-search-results] a', { hasText: 'CoreDNS upgrade drops cluster lookups' }).click();
    await page.waitForURL(/\/kb\/incidents\/[^/]+\/$/);
    await expect(page.locator('h1').textContent()).resolves.toContain('CoreDNS upgrade drops cluster lookups');
    links.push(...(await linksOfPage()));

    // A facet: the incident's root cause, which lists it and the other DNS incident.
    await page.locator('main a[href="/kb/root-causes/dns/"]').first().click();
    await page.waitForURL(/\/kb\/root-causes\/dns\/$/);
    const listed = await page.locator('main a[href^="/kb/incidents/"]').allTextContents();
    expect(listed.join('\n')).toContain('CoreDNS upgrade drops cluster lookups');
    expect(listed.join('\n')).toContain('DNS resolver overload');
    links.push(...(await linksOfPage()));

    // /problems/ from the footer, and on to the broken incident.
    await page.locator('footer a', { hasText: 'Problems' }).click();
    await page.waitForURL(/\/kb\/problems\/$/);
    await page.locator('.problems h2 a', { hasText: 'Queue failover never happens' }).click();
    await page.waitForURL(/\/kb\/incidents\/[^/]+\/$/);
    links.push(...(await linksOfPage()));

    // The feed from the footer: every item links to an incident page under /kb/.
    const feedHref = await page.locator('footer a', { hasText: 'RSS feed' }).getAttribute('href');
    expect(feedHref).toBe('/kb/rss.xml');
    const feed = await served.context.request.get(feedHref!);
    expect(feed.status()).toBe(200);
    const items = [...(await feed.text()).matchAll(/<item>[\s\S]*?<link>([^<]*)<\/link>/g)].map((match) => new URL(match[1]!).pathname);
    expect(items).toHaveLength(4);
    for (const item of items) {
      expect(item).toMatch(/^\/kb\/incidents\/[^/]+\/$/);
      expect((await served.context.request.get(item)).status()).toBe(200);
    }

    expect(visited).toHaveLength(4);
    expect(links.filter((path) => !path.startsWith('/kb/'))).toEqual([]);
    expect(failed).toEqual([]);
    await page.close();
  });
});
