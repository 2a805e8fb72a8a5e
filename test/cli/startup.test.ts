/**
 * What `postmortem` loads before it answers: `--version` and `--help` no parser module at all,
 * `lint` of one file no worker and nothing of the HTML, search or corpus-statistics modules.
 * Editors and pre-commit hooks run it per file; the start-up time is measured by
 * `node bench/run.js --only=cli`, never here.
 *
 * The program runs from a bundle (packages/cli/dist/bundle/, one file per command and shared
 * chunks): each module in a chunk is headed by its source path, so the modules loaded are the
 * sources of the chunks loaded.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBin, fixtureNames, fixturesDir, plainEnv, repositoryRoot } from './helpers.js';

// A module hook that names every module a thread loads on stderr, with the thread: `main` or `worker`.
const hookSource = `
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';
const thread = isMainThread ? 'main' : 'worker';
register('data:text/javascript,' + encodeURIComponent(
  "export async function load(url, context, next) { if (!url.startsWith('node:')) process.stderr.write('loaded " + thread + " ' + url + '\\\\n'); return next(url, context); }",
));
`;

let dir: string;
let hook: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pmkb-startup-'));
  hook = join(dir, 'hook.mjs');
  await writeFile(hook, hookSource);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Loaded {
  code: number;
  stdout: string;
  /** Source modules loaded in the main thread (file URLs), those of the bundle's chunks included. */
  modules: string[];
  /** The same in worker threads. */
  workerModules: string[];
}

function modulesLoaded(args: readonly string[], cwd = fixturesDir): Promise<Loaded> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', pathToFileURL(hook).href, cliBin, ...args], { cwd, env: plainEnv() }, (error, stdout, stderr) => {
      const loaded = stderr
        .split('\n')
        .filter((line) => line.startsWith('loaded '))
        .map((line) => line.slice('loaded '.length).split(' ') as [string, string]);
      const inThread = (thread: string) => loaded.filter(([name]) => name === thread).flatMap(([, url]) => sourcesOf(url));
      done({ code: error ? Number(error.code) : 0, stdout, modules: inThread('main'), workerModules: inThread('worker') });
    });
  });
}

const bundleDir = join(repositoryRoot, 'packages/cli/dist/bundle');

/** A chunk of the bundle stands for the modules in it: esbuild heads each with its path, relative to packages/cli. */
function sourcesOf(url: string): string[] {
  const file = fileURLToPath(url);
  if (!file.startsWith(bundleDir)) return [url];
  const sources = [...readFileSync(file, 'utf8').matchAll(/^\/\/ (\S+\.(?:[cm]?js|json))$/gm)].map(
    (match) => pathToFileURL(resolve(bundleDir, '../..', match[1]!)).href,
  );
  return [url, ...sources];
}

const markdownStack =
  /\/node_modules\/(?:unified|remark-[a-z-]+|rehype-[a-z-]+|micromark[a-z-]*|mdast-util-(?:from-markdown|to-hast|to-markdown)|hast-util-[a-z-]+)\//;
const parserModule = (name: string) => (url: string) => url.endsWith(`/packages/parser/dist/lib/${name}.js`);
// What lint never needs: search, related incidents, precedents, and the package entries that load them.
const notForLint = /\/packages\/parser\/dist\/(?:index|search|lib\/search-[a-z-]+|lib\/related|lib\/precedents)\.js$|\/node_modules\/fuse\.js\//;

describe('postmortem start-up', () => {
  it.each(['--version', '--help', 'lint --help'])('postmortem %s loads the CLI and commander only, no parser module', async (args) => {
    const { code, modules } = await modulesLoaded(args.split(' '));
    expect(code).toBe(0);
    expect(modules.some((url) => url.includes('/packages/cli/dist/main.js'))).toBe(true);
    expect(
      modules.filter((url) => url.includes('/packages/parser/') || url.includes('/packages/import/dist/index') || /\/node_modules\/(?:zod|yaml)\//.test(url)),
    ).toEqual([]);
  });

  it('lint of one file parses it in the main thread, starts no worker, loads no search or related modules, and still reports', async () => {
    const { code, stdout, modules, workerModules } = await modulesLoaded(['lint', fixtureNames.config]);
    expect({ code, stdout }).toEqual({ code: 0, stdout: '✔ 1 postmortem checked, no problems\n' });
    expect(modules.some(parserModule('load-corpus'))).toBe(true);
    expect(modules.some(parserModule('parse'))).toBe(true);
    expect(workerModules).toEqual([]);
    expect(modules.filter((url) => notForLint.test(url))).toEqual([]);
  });

  it('lint of one file over 64 KB parses it in a worker, within the time and memory limits', async () => {
    const big = join(dir, 'big', '2024-05-01-big.md');
    await mkdir(dirname(big), { recursive: true });
    await writeFile(big, `---\ntitle: Big\ndate: 2024-05-01\n---\n\n## Summary\n\n${'A long summary line of prose.\n'.repeat(2500)}`);
    const { code, workerModules } = await modulesLoaded(['lint', big]);
    expect(code).not.toBe(2);
    expect(workerModules.some(parserModule('parse'))).toBe(true);
  });

  it('lint of a directory parses in a worker: the markdown stack loads there, not in the main thread', async () => {
    const { code, stdout, modules, workerModules } = await modulesLoaded(['lint', '.']);
    expect({ code, stdout }).toEqual({ code: 0, stdout: '✔ 2 postmortems checked, no problems\n' });
    expect(workerModules.some(parserModule('parse'))).toBe(true);
    expect(workerModules.some((url) => markdownStack.test(url))).toBe(true);
    expect(modules.filter((url) => markdownStack.test(url) || parserModule('parse')(url) || notForLint.test(url))).toEqual([]);
  });
});
