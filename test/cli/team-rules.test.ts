/**
 * Team rules (issue 11 part 4): `plugins` in the configuration loads rules made with
 * `defineRule` from a project's own modules, here written to a temporary project, and lint
 * reports them like built-in rules; the repository's example rule works the same way.
 */
import { copyFile, mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines, makeProject, repositoryRoot, runCli } from './helpers.js';

/** A project whose `node_modules/@postmortem-kb/parser` is this repository's parser, as after `npm install`. */
async function projectWith(files: Record<string, string>): Promise<string> {
  const dir = await makeProject(files);
  await mkdir(join(dir, 'node_modules/@postmortem-kb'), { recursive: true });
  await symlink(join(repositoryRoot, 'packages/parser'), join(dir, 'node_modules/@postmortem-kb/parser'), 'dir');
  return dir;
}

const incident = (impact: string) => `---\ntitle: Cache outage\ndate: 2024-03-18\n---\n\n## Impact\n\n${impact}\n`;

const fileRule = `import { defineRule } from '@postmortem-kb/parser';
export default [
  defineRule({
    meta: { id: 'team/no-tbd', severity: 'error', scope: 'file', description: 'No TBD left in the text.' },
    check(postmortem, context) {
      if (postmortem.impact.text.includes('TBD')) context.report({ message: 'Unexpected TBD in the impact, expected what happened', line: 7, column: 1 });
    },
  }),
  defineRule({
    meta: { id: 'team/one-per-org', severity: 'info', scope: 'corpus', description: 'Counts incidents.' },
    check(postmortems, context) {
      for (const postmortem of postmortems) context.report(postmortem, { message: \`one of \${postmortems.length}\` });
    },
  }),
];
`;

describe('team rules from plugins', () => {
  it('runs file and corpus rules from a module relative to the configuration file', async () => {
    const dir = await projectWith({
      '.postmortemrc.json': JSON.stringify({ plugins: ['rules/team.js'] }),
      'rules/team.js': fileRule,
      'postmortems/2024-03-18-cache.md': incident('TBD'),
    });
    const result = await runCli(['lint', '--verbose'], { cwd: dir });
    expect(lines(result.stdout)).toEqual([
      'postmortems/2024-03-18-cache.md:1:1  info  one of 1  team/one-per-org',
      'postmortems/2024-03-18-cache.md:7:1  error  Unexpected TBD in the impact, expected what happened  team/no-tbd',
      '✖ 1 problem (1 error, 0 warnings)',
    ]);
    expect(result.code).toBe(1);
  });

  it('are configured like built-in rules: off does not run, another severity replaces the default', async () => {
    const dir = await projectWith({
      '.postmortemrc.json': JSON.stringify({ plugins: ['rules/team.js'], rules: { 'team/no-tbd': 'warning', 'team/one-per-org': 'off' } }),
      'rules/team.js': fileRule,
      'postmortems/2024-03-18-cache.md': incident('TBD'),
    });
    const result = await runCli(['lint', '--verbose'], { cwd: dir });
    expect(lines(result.stdout)).toEqual([
      'postmortems/2024-03-18-cache.md:7:1  warning  Unexpected TBD in the impact, expected what happened  team/no-tbd',
      '✖ 1 problem (0 errors, 1 warning)',
    ]);
    expect(result.code).toBe(0);
  });

  it('the documented example: customer impact must state a number', async () => {
    const dir = await projectWith({
      '.postmortemrc.json': JSON.stringify({ plugins: ['impact-number.js'] }),
      'postmortems/2024-03-18-cache.md': incident('Checkout was slow for many customers.'),
      'postmortems/2024-03-19-queue.md': incident('1,200 orders were delayed by 40 minutes.').replace('2024-03-18', '2024-03-19'),
    });
    await copyFile(join(repositoryRoot, 'examples/team-rules/impact-number.js'), join(dir, 'impact-number.js'));
    const result = await runCli(['lint'], { cwd: dir });
    expect(lines(result.stdout)).toEqual([
      'postmortems/2024-03-18-cache.md:6:1  warning  Unexpected impact without a number, expected how many users, requests or minutes were affected  team/impact-number',
      '✖ 1 problem (0 errors, 1 warning)',
    ]);
  });

  it('postmortem rules lists them after the built-in rules, with their setting', async () => {
    const dir = await projectWith({
      '.postmortemrc.json': JSON.stringify({ plugins: ['rules/team.js'], rules: { 'team/one-per-org': 'off' } }),
      'rules/team.js': fileRule,
    });
    const json = JSON.parse((await runCli(['rules', '--json'], { cwd: dir })).stdout) as Array<{ id: string; severity: string; defaultSeverity: string }>;
    expect(json.slice(-2)).toEqual([
      { id: 'team/no-tbd', defaultSeverity: 'error', severity: 'error', fatal: false, description: 'No TBD left in the text.' },
      { id: 'team/one-per-org', defaultSeverity: 'info', severity: 'off', fatal: false, description: 'Counts incidents.' },
    ]);
  });

  it('a plugin that exports no rule, a non-team id or a setting for an unknown team rule is a usage error', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [
        { '.postmortemrc.json': JSON.stringify({ plugins: ['bad.js'] }), 'bad.js': 'export default { hello: 1 };\n' },
        /plugin .*bad\.js: expected `meta` to be an object/,
      ],
      [
        {
          '.postmortemrc.json': JSON.stringify({ plugins: ['bad.js'] }),
          'bad.js': "export default { meta: { id: 'mine', severity: 'error', scope: 'file', description: 'x' }, check() {} };\n",
        },
        /expected the rule id "mine" to start with "team\/"/,
      ],
      [{ '.postmortemrc.json': JSON.stringify({ plugins: ['missing.js'] }) }, /cannot load the plugin .*missing\.js/],
      [{ '.postmortemrc.json': JSON.stringify({ rules: { 'team/nothing': 'off' } }) }, /unknown rule "team\/nothing"/],
    ];
    for (const [files, message] of cases) {
      const result = await runCli(['lint'], { cwd: await projectWith(files) });
      expect(result.stderr).toMatch(message);
      expect(result.code).toBe(2);
    }
  });
});
