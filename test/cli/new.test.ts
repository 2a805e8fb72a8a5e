/** `postmortem new`: scaffolding from the project's or the built-in template, never overwriting. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixtures, fixtureNames, makeProject, runCli } from './helpers.js';

describe.concurrent('postmortem new', () => {
  it('writes postmortems/<date>-<slug>.md from the built-in template and prints its path', async () => {
    const dir = await makeProject();
    const result = await runCli(['new', 'Café checkout: "API" outage!', '--date', '2024-05-01'], { cwd: dir });
    expect(result).toEqual({ code: 0, stdout: 'postmortems/2024-05-01-cafe-checkout-api-outage.md\n', stderr: '' });
    const text = await readFile(join(dir, 'postmortems/2024-05-01-cafe-checkout-api-outage.md'), 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toBe('---');
    expect(lines[1]).toMatch(/^# yaml-language-server: \$schema=https:\/\/unpkg\.com\/@postmortem-kb\/parser@[^/]+\/schema\/frontmatter\.schema\.json$/);
    expect(lines[2]).toBe('id: "2024-05-01-cafe-checkout-api-outage" # optional; defaults to the file name without .md');
    expect(lines[3]).toBe('title: "Café checkout: \\"API\\" outage!"');
    expect(lines[4]).toBe('date: "2024-05-01"            # YYYY-MM-DD, the day the incident started');
    for (const heading of ['## Summary', '## Impact', '## Timeline', '## Root cause', '## Action items', '## Lessons learned']) {
      expect(lines).toContain(heading);
    }
    expect(text).not.toContain('{{');
  });

  it('the new file lints clean and parses back with its title and date', async () => {
    const dir = await makeProject();
    await runCli(['new', 'Café checkout: "API" outage!', '--date', '2024-05-01'], { cwd: dir });
    const lint = await runCli(['lint'], { cwd: dir });
    expect(lint).toEqual({ code: 0, stdout: '✔ 1 postmortem checked, no problems\n', stderr: '' });
    const exported = JSON.parse((await runCli(['export'], { cwd: dir })).stdout) as Array<{ id: string; title: string; date: string; status: string }>;
    expect(exported).toMatchObject([{ id: '2024-05-01-cafe-checkout-api-outage', title: 'Café checkout: "API" outage!', date: '2024-05-01', status: 'draft' }]);
  });

  it('the $schema comment points into node_modules when the parser is installed in the project', async () => {
    const dir = await makeProject({ 'node_modules/@postmortem-kb/parser/schema/frontmatter.schema.json': '{}' });
    await runCli(['new', 'Disk full', '--date', '2024-05-01', '--dir', 'docs/incidents'], { cwd: dir });
    const text = await readFile(join(dir, 'docs/incidents/2024-05-01-disk-full.md'), 'utf8');
    expect(text.split('\n')[1]).toBe('# yaml-language-server: $schema=../../node_modules/@postmortem-kb/parser/schema/frontmatter.schema.json');
  });

  it('uses <dir>/_template.md when present, filling {{title}}, {{date}} and {{id}}', async () => {
    const dir = await makeProject({
      'postmortems/_template.md': '---\ntitle: "{{title}}"\ndate: {{date}}\nid: {{id}}\nstatus: draft\n---\n\n# {{title}}\n\n## Summary\n',
    });
    const result = await runCli(['new', 'Queue "backlog"', '-d', '2023-12-31'], { cwd: dir });
    expect(result.stdout).toBe('postmortems/2023-12-31-queue-backlog.md\n');
    expect(await readFile(join(dir, 'postmortems/2023-12-31-queue-backlog.md'), 'utf8')).toBe(
      '---\ntitle: "Queue \\"backlog\\""\ndate: 2023-12-31\nid: 2023-12-31-queue-backlog\nstatus: draft\n---\n\n# Queue "backlog"\n\n## Summary\n',
    );
  });

  it('never overwrites: an existing file is an error (exit 1) and stays as it was', async () => {
    const dir = await makeProject({ 'postmortems/2024-05-01-disk-full.md': 'my notes\n' });
    const result = await runCli(['new', 'Disk full', '--date', '2024-05-01'], { cwd: dir });
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'postmortem new: postmortems/2024-05-01-disk-full.md already exists; not overwriting it (choose another title or --date)\n',
    });
    expect(await readFile(join(dir, 'postmortems/2024-05-01-disk-full.md'), 'utf8')).toBe('my notes\n');
  });

  it('defaults the date to today (local time)', async () => {
    const now = new Date();
    const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    const result = await runCli(['new', 'Disk full'], { cwd: await makeProject() });
    expect(result.stdout).toBe(`postmortems/${today}-disk-full.md\n`);
  });

  it.each([
    [['new'], `postmortem new: missing required argument 'title' (see "postmortem new --help")\n`],
    [
      ['new', 'Disk full', '--date', '2024-02-30'],
      `postmortem new: option '-d, --date <YYYY-MM-DD>' argument '2024-02-30' is invalid. expected a calendar date YYYY-MM-DD. (see "postmortem new --help")\n`,
    ],
    [['new', '!!!'], 'postmortem new: the title needs at least one letter or digit\n'],
  ])('usage error %j (exit 2)', async (args, stderr) => {
    expect(await runCli(args, { cwd: await makeProject() })).toEqual({ code: 2, stdout: '', stderr });
  });

  it('works next to an existing corpus, and the corpus still lints', async () => {
    const dir = await makeProject();
    await mkdir(join(dir, 'postmortems'));
    await copyFixtures(dir, [fixtureNames.taxonomy, fixtureNames.dns, fixtureNames.config], 'postmortems');
    await writeFile(join(dir, 'postmortems/README.md'), '# Our postmortems\n');
    await runCli(['new', 'Disk full', '--date', '2024-05-01'], { cwd: dir });
    expect((await runCli(['lint'], { cwd: dir })).stdout).toBe('✔ 3 postmortems checked, no problems\n');
  });
});
