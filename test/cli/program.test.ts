/** The `postmortem` program itself: version, help, unknown commands, the rules list. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines, makeProject, repositoryRoot, runCli } from './helpers.js';

describe.concurrent('postmortem', () => {
  it('--version prints the CLI package version', async () => {
    const { version } = JSON.parse(await readFile(join(repositoryRoot, 'packages/cli/package.json'), 'utf8')) as { version: string };
    expect(await runCli(['--version'], { cwd: await makeProject() })).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--help lists the commands, exit codes and examples', async () => {
    const result = await runCli(['--help'], { cwd: await makeProject() });
    expect(result.code).toBe(0);
    for (const command of ['lint', 'export', 'new', 'stats', 'related', 'rules']) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(result.stdout).toContain('Exit codes: 0 success, 1 problems found, 2 usage or configuration error.');
    expect(result.stdout).toContain('Examples:');
  });

  it.each(['lint', 'export', 'new', 'stats', 'related', 'rules'])('%s --help has examples', async (command) => {
    const result = await runCli([command, '--help'], { cwd: await makeProject() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: postmortem ${command}`);
    expect(result.stdout).toContain(`$ postmortem ${command}`);
  });

  it('without a command: the help on stderr, exit 2', async () => {
    const result = await runCli([], { cwd: await makeProject() });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: postmortem [options] [command]');
  });

  it('an unknown command: one line with a suggestion, exit 2', async () => {
    expect(await runCli(['lnt'], { cwd: await makeProject() })).toEqual({
      code: 2,
      stdout: '',
      stderr: `postmortem: unknown command 'lnt' (Did you mean lint?) (see "postmortem --help")\n`,
    });
  });

  it('rules: every rule with its default and configured severity', async () => {
    const dir = await makeProject({ '.postmortemrc.json': '{ "rules": { "empty-lessons": "off" } }' });
    const table = await runCli(['rules'], { cwd: dir });
    expect(table.code).toBe(0);
    expect(lines(table.stdout)[0]).toMatch(/^rule +default +project +description$/);
    expect(table.stdout).toMatch(/^empty-lessons +warning +off +A Lessons section with nothing in it\.$/m);
    const json = JSON.parse((await runCli(['rules', '--json'], { cwd: dir })).stdout) as Array<{ id: string; severity: string; defaultSeverity: string }>;
    expect(json.find((rule) => rule.id === 'empty-lessons')).toMatchObject({ defaultSeverity: 'warning', severity: 'off' });
    expect(json.find((rule) => rule.id === 'required-section')).toMatchObject({ defaultSeverity: 'error', severity: 'error' });
  });
});
