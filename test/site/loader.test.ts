import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink, truncate, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postmortemSchema, type Postmortem } from '@postmortem-kb/parser';
import { postmortemLoader } from '@postmortem-kb/parser/loader';
import { resolveSiteOptions } from '../../packages/astro/src/integration/site-options.js';
import { repo } from './_build.js';

interface Entry {
  id: string;
  data: Record<string, unknown>;
  filePath?: string;
  body?: string;
  digest?: string | number;
  rendered?: { html: string };
}

/** Just enough of Astro's loader context: a Map-backed store and a counting parseData. */
function fakeContext(root: string) {
  const entries = new Map<string, Entry>();
  const parsed: string[] = [];
  const logs: string[] = [];
  const store = {
    get: (id: string) => entries.get(id),
    set: (entry: Entry) => (entries.set(entry.id, entry), true),
    has: (id: string) => entries.has(id),
    delete: (id: string) => void entries.delete(id),
    keys: () => [...entries.keys()],
    values: () => [...entries.values()],
    entries: () => [...entries.entries()],
    clear: () => entries.clear(),
    addModuleImport: () => {},
  };
  const context = {
    collection: 'postmortems',
    store,
    meta: new Map<string, string>(),
    logger: {
      info: (message: string) => logs.push(message),
      warn: (message: string) => logs.push(message),
      error: (message: string) => logs.push(message),
      debug: () => {},
    },
    config: { root: pathToFileURL(`${root}/`) },
    parseData: async ({ id, data }: { id: string; data: Record<string, unknown> }) => {
      parsed.push(id);
      return postmortemSchema.parse(data) as unknown as Record<string, unknown>;
    },
    renderMarkdown: async () => ({ html: '' }),
    generateDigest: (data: string) => createHash('sha1').update(data).digest('hex'),
  };
  return { context: context as never, entries, parsed, logs };
}

const postmortem = (title: string, extra = '') =>
  `---\ntitle: "${title}"\ndate: 2024-01-02\ncategories: [config-change]\n${extra}---\n\n## Summary\n\nSomething <b>broke</b>.\n`;

let root: string;
let dir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'pm-loader-'));
  dir = join(root, 'postmortems');
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

describe('postmortemLoader', () => {
  it('stores every postmortem as data with its sanitized html as rendered', async () => {
    const { context, entries } = fakeContext(root);
    await postmortemLoader({ directory: 'postmortems' }).load(context);
    expect([...entries.keys()].sort()).toEqual(['2024-01-02-alpha', '2024-01-03-beta']);
    const alpha = entries.get('2024-01-02-alpha')!;
    const data = alpha.data as unknown as Postmortem;
    expect(data.title).toBe('Alpha');
    expect(data.categories).toEqual(['config-change']);
    expect(alpha.rendered).toEqual({ html: data.html });
    expect(alpha.rendered!.html).not.toContain('<b>');
    expect(alpha.filePath).toBe('postmortems/2024-01-02-alpha.md');
  });

  it('skips unchanged files on a second run and re-parses only the changed one', async () => {
    const { context, entries, parsed } = fakeContext(root);
    const loader = postmortemLoader({ directory: dir });
    await loader.load(context);
    expect(parsed.sort()).toEqual(['2024-01-02-alpha', '2024-01-03-beta']);
    const before = entries.get('2024-01-02-alpha');

    parsed.length = 0;
    await loader.load(context);
    expect(parsed).toEqual([]);
    expect(entries.get('2024-01-02-alpha')).toBe(before);

    await writeFile(join(dir, '2024-01-03-beta.md'), postmortem('Beta, revised'));
    await loader.load(context);
    expect(parsed).toEqual(['2024-01-03-beta']);
    expect((entries.get('2024-01-03-beta')!.data as unknown as Postmortem).title).toBe('Beta, revised');
  });

  // Issue 18, item 10: a parser upgrade (a fixed sanitiser) must reach pages built before it.
  it('re-parses a file whose stored digest came from a digest without the parser version', async () => {
    const { context, entries, parsed } = fakeContext(root);
    const loader = postmortemLoader({ directory: dir });
    await loader.load(context);
    // What an entry stored by a parser that left its version out of the digest carries.
    const taxonomy = await readFile(join(dir, 'taxonomy.yaml'), 'utf8');
    for (const [slug, entry] of entries) {
      const file = join(dir, `${slug}.md`);
      const bytes = await readFile(file);
      entry.digest = createHash('sha1')
        .update(`${relative(process.cwd(), file)}\u0000${taxonomy}\u0000[]\u0000${bytes.toString('latin1')}`)
        .digest('hex');
    }
    parsed.length = 0;
    await loader.load(context);
    expect(parsed.sort()).toEqual(['2024-01-02-alpha', '2024-01-03-beta']);
  });

  // Issue 18, item 8: the size is checked before a file is read.
  it('fails on a huge sparse file with a too-large error naming it, without reading it', async () => {
    const { context } = fakeContext(root);
    const huge = join(dir, '2024-01-04-huge.md');
    await writeFile(huge, '');
    await truncate(huge, 600_000_000);
    await expect(postmortemLoader({ directory: dir }).load(context)).rejects.toThrow(
      new RegExp(`${relative(process.cwd(), huge).replace(/[.]/g, '\\.')}:1:1 Unexpected file of 600000000 bytes, expected at most 1000000 bytes`),
    );
  });

  // Issue 18, item 8: each file is read once; the bytes digested are the bytes parsed.
  it('parses the contents it digested, even when the file changes right after it was read', async () => {
    const { context, entries } = fakeContext(root);
    const alpha = join(dir, '2024-01-02-alpha.md');
    const original = postmortem('Alpha');
    const digests = new Map<string, string>();
    const digest = (context as { generateDigest: (data: string) => string }).generateDigest;
    // The digest is taken from what the loader read; the file is rewritten at that moment, as a
    // save in an editor or a `git checkout` during a build would. A second read would see it.
    (context as { generateDigest: (data: string) => string }).generateDigest = (data: string) => {
      if (data.endsWith(original)) {
        writeFileSync(alpha, postmortem('Changed after the read'));
        digests.set('alpha', digest(data));
      }
      return digest(data);
    };
    await postmortemLoader({ directory: dir }).load(context);
    const stored = entries.get('2024-01-02-alpha')!;
    expect((stored.data as unknown as Postmortem).title).toBe('Alpha');
    expect(stored.digest).toBe(digests.get('alpha'));
    // The next build sees the new contents, with their own digest.
    await postmortemLoader({ directory: dir }).load(context);
    expect((entries.get('2024-01-02-alpha')!.data as unknown as Postmortem).title).toBe('Changed after the read');
  });

  it('re-parses every file when the taxonomy changes', async () => {
    const { context, parsed } = fakeContext(root);
    const loader = postmortemLoader({ directory: dir });
    await loader.load(context);
    parsed.length = 0;
    await writeFile(join(dir, 'taxonomy.yaml'), 'categories:\n  - id: config-change\n    label: Config\n    description: Changed.\n    synonyms: []\n');
    await loader.load(context);
    expect(parsed.sort()).toEqual(['2024-01-02-alpha', '2024-01-03-beta']);
  });

  it('deletes entries whose files are gone', async () => {
    const { context, entries } = fakeContext(root);
    const loader = postmortemLoader({ directory: dir });
    await loader.load(context);
    await rm(join(dir, '2024-01-03-beta.md'));
    await loader.load(context);
    expect([...entries.keys()]).toEqual(['2024-01-02-alpha']);
  });

  it('recomputes corpus diagnostics of unchanged files when another file changes', async () => {
    const { context, entries } = fakeContext(root);
    const loader = postmortemLoader({ directory: dir });
    await writeFile(join(dir, '2024-01-02-alpha.md'), postmortem('Alpha', 'related: [2024-01-03-beta]\n'));
    await loader.load(context);
    const ruleIds = () => (entries.get('2024-01-02-alpha')!.data as unknown as Postmortem).diagnostics.map((diagnostic) => diagnostic.ruleId);
    expect(ruleIds()).not.toContain('unknown-related');
    await rm(join(dir, '2024-01-03-beta.md'));
    await loader.load(context);
    expect(ruleIds().filter((id) => id === 'unknown-related')).toEqual(['unknown-related']);
  });

  it('throws one error listing every problem as path:line:column message, and stores nothing', async () => {
    await writeFile(join(dir, '2024-01-04-broken.md'), '---\ntitle: "Broken"\ndate: 2024-13-45\nstarted_at: yesterday-ish\n---\n\n## Summary\n\nx\n');
    await writeFile(join(dir, '2024-01-05-yaml.md'), '---\ntitle: [unclosed\n---\n\n## Summary\n\nx\n');
    const { context, entries } = fakeContext(root);
    const error = await postmortemLoader({ directory: dir })
      .load(context)
      .then(
        () => null,
        (caught: unknown) => caught as Error,
      );
    expect(error).toBeInstanceOf(Error);
    const broken = relative(process.cwd(), join(dir, '2024-01-04-broken.md'));
    const yaml = relative(process.cwd(), join(dir, '2024-01-05-yaml.md'));
    const lines = error!.message.split('\n');
    expect(lines[0]).toMatch(/^\d+ problems in postmortems:$/);
    const problems = lines.slice(1);
    expect(problems.every((line) => /^[^:]+:\d+:\d+ \S/.test(line))).toBe(true);
    expect(problems).toContain(`${broken}:3:1 Unexpected \`date: 2024-13-45\`, expected a calendar date \`YYYY-MM-DD\` or a month \`YYYY-MM\``);
    expect(problems.some((line) => line.startsWith(`${broken}:4:1 Unexpected \`started_at: yesterday-ish\``))).toBe(true);
    expect(problems.some((line) => line.startsWith(`${yaml}:`))).toBe(true);
    expect(entries.size).toBe(0);
  });

  it('with strict: false stores every postmortem with its errors, logs each problem as lint prints it, and keeps the verbatim text of an unreadable file', async () => {
    const source = '---\ntitle: [unclosed <script>alert(1)</script>\n---\n\n## Summary\n\nx\n';
    await writeFile(join(dir, '2024-01-05-yaml.md'), source);
    await writeFile(join(dir, '2024-01-04-final.md'), postmortem('Final', 'status: final\n'));
    const { context, entries, logs } = fakeContext(root);
    await postmortemLoader({ directory: dir, strict: false }).load(context);
    expect([...entries.keys()].sort()).toEqual(['2024-01-02-alpha', '2024-01-03-beta', '2024-01-04-final', '2024-01-05-yaml']);
    const yaml = relative(process.cwd(), join(dir, '2024-01-05-yaml.md'));
    const report = logs.find((line) => line.includes('problems in postmortems'))!.split('\n');
    expect(report.some((line) => line.startsWith(`${yaml}:`) && /^[^:]+:\d+:\d+ {2}error {2}\S.* {2}frontmatter-yaml$/.test(line))).toBe(true);
    expect(report.some((line) => /2024-01-04-final\.md:\d+:\d+ {2}error {2}Unexpected final postmortem without .* {2}required-section$/.test(line))).toBe(true);
    expect(entries.get('2024-01-05-yaml')!.body).toBe(source);
    expect(entries.get('2024-01-04-final')!.body).toBeUndefined();
    expect((entries.get('2024-01-04-final')!.data as unknown as Postmortem).diagnostics.map((diagnostic) => diagnostic.ruleId)).toContain('required-section');
  });

  it('with strict: false still fails on errors in taxonomy.yaml (configuration, not content)', async () => {
    await writeFile(join(dir, 'taxonomy.yaml'), 'categories: [\n');
    const { context } = fakeContext(root);
    await expect(postmortemLoader({ directory: dir, strict: false }).load(context)).rejects.toThrow(/taxonomy\.yaml:\d+:\d+ /);
  });

  it('lists duplicate ids across files as errors', async () => {
    await writeFile(join(dir, '2024-01-06-gamma.md'), postmortem('Gamma', 'id: shared\n'));
    await writeFile(join(dir, '2024-01-07-delta.md'), postmortem('Delta', 'id: shared\n'));
    const { context } = fakeContext(root);
    await expect(postmortemLoader({ directory: dir }).load(context)).rejects.toThrow(/2024-01-06-gamma\.md:1:1 Unexpected duplicate id `shared`/);
  });

  it('applies rule settings: an error rule turned off no longer fails the build, a warning raised to error does', async () => {
    await writeFile(join(dir, '2024-01-04-final.md'), postmortem('Final', 'status: final\n'));
    const { context, entries } = fakeContext(root);
    await expect(postmortemLoader({ directory: dir }).load(context)).rejects.toThrow(/2024-01-04-final\.md:\d+:\d+ Unexpected final postmortem without/);
    await postmortemLoader({ directory: dir, rules: { 'required-section': 'off' } }).load(context);
    expect((entries.get('2024-01-04-final')!.data as unknown as Postmortem).diagnostics.map((diagnostic) => diagnostic.ruleId)).not.toContain(
      'required-section',
    );
    await writeFile(join(dir, '2024-01-04-final.md'), postmortem('Final', 'status: final\nrelated: [no-such-incident]\n'));
    await expect(postmortemLoader({ directory: dir, rules: { 'required-section': 'off', 'unknown-related': 'error' } }).load(context)).rejects.toThrow(
      /Unexpected `related: no-such-incident`/,
    );
  });

  it('lists two files with the same name in different directories as an error', async () => {
    await mkdir(join(dir, 'archive'));
    await writeFile(join(dir, 'archive', '2024-01-02-alpha.md'), postmortem('Alpha again', 'id: alpha-archived\n'));
    const { context } = fakeContext(root);
    await expect(postmortemLoader({ directory: dir }).load(context)).rejects.toThrow(/Unexpected duplicate file name `2024-01-02-alpha\.md`/);
  });

  it.each([
    [{ directory: 'x', rules: { 'no-such-rule': 'off' } }, /unknown rule id `no-such-rule`/],
    [{ directory: 'x', rules: { 'required-section': 'fatal' } }, /`options.rules.required-section`/],
    [{ directory: 'x', rules: { 'too-large': 'off' } }, /rule "too-large" cannot be configured/],
    [{ directory: 'x', rules: { 'parse-failure': 'warning' } }, /rule "parse-failure" cannot be configured/],
    [{}, /`options.directory`/],
    [{ directory: '' }, /`options.directory`/],
    [{ directory: 'x', taxonomy: 3 }, /`options.taxonomy`/],
    [{ directory: 'x', strict: 'yes' }, /`options.strict`/],
  ])('throws for bad options %j', (options, message) => {
    expect(() => postmortemLoader(options as never)).toThrow(message);
  });

  it('throws when the directory does not exist', async () => {
    const { context } = fakeContext(root);
    await expect(postmortemLoader({ directory: 'missing' }).load(context)).rejects.toThrow(/expected `directory` to be a directory/);
  });
});

describe('postmortemLoader on a collection whose facts live in frontmatter', () => {
  it('stores every file, titled without its UUID or hash name', async () => {
    const { context, entries } = fakeContext(process.cwd());
    await postmortemLoader({ directory: 'test/fixtures/shapes/frontmatter-collection' }).load(context);
    const titles = Object.fromEntries([...entries.values()].map((entry) => [entry.id, (entry.data as unknown as Postmortem).title]));
    expect(titles).toEqual({
      '2f5b': 'Fenwick Logistics incident, 2018-12-03',
      '3e8a1f04-6c2b-4d9e-b715-0a9c2f6e4d81': 'Ledger replicas fell hours behind after a vacuum job (Harbor Bank, 2021)',
      '7d40b2c19e5a83f6': 'A failed line card at a switching site caused text messages to be delivered to…',
      'c91f0e6a-2b7d-4f38-8a05-5e3d7c1b9f20': 'Pinecone Press incident, 2020-08-21',
    });
  });
});

describe('postmortemLoader with templates and ignore globs', () => {
  it('does not store templates (each logged as an info line saying why) nor files its `ignore` globs match', async () => {
    const { context, entries, logs } = fakeContext(process.cwd());
    await postmortemLoader({ directory: 'test/fixtures/shapes/templates/ok', ignore: ['drafts/**'] }).load(context);
    expect([...entries.keys()]).toEqual(['2022-10-22-webhooks-dropped']);
    expect(logs.filter((line) => line.includes('postmortem-template')).map((line) => line.replace(/\s.*$/, ''))).toEqual([
      'test/fixtures/shapes/templates/ok/2022-10/issue-name.md:1:1',
      'test/fixtures/shapes/templates/ok/Incident-Template.md:1:1',
      'test/fixtures/shapes/templates/ok/postmortem-skeleton.md:1:1',
      'test/fixtures/shapes/templates/ok/runbook-form.md:1:1',
    ]);
  });

  it('stores the draft when no glob names it, and drops a stored entry once a glob does', async () => {
    const { context, entries } = fakeContext(process.cwd());
    await postmortemLoader({ directory: 'test/fixtures/shapes/templates/ok' }).load(context);
    expect([...entries.keys()].sort()).toEqual(['2022-10-22-webhooks-dropped', '2022-11-02-cache-stampede']);
    await postmortemLoader({ directory: 'test/fixtures/shapes/templates/ok', ignore: ['*-stampede.md'] }).load(context);
    expect([...entries.keys()]).toEqual(['2022-10-22-webhooks-dropped']);
  });

  it.each([[['!drafts']], ['drafts'], [['']]])('throws for a bad `ignore` %j', (ignore) => {
    expect(() => postmortemLoader({ directory: 'x', ignore: ignore as never })).toThrow(/`options.ignore`/);
  });
});

describe("postmortemLoader with the configuration's plugins (team rules in a collection)", () => {
  const teamRule = `import { defineRule } from '@postmortem-kb/parser';
export default defineRule({
  meta: { id: 'team/no-tbd', severity: 'error', scope: 'file', description: 'No TBD left in the title.' },
  check(postmortem, context) {
    if (postmortem.title.includes('TBD')) context.report({ message: 'Unexpected TBD in the title, expected the incident name', line: 2, column: 1 });
  },
});
`;

  /** The loader with options resolved from the project's configuration (`plugins`, `rules`, `site`), a team rule beside it, the parser installed. */
  async function siteLoader(config: Record<string, unknown>) {
    await mkdir(join(root, 'node_modules/@postmortem-kb'), { recursive: true });
    await symlink(join(repo, 'packages/parser'), join(root, 'node_modules/@postmortem-kb/parser'), 'dir');
    await mkdir(join(root, 'rules'));
    await writeFile(join(root, 'rules/no-tbd.js'), teamRule);
    await writeFile(join(root, '.postmortemrc.json'), JSON.stringify({ plugins: ['rules/no-tbd.js'], ...config }));
    await writeFile(join(dir, '2024-01-04-gamma.md'), postmortem('Gamma TBD'));
    const options = await resolveSiteOptions(undefined, root);
    expect(options.plugins).toEqual([join(root, 'rules/no-tbd.js')]);
    return postmortemLoader({ directory: options.dir, rules: options.rules, plugins: options.plugins, strict: options.strict });
  }

  const gamma = () => relative(process.cwd(), join(dir, '2024-01-04-gamma.md'));

  it("stores a team rule's diagnostics with the postmortem (as /problems/ lists them) and logs them as lint prints them", async () => {
    const loader = await siteLoader({});
    const { context, entries, logs } = fakeContext(root);
    await loader.load(context);
    const diagnostics = (id: string) =>
      (entries.get(id)!.data as unknown as Postmortem).diagnostics.filter((diagnostic) => diagnostic.ruleId.startsWith('team/'));
    expect(diagnostics('2024-01-04-gamma')).toEqual([
      { ruleId: 'team/no-tbd', severity: 'error', message: 'Unexpected TBD in the title, expected the incident name', path: gamma(), line: 2, column: 1 },
    ]);
    expect(diagnostics('2024-01-02-alpha')).toEqual([]);
    expect(logs).toContain(`1 problem in postmortems:\n${gamma()}:2:1  error  Unexpected TBD in the title, expected the incident name  team/no-tbd`);
  });

  it("fails a strict build on a team rule's error, naming the file and the message", async () => {
    const loader = await siteLoader({ site: { strict: true } });
    const { context, entries } = fakeContext(root);
    await expect(loader.load(context)).rejects.toThrow(`1 problem in postmortems:\n${gamma()}:2:1 Unexpected TBD in the title, expected the incident name`);
    expect(entries.size).toBe(0);
  });

  it('applies the rule settings to team rules: a team error set to warning no longer fails a strict build', async () => {
    const loader = await siteLoader({ rules: { 'team/no-tbd': 'warning' }, site: { strict: true } });
    const { context, entries } = fakeContext(root);
    await loader.load(context);
    const severities = (entries.get('2024-01-04-gamma')!.data as unknown as Postmortem).diagnostics
      .filter((diagnostic) => diagnostic.ruleId === 'team/no-tbd')
      .map((diagnostic) => diagnostic.severity);
    expect(severities).toEqual(['warning']);
  });

  it('refuses a setting for a team rule no plugin defines, when the plugins are loaded', async () => {
    await siteLoader({});
    const { context } = fakeContext(root);
    const loader = postmortemLoader({ directory: dir, plugins: ['rules/no-tbd.js'], rules: { 'team/nothing': 'off' } });
    await expect(loader.load(context)).rejects.toThrow(/^postmortemLoader: .*unknown rule "team\/nothing"/);
    expect(() => postmortemLoader({ directory: dir, rules: { 'team/nothing': 'off' } })).toThrow(/unknown rule id `team\/nothing`/);
  });
});
