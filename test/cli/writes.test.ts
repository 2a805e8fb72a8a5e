/**
 * What `postmortem new` and `export --output` write, and what they refuse: a project
 * template that is not a regular file (a symlink to /proc/self/environ, /dev/zero, a FIFO),
 * one too large, an output that is one of the inputs; and no partial file after a failed write.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureNames, fixtureProject, makeProject, plainEnv, runCli, runCliWithFileSizeLimit } from './helpers.js';

const newArgs = ['new', 'Disk full', '--date', '2024-05-01'];
const newFile = 'postmortems/2024-05-01-disk-full.md';

// Each test runs the CLI a few times; on a loaded machine that takes longer than the default 30 s.
describe.concurrent('postmortem new: the project template', { timeout: 120_000 }, () => {
  it('refuses a _template.md that is a symbolic link (to /proc/self/environ): exit 2, nothing written, no secret copied', async () => {
    const dir = await makeProject();
    await mkdir(join(dir, 'postmortems'));
    await symlink('/proc/self/environ', join(dir, 'postmortems/_template.md'));
    const result = await runCli(newArgs, { cwd: dir, env: plainEnv({ PM_TEST_SECRET: 'hunter2-secret' }) });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'postmortem new: refusing the template postmortems/_template.md: it is a symbolic link, expected a regular file\n',
    });
    expect(await readdir(join(dir, 'postmortems'))).toEqual(['_template.md']);
  });

  it.each([
    ['a symbolic link to /dev/zero', async (path: string) => symlink('/dev/zero', path), 'it is a symbolic link, expected a regular file'],
    [
      'a FIFO',
      async (path: string) => {
        execFileSync('mkfifo', [path]);
      },
      'it is a FIFO, expected a regular file',
    ],
    ['a directory', async (path: string) => mkdir(path), 'it is a directory, expected a regular file'],
    [
      'over 256 KB',
      async (path: string) => writeFile(path, `---\ntitle: "{{title}}"\n---\n${'x'.repeat(300_000)}\n`),
      'it has 300028 bytes, expected at most 262144',
    ],
  ])('refuses a _template.md that is %s, without reading it', async (_kind, make, problem) => {
    const dir = await makeProject();
    await mkdir(join(dir, 'postmortems'));
    await make(join(dir, 'postmortems/_template.md'));
    const result = await runCli(newArgs, { cwd: dir });
    expect(result).toEqual({ code: 2, stdout: '', stderr: `postmortem new: refusing the template postmortems/_template.md: ${problem}\n` });
    expect(await readdir(join(dir, 'postmortems'))).toEqual(['_template.md']);
  });

  it('a failed write (file-size limit, as on a full disk) leaves no file, and the command can be retried', async () => {
    const dir = await makeProject();
    const failed = await runCliWithFileSizeLimit(newArgs, { cwd: dir, limitKb: 1 });
    expect(failed).toEqual({ code: 2, stdout: '', stderr: `postmortem new: cannot write ${newFile}: EFBIG\n` });
    expect(await readdir(join(dir, 'postmortems'))).toEqual([]);
    const retried = await runCli(newArgs, { cwd: dir });
    expect(retried).toEqual({ code: 0, stdout: `${newFile}\n`, stderr: '' });
    expect(await readFile(join(dir, newFile), 'utf8')).toMatch(/^---\n[\s\S]*## Lessons learned[\s\S]*\n$/);
    expect(await readdir(join(dir, 'postmortems'))).toEqual(['2024-05-01-disk-full.md']);
  });
});

const corpus = () => fixtureProject();

describe.concurrent('postmortem export --output', { timeout: 120_000 }, () => {
  it.each([
    [`postmortems/${fixtureNames.dns}`, `postmortems/${fixtureNames.dns}`],
    ['postmortems/taxonomy.yaml', 'postmortems/taxonomy.yaml'],
    ['link-to-input.json', `postmortems/${fixtureNames.config}`],
  ])('refuses to write over an input: %s (exit 2, the input unchanged)', async (output, input) => {
    const dir = await corpus();
    await symlink(join(dir, 'postmortems', fixtureNames.config), join(dir, 'link-to-input.json'));
    const before = await readFile(join(dir, input), 'utf8');
    const result = await runCli(['export', '--format', 'csv', '-o', output], { cwd: dir });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `postmortem export: refusing to write over ${output}: it is an input (${input}); choose another --output file\n`,
    });
    expect(await readFile(join(dir, input), 'utf8')).toBe(before);
  });

  it('replaces an existing output whole; a failed write leaves the old file as it was and no temporary file', async () => {
    const dir = await corpus();
    await writeFile(join(dir, 'incidents.json'), '["previous export"]\n');
    const failed = await runCliWithFileSizeLimit(['export', '-o', 'incidents.json'], { cwd: dir, limitKb: 1 });
    expect(failed).toEqual({ code: 2, stdout: '', stderr: 'postmortem export: cannot write incidents.json: EFBIG\n' });
    expect(await readFile(join(dir, 'incidents.json'), 'utf8')).toBe('["previous export"]\n');
    expect((await readdir(dir)).sort()).toEqual(['incidents.json', 'postmortems']);

    const written = await runCli(['export', '-o', 'incidents.json'], { cwd: dir });
    expect(written).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((JSON.parse(await readFile(join(dir, 'incidents.json'), 'utf8')) as Array<{ id: string }>).map((postmortem) => postmortem.id)).toEqual([
      'config-push-outage',
      'dns-resolver-overload',
    ]);
    expect((await readdir(dir)).sort()).toEqual(['incidents.json', 'postmortems']);
  });
});
