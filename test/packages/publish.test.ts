import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const packages = [
  {
    dir: 'packages/parser',
    mustHave: [
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/search.js',
      'dist/search.d.ts',
      'dist/corpus.js',
      'dist/corpus.d.ts',
      'dist/loader.js',
      'dist/loader.d.ts',
      'schema/frontmatter.schema.json',
    ],
  },
  {
    dir: 'packages/import',
    mustHave: ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts', 'dist/formats.js', 'dist/formats.d.ts'],
  },
  { dir: 'packages/cli', mustHave: ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'bin/postmortem.js', 'dist/main.js', 'dist/index.d.ts'] },
  // The integration ships its pages, components and scripts as source: Astro compiles them in the user's build.
  {
    dir: 'packages/astro',
    mustHave: [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/collections.js',
      'dist/collections.d.ts',
      'src/pages/index.astro',
      'src/pages/problems.astro',
      'src/pages/incidents/[slug].astro',
      'src/middleware.ts',
      'src/scripts/search.ts',
    ],
  },
] as const;

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'pmkb-pack-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe.each(packages)('$dir as published', ({ dir, mustHave }) => {
  it('packs only what users need, with workspace versions replaced', async () => {
    const { stdout } = await run('pnpm', ['pack', '--pack-destination', out, '--json'], { cwd: join(root, dir) });
    const packed = JSON.parse(stdout) as { filename: string; files: Array<{ path: string }> };
    const files = packed.files.map((file) => file.path);
    for (const file of mustHave) expect(files).toContain(file);
    const sourceShipped = dir === 'packages/astro';
    expect(files.filter((file) => (sourceShipped ? /^test\/|\.test\.|tsconfig/ : /^(?:src|test)\/|\.test\.|tsconfig/).test(file))).toEqual([]);
    const { stdout: manifest } = await run('tar', ['-xOzf', packed.filename, 'package/package.json']);
    expect(manifest).not.toContain('workspace:');
  });

  it('is clean for publint', async () => {
    const { stdout } = await run(process.execPath, [join(root, 'node_modules/publint/src/cli.js'), dir, '--strict'], { cwd: root });
    expect(stdout).toContain('All good!');
  });

  // attw packs the package and runs TypeScript over it: ~8 s of CPU, far longer on a loaded machine.
  it('is clean for arethetypeswrong (ESM only)', { timeout: 180_000 }, async () => {
    const bin = join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js');
    const { stdout } = await run(process.execPath, [bin, '--pack', dir, '--profile', 'esm-only', '--format', 'json'], { cwd: root });
    const report = JSON.parse(stdout) as { problems?: unknown[]; analysis?: { problems?: Array<{ resolutionKind?: string }> } };
    const problems = (report.analysis?.problems ?? []).filter((problem) => problem.resolutionKind !== 'node10' && problem.resolutionKind !== 'node16-cjs');
    expect(problems).toEqual([]);
  });
});

describe('packages/astro as published', () => {
  it('has astro as a peer dependency only, and does not depend on the CLI', async () => {
    const manifest = JSON.parse(await readFile(join(root, 'packages/astro/package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    expect(manifest.peerDependencies).toHaveProperty('astro');
    expect(manifest.dependencies).not.toHaveProperty('astro');
    expect(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })).not.toContain('@postmortem-kb/cli');
  });
});

describe('the editor JSON Schema', () => {
  it('is generated from the Zod frontmatter schema and ships in the parser package', async () => {
    type ObjectSchema = { properties?: Record<string, { enum?: string[] }> };
    const schema = JSON.parse(await readFile(join(root, 'packages/parser/schema/frontmatter.schema.json'), 'utf8')) as ObjectSchema & {
      definitions?: { PostmortemFrontmatter?: ObjectSchema };
    };
    const properties = schema.definitions?.PostmortemFrontmatter?.properties ?? schema.properties ?? {};
    expect(Object.keys(properties)).toEqual(expect.arrayContaining(['title', 'date', 'status', 'categories', 'started_at', 'resolved_at', 'sources']));
    expect(properties.status?.enum).toEqual(['draft', 'in-review', 'final']);
  });
});
