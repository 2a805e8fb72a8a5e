/**
 * Runs the built CLI (`packages/cli/bin/postmortem.js`) as a user would, in temporary
 * project directories. `pnpm test` builds first; run `pnpm run build` before `vitest` alone.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
export const cliBin = join(repositoryRoot, 'packages/cli/bin/postmortem.js');
export const fixturesDir = join(repositoryRoot, 'test/fixtures/cli');

/** The two clean fixture postmortems and the taxonomy, in test/fixtures/cli/. */
export const fixtureNames = {
  dns: '2024-03-18-dns-resolver-overload.md',
  config: '2024-01-10-config-push-outage.md',
  taxonomy: 'taxonomy.yaml',
} as const;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The test runner's environment without its colour settings, plus `NO_COLOR=1`;
 * `overrides` set variables, or remove them when `undefined`.
 */
export function plainEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export function runCli(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliResult> {
  return runCommand(process.execPath, [cliBin, ...args], options);
}

/** Runs `file` with `args` (no shell); resolves to its exit code and output, whatever the code. */
export function runCommand(file: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: options.cwd, env: options.env ?? plainEnv(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Runs the CLI with the file-size limit (`ulimit -f`, in KB) set and SIGXFSZ ignored, so any
 * write past `limitKb` fails with EFBIG: a full disk, as far as the CLI can tell.
 */
export function runCliWithFileSizeLimit(args: readonly string[], options: { cwd: string; limitKb: number }): Promise<CliResult> {
  const script = `trap '' XFSZ; ulimit -f ${options.limitKb}; exec "$@"`;
  return new Promise((resolve) => {
    execFile('sh', ['-c', script, 'sh', process.execPath, cliBin, ...args], { cwd: options.cwd, env: plainEnv() }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temporary directory holding `files` (path → content), removed after the test file. */
export async function makeProject(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'postmortem-cli-'));
  created.push(dir);
  await writeFiles(dir, files);
  return dir;
}

export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

/** A fresh project whose postmortems/ holds the taxonomy and both fixtures, then `files` (path → content; they may replace a fixture). */
export async function fixtureProject(files: Record<string, string> = {}): Promise<string> {
  const dir = await makeProject();
  await copyFixtures(dir, [fixtureNames.taxonomy, fixtureNames.config, fixtureNames.dns], 'postmortems');
  await writeFiles(dir, files);
  return dir;
}

/** Copies the fixture files named into `dir/<into>`. */
export async function copyFixtures(dir: string, names: readonly string[], into = '.'): Promise<void> {
  for (const name of names) await cp(join(fixturesDir, name), join(dir, into, name));
}

export function readFixture(name: string): Promise<string> {
  return readFile(join(fixturesDir, name), 'utf8');
}

/** `text` with each `[from, to]` replaced once; throws when `from` is missing (a stale test). */
export function edit(text: string, ...replacements: ReadonlyArray<readonly [string, string]>): string {
  let result = text;
  for (const [from, to] of replacements) {
    if (!result.includes(from)) throw new Error(`edit: ${JSON.stringify(from)} not found`);
    result = result.replace(from, () => to);
  }
  return result;
}

/** Non-empty output lines. */
export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

export const escapeCodePattern = /\u001b\[/;
