/**
 * What the CLI reads: paths that are not regular files or directories, files it may not read,
 * and where configuration discovery stops (the repository root).
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliBin, type CliResult, copyFixtures, fixtureNames, fixtureProject, makeProject, plainEnv, runCli } from './helpers.js';

/** The CLI as a user without root's power to read any file (uid 65534 when the tests run as root). */
function runCliUnprivileged(args: readonly string[], cwd: string): Promise<CliResult> {
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  return new Promise((resolve) => {
    execFile(process.execPath, [cliBin, ...args], { cwd, env: plainEnv(), ...asNobody }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

// Each test runs the CLI a few times; on a loaded machine that takes longer than the default 30 s.
describe.concurrent('inputs', { timeout: 120_000 }, () => {
  it('a FIFO given as a path is a usage error naming it, and is never opened (no hang)', async () => {
    const dir = await makeProject();
    execFileSync('mkfifo', [join(dir, 'pipe.md')]);
    for (const command of [['lint'], ['export'], ['stats']]) {
      const result = await runCli([...command, 'pipe.md'], { cwd: dir });
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr: `postmortem ${command[0]!}: not a file or directory: pipe.md is a FIFO, expected a postmortem file or a directory of them\n`,
      });
    }
  });

  it('a FIFO inside a linted directory is passed over, not waited on', async () => {
    const dir = await makeProject();
    await copyFixtures(dir, [fixtureNames.taxonomy, fixtureNames.config], 'postmortems');
    execFileSync('mkfifo', [join(dir, 'postmortems/2024-02-02-pipe.md')]);
    expect(await runCli(['lint'], { cwd: dir })).toEqual({ code: 0, stdout: '✔ 1 postmortem checked, no problems\n', stderr: '' });
  });

  it('a file the user may not read is an `unreadable` error at that file, not a parser failure', async () => {
    const dir = await fixtureProject();
    await chmod(dir, 0o755);
    await chmod(join(dir, 'postmortems'), 0o755);
    for (const name of [fixtureNames.taxonomy, fixtureNames.config]) await chmod(join(dir, 'postmortems', name), 0o644);
    await chmod(join(dir, 'postmortems', fixtureNames.dns), 0o000);
    const result = await runCliUnprivileged(['lint'], dir);
    expect(result).toEqual({
      code: 1,
      stdout: `postmortems/${fixtureNames.dns}:1:1  error  Unexpected unreadable file (EACCES: permission denied), expected a regular file this user can read  unreadable\n\n✖ 1 problem (1 error, 0 warnings)\n`,
      stderr: '',
    });
  });

  it('configuration discovery stops at the repository root (the directory holding .git)', async () => {
    const outer = await makeProject({ '.postmortemrc.json': '{ not json', 'repo/postmortems/.keep': '' });
    const repo = join(outer, 'repo');
    await copyFixtures(repo, [fixtureNames.taxonomy, fixtureNames.config], 'postmortems');
    // Without a repository, the walk goes up and finds the broken file above.
    expect((await runCli(['lint'], { cwd: repo })).code).toBe(2);
    for (const marker of ['directory', 'file'] as const) {
      if (marker === 'directory') await mkdir(join(repo, '.git'));
      else {
        await rm(join(repo, '.git'), { recursive: true });
        await writeFile(join(repo, '.git'), 'gitdir: ../elsewhere\n'); // a worktree or submodule
      }
      expect(await runCli(['lint'], { cwd: repo })).toEqual({ code: 0, stdout: '✔ 1 postmortem checked, no problems\n', stderr: '' });
      // Inside the repository, the walk up from a subdirectory still finds the root's configuration.
      await writeFile(join(repo, '.postmortemrc.json'), '{ "rules": { "missing-title": "error" } }');
      const rules = await runCli(['rules', '--json'], { cwd: join(repo, 'postmortems') });
      expect((JSON.parse(rules.stdout) as Array<{ id: string; severity: string }>).find((rule) => rule.id === 'missing-title')?.severity).toBe('error');
      await rm(join(repo, '.postmortemrc.json'));
    }
  });
});
