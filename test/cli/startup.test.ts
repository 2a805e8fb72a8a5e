/**
 * What `postmortem` loads before it answers: `--version` and `--help` no parser module at all,
 * `lint` of one file not the markdown stack in the main thread (files are parsed in a worker).
 * Editors and pre-commit hooks run it per file; the start-up time is measured by
 * `node bench/run.js --only=cli`, never here.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBin, fixtureNames, fixturesDir, plainEnv } from './helpers.js';

// A module hook that names every module the main thread loads on stderr (workers run it too, silently).
const hookSource = `
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';
if (isMainThread) {
  register('data:text/javascript,' + encodeURIComponent(
    "export async function load(url, context, next) { if (!url.startsWith('node:')) process.stderr.write('loaded ' + url + '\\\\n'); return next(url, context); }",
  ));
}
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

function modulesLoaded(args: readonly string[]): Promise<{ code: number; stdout: string; modules: string[] }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', pathToFileURL(hook).href, cliBin, ...args], { cwd: fixturesDir, env: plainEnv() }, (error, stdout, stderr) => {
      const modules = stderr
        .split('\n')
        .filter((line) => line.startsWith('loaded '))
        .map((line) => line.slice('loaded '.length));
      resolve({ code: error ? Number(error.code) : 0, stdout, modules });
    });
  });
}

const markdownStack =
  /\/node_modules\/(?:unified|remark-[a-z-]+|rehype-[a-z-]+|micromark[a-z-]*|mdast-util-(?:from-markdown|to-hast|to-markdown)|hast-util-[a-z-]+)\//;

describe('postmortem start-up', () => {
  it.each(['--version', '--help', 'lint --help'])('postmortem %s loads the CLI and commander only, no parser module', async (args) => {
    const { code, modules } = await modulesLoaded(args.split(' '));
    expect(code).toBe(0);
    expect(modules.some((url) => url.includes('/packages/cli/dist/main.js'))).toBe(true);
    expect(
      modules.filter((url) => url.includes('/packages/parser/') || url.includes('/packages/import/dist/index') || /\/node_modules\/(?:zod|yaml)\//.test(url)),
    ).toEqual([]);
  });

  it('lint of one file loads no markdown stack in the main thread, and still reports', async () => {
    const { code, stdout, modules } = await modulesLoaded(['lint', fixtureNames.config]);
    expect({ code, stdout }).toEqual({ code: 0, stdout: '✔ 1 postmortem checked, no problems\n' });
    expect(modules.some((url) => url.includes('/packages/parser/dist/corpus.js'))).toBe(true);
    expect(modules.filter((url) => markdownStack.test(url) || url.includes('/packages/parser/dist/index.js'))).toEqual([]);
  });
});
