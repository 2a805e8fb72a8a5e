/**
 * Issue 18, items 1 and 13: values from postmortems reach route parameters and file names of
 * the built site. A site build over a corpus with hostile values in every route parameter
 * (category, service, organization, severity, tag, file name) must write nothing outside its
 * output folder, replace no page, and still give every incident a page that lists link to.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUrlSlug, toUrlSlug } from '@postmortem-kb/parser';
import { outputPathProblems } from '../../packages/astro/src/integration/output-guard.js';
import { safeRoutes } from '../../packages/astro/src/lib/safe-routes.js';
import { buildSite, repo } from './_build.js';

// The feed's own XML library (a dependency of @astrojs/rss) checks well-formedness.
const requireFromRss = createRequire(createRequire(import.meta.url).resolve('@astrojs/rss', { paths: [join(repo, 'packages/astro')] }));
const { XMLValidator } = requireFromRss('fast-xml-parser') as { XMLValidator: { validate(xml: string): true | object } };
const validateXml = (xml: string) => XMLValidator.validate(xml);

const marker = `pm-kb-escape-${process.pid}-${Date.now()}`;
/** Hostile values for every route parameter: traversal, encoded traversal, URL syntax, spaces. */
const hostileValues = [
  `${'../'.repeat(12)}tmp/${marker}`,
  `../../../${marker}`,
  '..',
  '.',
  '../incidents/2024-01-01-victim',
  '../..',
  '%2e%2e',
  '%2e%2e/%2e%2e/index',
  '?',
  '#',
  'a b',
  '/',
  '\\..\\..',
];
/** File names (without `.md`) that are no URL path segment as they stand. */
const hostileNames = ['%2e%2e', 'a?b', 'c#d', 'with space', 'Upper Case', '%3f'];

let work: string;
let corpus: string;
let outDir: string;
let cacheDir: string;
let before: string[];

async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** Files of the work directory other than the build's output and content cache. */
async function filesOutsideOutput(): Promise<string[]> {
  return (await filesBelow(work)).filter((file) => !file.startsWith(`out${'/'}`) && !file.startsWith(`cache${'/'}`));
}

const yamlList = (values: readonly string[]) => `[${values.map((value) => JSON.stringify(value)).join(', ')}]`;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pm-hostile-'));
  corpus = join(work, 'postmortems');
  // Three levels below `work`, so `../../../x` from a page folder still lands inside `work`.
  outDir = join(work, 'out', 'site', 'dist');
  cacheDir = join(work, 'cache');
  await mkdir(corpus);
  await writeFile(join(corpus, 'taxonomy.yaml'), 'categories:\n  - id: dns\n    label: DNS\n    description: Name resolution failed.\n    synonyms: []\n');
  await writeFile(
    join(corpus, '2024-01-01-victim.md'),
    '---\ntitle: Victim incident\ncategories: [dns]\nservices: [api]\n---\n\n## Summary\n\nThe page other values aim at.\n',
  );
  // One file with every hostile value in every list, and one file per value for the single-valued fields.
  await writeFile(
    join(corpus, '2024-02-01-every-list.md'),
    `---\ntitle: Every list hostile\ncategories: ${yamlList(['dns', ...hostileValues])}\nservices: ${yamlList(hostileValues)}\ntags: ${yamlList(hostileValues)}\n---\n\n## Summary\n\nHostile lists.\n`,
  );
  for (const [index, value] of hostileValues.entries()) {
    const day = String(index + 2).padStart(2, '0');
    await writeFile(
      join(corpus, `2024-03-${day}-single-${index}.md`),
      `---\ntitle: Single hostile ${index}\norganization: ${JSON.stringify(value)}\nseverity: ${JSON.stringify(value)}\ncategories: [${JSON.stringify(value)}]\n---\n\n## Summary\n\nHostile organization and severity.\n`,
    );
  }
  for (const [index, name] of hostileNames.entries()) {
    await writeFile(
      join(corpus, `${name}.md`),
      `---\ntitle: Named hostile ${index}\ndate: 2024-04-0${index + 1}\n---\n\n## Summary\n\nA file name that is no URL.\n`,
    );
  }
  // Item 7: characters XML 1.0 forbids in a title, a category and the text (YAML escapes \f, \e, \uFFFE).
  await writeFile(
    join(corpus, '2024-05-01-control-characters.md'),
    '---\ntitle: "Form\\ffeed \\e[2J ESC \\uFFFE end"\ncategories: ["dns", "bad\\x0Bcat"]\n---\n\n## Summary\n\nText with \u0007 bell, \u001b]52;c;b3duZWQ=\u0007 and \uFFFF inside.\n',
  );
  before = await filesOutsideOutput();
  await buildSite(corpus, outDir, cacheDir);
}, 240_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a site build over hostile route values', () => {
  it('writes nothing outside its output folder', async () => {
    expect(existsSync(join(tmpdir(), marker))).toBe(false);
    expect(existsSync(join('/tmp', marker))).toBe(false);
    expect(await filesOutsideOutput()).toEqual(before);
    // And everything it wrote lies in folders named by URL slugs (or Astro's own `_astro/`).
    for (const file of await filesBelow(outDir)) {
      const folders = file.split('/').slice(0, -1);
      expect(
        folders.filter((folder) => folder !== '_astro' && !isUrlSlug(folder)),
        file,
      ).toEqual([]);
    }
  });

  it('replaces no page: the home page and the victim incident are themselves', async () => {
    const home = await readFile(join(outDir, 'index.html'), 'utf8');
    expect(home).toMatch(/<h2 id="recent-heading">Recent incidents<\/h2>/);
    const victim = await readFile(join(outDir, 'incidents/2024-01-01-victim/index.html'), 'utf8');
    expect(victim).toMatch(/<h1>Victim incident<\/h1>/);
    // `/incidents/` is the list of all incidents (issue 14), never an incident page written over it.
    const list = await readFile(join(outDir, 'incidents/index.html'), 'utf8');
    expect(list).toMatch(/<h1>All incidents<\/h1>/);
    expect(list).not.toMatch(/<h1>(?:Named|Single) hostile/);
    const dns = await readFile(join(outDir, 'root-causes/dns/index.html'), 'utf8');
    expect(dns).toMatch(/<h1>DNS<\/h1>/);
  });

  it('gives root-cause pages to taxonomy categories only', async () => {
    expect((await readdir(join(outDir, 'root-causes'))).sort()).toEqual(['dns', 'index.html']);
  });

  it('gives every hostile value a slug page of its own', async () => {
    for (const [base, values] of [
      ['services', hostileValues],
      ['organizations', hostileValues],
      ['severities', hostileValues],
    ] as const) {
      const folders = (await readdir(join(outDir, base), { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
      expect(
        folders.every((folder) => isUrlSlug(folder)),
        base,
      ).toBe(true);
      // Distinct values keep distinct pages (`..` and `.` both slug to a hash, never to each other).
      expect(folders.length, base).toBeGreaterThanOrEqual(new Set(values.map((value) => value.trim()).filter(Boolean)).size);
    }
  });

  it('gives files named with ?, #, %2e%2e and spaces a page that lists, the feed and search link to', async () => {
    const home = await readFile(join(outDir, 'index.html'), 'utf8');
    const searchIndex = await readFile(join(outDir, 'search-index.json'), 'utf8');
    for (const [index, name] of hostileNames.entries()) {
      const slug = toUrlSlug(name);
      const page = await readFile(join(outDir, 'incidents', slug, 'index.html'), 'utf8');
      expect(page, name).toContain(`<h1>Named hostile ${index}</h1>`);
      expect(home, name).toContain(`href="/incidents/${slug}/"`);
      expect(searchIndex, name).toContain(JSON.stringify(slug));
      expect(existsSync(join(outDir, 'api/postmortems', `${slug}.json`)), name).toBe(true);
    }
  });

  it('links only to pages that exist', async () => {
    const files = new Set(await filesBelow(outDir));
    const broken: string[] = [];
    for (const file of files) {
      if (!file.endsWith('.html')) continue;
      const html = await readFile(join(outDir, file), 'utf8');
      for (const [, href] of html.matchAll(/href="(\/[^"]*)"/g)) {
        const path = decodeURIComponent(href!.replace(/[?#].*$/, '')).replace(/^\//, '');
        const target = path === '' || path.endsWith('/') ? `${path}index.html` : path;
        if (!files.has(target)) broken.push(`${file} → ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('markup the build writes', () => {
  const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;

  it('holds no character XML 1.0 forbids, and the feed is well-formed XML', async () => {
    const feed = await readFile(join(outDir, 'rss.xml'), 'utf8');
    expect(feed).toContain('<title>Formfeed [2J ESC  end</title>');
    expect(validateXml(feed)).toBe(true);
    for (const file of await filesBelow(outDir)) {
      if (!/\.(?:html|xml)$/.test(file)) continue;
      expect(forbidden.test(await readFile(join(outDir, file), 'utf8')), file).toBe(false);
    }
  });

  it('allows images from the site only and sends no referrer', async () => {
    const page = await readFile(join(outDir, 'incidents/2024-01-01-victim/index.html'), 'utf8');
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*img-src 'self';/);
    expect(page).toContain('<meta name="referrer" content="no-referrer">');
  });
});

describe('the route and output guards', () => {
  it('fail a route whose parameter is not a URL slug, before a page is written', () => {
    const paths = hostileValues.map((value) => ({ params: { name: value, page: undefined }, props: {} }));
    for (const path of paths)
      expect(() => safeRoutes('/services/[name]/[...page]', [path]), path.params.name).toThrow(
        /Unexpected route parameter name=.* for \/services\/\[name\]\/\[\.\.\.page\], expected a URL slug/,
      );
    const fine = [{ params: { name: 'payments-api', page: '2' } }, { params: { name: 'x-0badf00d', page: undefined } }];
    expect(safeRoutes('/services/[name]/[...page]', fine)).toBe(fine);
  });

  it('reports files written outside the output folder and pages written twice', () => {
    const out = join(tmpdir(), 'site', 'dist');
    const url = (path: string) => pathToFileURL(join(out, path));
    const assets = new Map([
      ['/incidents/[slug]', [url('incidents/a/index.html'), url('../../escaped/index.html'), url('index.html')]],
      ['/', [url('index.html')]],
      ['/root-causes/[id]', [pathToFileURL('/etc/x/index.html')]],
    ]);
    expect(outputPathProblems(out, assets)).toEqual([
      `${join(tmpdir(), 'escaped/index.html')} (route /incidents/[slug]) is outside the output directory ${out}`,
      `${join(out, 'index.html')} was written by route /incidents/[slug] and again by route /: one page replaced another`,
      `/etc/x/index.html (route /root-causes/[id]) is outside the output directory ${out}`,
    ]);
    expect(
      outputPathProblems(
        out,
        new Map([
          ['/', [url('index.html')]],
          ['/a', [url('a/index.html')]],
        ]),
      ),
    ).toEqual([]);
  });
});
