import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSiteCorpus, logSiteCorpus, problemsError, type RecentPostmortems } from '../../packages/astro/src/integration/site-corpus.js';
import type { ResolvedSiteConfig } from '../../packages/astro/src/integration/options.js';
import { resolveSiteOptions } from '../../packages/astro/src/integration/site-options.js';
import { repo } from './_build.js';

const postmortem = (title: string, extra = '') =>
  `---\ntitle: "${title}"\ndate: 2024-01-02\ncategories: [config-change]\n${extra}---\n\n## Summary\n\nSomething <b>broke</b>.\n`;

let root: string;
let dir: string;
let cache: string;

/** The site options as the integration resolves them for a project at `root` (its configuration file included). */
async function siteConfig(options: Record<string, unknown> = {}): Promise<ResolvedSiteConfig> {
  const { base: _base, site: _site, configFile: _configFile, ...config } = await resolveSiteOptions({ dir: 'postmortems', ...options }, root);
  return config;
}

/** A load whose cache writes are done, so that no write is left running when the test's folder is removed. */
async function loaded(...args: Parameters<typeof loadSiteCorpus>): ReturnType<typeof loadSiteCorpus> {
  const corpus = await loadSiteCorpus(...args);
  await corpus.cached;
  return corpus;
}

function logged(corpus: Awaited<ReturnType<typeof loadSiteCorpus>>): string[] {
  const lines: string[] = [];
  logSiteCorpus(corpus, { info: (message) => lines.push(message), warn: (message) => lines.push(message) });
  return lines;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'pm-site-corpus-'));
  dir = join(root, 'postmortems');
  cache = join(root, 'cache');
  await mkdir(dir);
  await writeFile(
    join(dir, 'taxonomy.yaml'),
    'categories:\n  - id: config-change\n    label: Configuration change\n    description: A change.\n    synonyms: []\n',
  );
  await writeFile(join(dir, '2024-01-02-alpha.md'), postmortem('Alpha'));
  await writeFile(join(dir, '2024-01-03-beta.md'), postmortem('Beta'));
  await writeFile(join(dir, '_template.md'), postmortem('Template'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadSiteCorpus (the postmortems the site publishes)', () => {
  it('reads every postmortem in the library order and counts what it parsed', async () => {
    const corpus = await loaded(await siteConfig(), cache);
    expect(corpus.postmortems.map((postmortem) => postmortem.slug)).toEqual(['2024-01-02-alpha', '2024-01-03-beta']);
    expect(corpus.postmortems[0]!.html).not.toContain('<b>');
    expect([corpus.parsed, corpus.reused]).toEqual([2, 0]);
    expect(logged(corpus).at(-1)).toBe('2 postmortems (2 parsed, 0 unchanged)');
  });

  it('serves unchanged files from the cache directory on the next load, parses a changed one, and drops the entries of removed files', async () => {
    const first = await loaded(await siteConfig(), cache);
    await first.cached;
    expect(await readdir(cache)).toHaveLength(2);

    const second = await loaded(await siteConfig(), cache);
    expect([second.parsed, second.reused]).toEqual([0, 2]);
    expect(second.postmortems).toEqual(first.postmortems);
    await second.cached;

    await writeFile(join(dir, '2024-01-03-beta.md'), postmortem('Beta, revised'));
    await rm(join(dir, '2024-01-02-alpha.md'));
    const third = await loaded(await siteConfig(), cache);
    expect([third.parsed, third.reused]).toEqual([1, 0]);
    expect(third.postmortems.map((postmortem) => postmortem.title)).toEqual(['Beta, revised']);
    await third.cached;
    expect(await readdir(cache)).toHaveLength(1);
  });

  it('parses every file again when the rule settings change (they change the diagnostics kept)', async () => {
    await loaded(await siteConfig(), cache);
    const again = await loaded(await siteConfig({ rules: { 'empty-lessons': 'off' } }), cache);
    expect([again.parsed, again.reused]).toEqual([2, 0]);
  });

  it('serves unchanged files from memory after a change in `astro dev`', async () => {
    const recent: RecentPostmortems = new Map();
    await loaded(await siteConfig(), join(root, 'no-cache-here'), recent);
    await writeFile(join(dir, '2024-01-03-beta.md'), postmortem('Beta, revised'));
    const reloaded = await loaded(await siteConfig(), join(root, 'no-cache-here'), recent);
    expect([reloaded.parsed, reloaded.reused]).toEqual([1, 1]);
    expect(recent.size).toBe(2);
  });

  it('reads a cache entry it cannot deserialise as missing: the file is parsed again', async () => {
    await loaded(await siteConfig(), cache);
    for (const name of await readdir(cache)) await writeFile(join(cache, name), 'not a serialised postmortem');
    const again = await loaded(await siteConfig(), cache);
    expect([again.parsed, again.reused]).toEqual([2, 0]);
    expect(again.postmortems.map((postmortem) => postmortem.title)).toEqual(['Alpha', 'Beta']);
  });

  it('without strict keeps every postmortem with its errors, reports them as lint prints them, and keeps the verbatim text of an unreadable file', async () => {
    const source = '---\ntitle: [unclosed <script>alert(1)</script>\n---\n\n## Summary\n\nx\n';
    await writeFile(join(dir, '2024-01-05-yaml.md'), source);
    await writeFile(join(dir, '2024-01-04-final.md'), postmortem('Final', 'status: final\n'));
    const corpus = await loaded(await siteConfig({ strict: false }), cache);
    expect(corpus.postmortems.map((postmortem) => postmortem.slug).sort()).toEqual([
      '2024-01-02-alpha',
      '2024-01-03-beta',
      '2024-01-04-final',
      '2024-01-05-yaml',
    ]);
    expect(corpus.failing).toEqual([]);
    expect([...corpus.verbatim]).toEqual([['2024-01-05-yaml', source]]);
    const yaml = relative(process.cwd(), join(dir, '2024-01-05-yaml.md'));
    const report = logged(corpus)
      .find((line) => line.includes('problems in postmortems'))!
      .split('\n');
    expect(report.some((line) => line.startsWith(`${yaml}:`) && /^[^:]+:\d+:\d+ {2}error {2}\S.* {2}frontmatter-yaml$/.test(line))).toBe(true);
    expect(report.some((line) => /2024-01-04-final\.md:\d+:\d+ {2}error {2}Unexpected final postmortem without .* {2}required-section$/.test(line))).toBe(true);
  });

  it('with strict lists every error as the build stops with it, each positioned', async () => {
    await writeFile(join(dir, '2024-01-04-final.md'), postmortem('Final', 'status: final\n'));
    const corpus = await loaded(await siteConfig({ strict: true }), cache);
    const final = relative(process.cwd(), join(dir, '2024-01-04-final.md'));
    expect(problemsError(corpus.failing).message).toMatch(
      new RegExp(`^4 problems in postmortems:\\n${final.replace(/[.\\/]/g, '\\$&')}:5:1 Unexpected final postmortem without an Impact section`),
    );
  });

  it('without strict still fails on errors in taxonomy.yaml (configuration, not content)', async () => {
    await writeFile(join(dir, 'taxonomy.yaml'), 'categories: [\n');
    const corpus = await loaded(await siteConfig({ strict: false }), cache);
    expect(corpus.failing.length).toBeGreaterThan(0);
    expect(problemsError(corpus.failing).message).toMatch(/taxonomy\.yaml:\d+:\d+ /);
  });

  it('leaves out the files the `ignore` globs match', async () => {
    await mkdir(join(dir, 'drafts'));
    await writeFile(join(dir, 'drafts', '2024-01-06-draft.md'), postmortem('Draft'));
    const corpus = await loaded(await siteConfig({ ignore: ['drafts/**'] }), cache);
    expect(corpus.postmortems.map((postmortem) => postmortem.slug)).toEqual(['2024-01-02-alpha', '2024-01-03-beta']);
  });

  it('refuses a setting of a rule that cannot be configured, naming it', async () => {
    await expect(loadSiteCorpus({ ...(await siteConfig()), rules: { 'frontmatter-yaml': 'off' } }, cache)).rejects.toThrow(
      /^@postmortem-kb\/astro: invalid `rules`: rule "frontmatter-yaml" cannot be configured/,
    );
  });
});

describe("loadSiteCorpus with the configuration's plugins (team rules in the site)", () => {
  const teamRule = `import { defineRule } from '@postmortem-kb/parser';
export default defineRule({
  meta: { id: 'team/no-tbd', severity: 'error', scope: 'file', description: 'No TBD left in the title.' },
  check(postmortem, context) {
    if (postmortem.title.includes('TBD')) context.report({ message: 'Unexpected TBD in the title, expected the incident name', line: 2, column: 1 });
  },
});
`;

  /** The site options from the project's configuration (`plugins`, `rules`, `site`), a team rule beside it, the parser installed. */
  async function teamConfig(config: Record<string, unknown>): Promise<ResolvedSiteConfig> {
    await mkdir(join(root, 'node_modules/@postmortem-kb'), { recursive: true });
    await symlink(join(repo, 'packages/parser'), join(root, 'node_modules/@postmortem-kb/parser'), 'dir');
    await mkdir(join(root, 'rules'));
    await writeFile(join(root, 'rules/no-tbd.js'), teamRule);
    await writeFile(join(root, '.postmortemrc.json'), JSON.stringify({ plugins: ['rules/no-tbd.js'], ...config }));
    await writeFile(join(dir, '2024-01-04-gamma.md'), postmortem('Gamma TBD'));
    const options = await siteConfig();
    expect(options.plugins).toEqual([join(root, 'rules/no-tbd.js')]);
    return options;
  }

  const gamma = () => relative(process.cwd(), join(dir, '2024-01-04-gamma.md'));
  const teamDiagnostics = (corpus: Awaited<ReturnType<typeof loadSiteCorpus>>, slug: string) =>
    corpus.postmortems.find((postmortem) => postmortem.slug === slug)!.diagnostics.filter((diagnostic) => diagnostic.ruleId.startsWith('team/'));

  it("keeps a team rule's diagnostics with the postmortem (as /problems/ lists them) and logs them as lint prints them", async () => {
    const corpus = await loaded(await teamConfig({}), cache);
    expect(teamDiagnostics(corpus, '2024-01-04-gamma')).toEqual([
      { ruleId: 'team/no-tbd', severity: 'error', message: 'Unexpected TBD in the title, expected the incident name', path: gamma(), line: 2, column: 1 },
    ]);
    expect(teamDiagnostics(corpus, '2024-01-02-alpha')).toEqual([]);
    expect(logged(corpus)).toContain(`1 problem in postmortems:\n${gamma()}:2:1  error  Unexpected TBD in the title, expected the incident name  team/no-tbd`);
  });

  it("fails a strict build on a team rule's error, naming the file and the message", async () => {
    const corpus = await loaded(await teamConfig({ site: { strict: true } }), cache);
    expect(problemsError(corpus.failing).message).toBe(`1 problem in postmortems:\n${gamma()}:2:1 Unexpected TBD in the title, expected the incident name`);
  });

  it('applies the rule settings to team rules: a team error set to warning no longer fails a strict build', async () => {
    const corpus = await loaded(await teamConfig({ rules: { 'team/no-tbd': 'warning' }, site: { strict: true } }), cache);
    expect(teamDiagnostics(corpus, '2024-01-04-gamma').map((diagnostic) => diagnostic.severity)).toEqual(['warning']);
    expect(corpus.failing).toEqual([]);
  });

  it("keeps a team rule's diagnostics of a file served from the cache", async () => {
    const config = await teamConfig({});
    await loaded(config, cache);
    const again = await loaded(config, cache);
    expect(again.reused).toBe(3);
    expect(teamDiagnostics(again, '2024-01-04-gamma').map((diagnostic) => diagnostic.ruleId)).toEqual(['team/no-tbd']);
  });

  it('refuses a setting for a team rule no plugin defines', async () => {
    const config = await teamConfig({});
    await expect(loadSiteCorpus({ ...config, rules: { 'team/nothing': 'off' } }, cache)).rejects.toThrow(
      /^@postmortem-kb\/astro: .*unknown rule "team\/nothing"/,
    );
  });
});
