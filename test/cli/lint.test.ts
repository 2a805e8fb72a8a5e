/** `postmortem lint`: output formats, filters, exit codes, configuration and colour. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  cliBin,
  copyFixtures,
  edit,
  escapeCodePattern,
  fixtureNames,
  fixtureProject,
  lines,
  makeProject,
  plainEnv,
  readFixture,
  repositoryRoot,
  runCli,
} from './helpers.js';

const dns = `postmortems/${fixtureNames.dns}`;
const config = `postmortems/${fixtureNames.config}`;

/**
 * A project with postmortems/ holding the taxonomy and both fixtures, the DNS one with one error
 * (resolved before started, line 14), one warning (open action item without owner, line 41)
 * and one info (timeline without zone, line 27).
 */
async function projectWithProblems(files: Record<string, string> = {}): Promise<string> {
  const source = edit(
    await readFixture(fixtureNames.dns),
    ['resolved_at: 2024-03-18T15:30:00Z', 'resolved_at: 2024-03-18T13:30:00Z'],
    [' @sre-team', ''],
    ['timezone: UTC\n', ''],
    ['- 2024-03-18 14:05 UTC — DETECTED', '- 2024-03-18 14:05 — DETECTED'],
  );
  return fixtureProject({ [dns]: source, ...files });
}

// Line numbers shift by one: `timezone: UTC` (line 10) is removed.
const errorLine = `${dns}:13:1  error  Unexpected end 2024-03-18T13:30:00Z before start 2024-03-18T14:00:00Z, expected the incident to end after it starts  resolved-before-started`;
const infoLine = `${dns}:27:1  info  Unexpected timeline times without a time zone, expected a zone on the times (\`14:05 UTC\`), a note such as "All times UTC" or \`timezone\` in the frontmatter; assuming UTC  timeline-no-zone`;
const warningLine = `${dns}:40:1  warning  Unexpected action item without an owner, expected \`@handle\` or \`owner: name\` in “Autoscale the resolver pool”  action-item-owner`;

const cleanProject = () => fixtureProject();

// Each test spawns the CLI, up to five at once (describe.concurrent), and some lint 210 or 250 files: on a 2-core machine
// shared with site builds the default 30 s ran out. No test asserts a duration; a hang still fails, after two minutes.
const timeout = 120_000;

describe.concurrent('postmortem lint', { timeout }, () => {
  it('stylish: one line per problem, a blank line and the summary; exit 1 on errors', async () => {
    const result = await runCli(['lint'], { cwd: await projectWithProblems() });
    expect(result.stdout).toBe(`${errorLine}\n${warningLine}\n\n✖ 2 problems (1 error, 1 warning)\n`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
  });

  it('--verbose adds info diagnostics, which are not counted as problems', async () => {
    const result = await runCli(['lint', '--verbose'], { cwd: await projectWithProblems() });
    expect(lines(result.stdout)).toEqual([errorLine, infoLine, warningLine, '✖ 2 problems (1 error, 1 warning)']);
  });

  it('--quiet reports errors only', async () => {
    const result = await runCli(['lint', '--quiet'], { cwd: await projectWithProblems() });
    expect(result.stdout).toBe(`${errorLine}\n\n✖ 1 problem (1 error, 0 warnings)\n`);
    expect(result.code).toBe(1);
  });

  it('clean corpus: a confirmation line and exit 0', async () => {
    const result = await runCli(['lint'], { cwd: await cleanProject() });
    expect(result.stdout).toBe('✔ 2 postmortems checked, no problems\n');
    expect(result.code).toBe(0);
  });

  it('lints the paths given (files and directories), relative to the working directory', async () => {
    const dir = await projectWithProblems();
    const result = await runCli(['lint', config], { cwd: dir });
    expect(result.stdout).toBe('✔ 1 postmortem checked, no problems\n');
    const both = await runCli(['lint', config, 'postmortems'], { cwd: dir });
    expect(lines(both.stdout)).toEqual([errorLine, warningLine, '✖ 2 problems (1 error, 1 warning)']);
  });

  it('without postmortems/ it lints the working directory', async () => {
    const dir = await makeProject();
    await copyFixtures(dir, [fixtureNames.taxonomy, fixtureNames.config, fixtureNames.dns]);
    const result = await runCli(['lint'], { cwd: dir });
    expect(result.stdout).toBe('✔ 2 postmortems checked, no problems\n');
  });

  it('json: the array of diagnostics (infos only with --verbose)', async () => {
    const result = await runCli(['lint', '--format', 'json'], { cwd: await projectWithProblems() });
    expect(JSON.parse(result.stdout)).toEqual([
      {
        ruleId: 'resolved-before-started',
        severity: 'error',
        message: 'Unexpected end 2024-03-18T13:30:00Z before start 2024-03-18T14:00:00Z, expected the incident to end after it starts',
        path: dns,
        line: 13,
        column: 1,
      },
      {
        ruleId: 'action-item-owner',
        severity: 'warning',
        message: 'Unexpected action item without an owner, expected `@handle` or `owner: name` in “Autoscale the resolver pool”',
        path: dns,
        line: 40,
        column: 1,
      },
    ]);
    expect(result.code).toBe(1);
    const clean = await runCli(['lint', '--format', 'json'], { cwd: await cleanProject() });
    expect(JSON.parse(clean.stdout)).toEqual([]);
    expect(clean.code).toBe(0);
  });

  it('github: workflow commands, with notices for infos under --verbose', async () => {
    const result = await runCli(['lint', '--format', 'github', '--verbose'], { cwd: await projectWithProblems() });
    expect(lines(result.stdout)).toEqual([
      `::error file=${dns},line=13,col=1,title=resolved-before-started::Unexpected end 2024-03-18T13:30:00Z before start 2024-03-18T14:00:00Z, expected the incident to end after it starts`,
      `::notice file=${dns},line=27,col=1,title=timeline-no-zone::Unexpected timeline times without a time zone, expected a zone on the times (\`14:05 UTC\`), a note such as "All times UTC" or \`timezone\` in the frontmatter; assuming UTC`,
      `::warning file=${dns},line=40,col=1,title=action-item-owner::Unexpected action item without an owner, expected \`@handle\` or \`owner: name\` in “Autoscale the resolver pool”`,
    ]);
    expect(result.code).toBe(1);
  });

  describe('--max-warnings', () => {
    it('exit 0 at the limit, 1 above it', async () => {
      const dir = await projectWithProblems({ '.postmortemrc.json': JSON.stringify({ rules: { 'resolved-before-started': 'off' } }) });
      const atLimit = await runCli(['lint', '--max-warnings', '1'], { cwd: dir });
      expect(atLimit.code).toBe(0);
      expect(atLimit.stdout).toBe(`${warningLine}\n\n✖ 1 problem (0 errors, 1 warning)\n`);
      const above = await runCli(['lint', '--max-warnings', '0'], { cwd: dir });
      expect(above.code).toBe(1);
      expect(above.stderr).toBe('postmortem lint: too many warnings (1, maximum allowed is 0)\n');
    });
    it('rejects a value that is not a whole number (exit 2)', async () => {
      const result = await runCli(['lint', '--max-warnings', 'many'], { cwd: await cleanProject() });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `postmortem lint: option '--max-warnings <n>' argument 'many' is invalid. expected a whole number ≥ 0. (see "postmortem lint --help")\n`,
      );
    });
  });

  describe('configuration', () => {
    it('.postmortemrc.json turns a rule off and another into an error', async () => {
      const dir = await projectWithProblems({
        '.postmortemrc.json': JSON.stringify({ rules: { 'resolved-before-started': 'off', 'action-item-owner': 'error' } }),
      });
      const result = await runCli(['lint'], { cwd: dir });
      expect(result.stdout).toBe(`${warningLine.replace('  warning  ', '  error  ')}\n\n✖ 1 problem (1 error, 0 warnings)\n`);
      expect(result.code).toBe(1);
    });

    it('downgrading the only error to a warning gives exit 0', async () => {
      const dir = await projectWithProblems({ '.postmortemrc.json': JSON.stringify({ rules: { 'resolved-before-started': 'warning' } }) });
      const result = await runCli(['lint'], { cwd: dir });
      expect(lines(result.stdout)).toEqual([errorLine.replace('  error  ', '  warning  '), warningLine, '✖ 2 problems (0 errors, 2 warnings)']);
      expect(result.code).toBe(0);
    });

    it('package.json "postmortem" key, found from a subdirectory', async () => {
      const dir = await projectWithProblems({
        'package.json': JSON.stringify({ name: 'team-docs', postmortem: { rules: { 'resolved-before-started': 'off', 'action-item-owner': 'off' } } }),
      });
      const result = await runCli(['lint', '.'], { cwd: `${dir}/postmortems` });
      expect(result.stdout).toBe('✔ 2 postmortems checked, no problems\n');
      expect(result.code).toBe(0);
    });

    it('timezone and taxonomy from the configuration', async () => {
      const source = edit(await readFixture(fixtureNames.dns), ['timezone: UTC\n', ''], ['- 2024-03-18 14:05 UTC — DETECTED', '- 2024-03-18 14:05 — DETECTED']);
      const dir = await makeProject({
        [dns]: source,
        '.postmortemrc.json': JSON.stringify({ timezone: 'America/New_York', taxonomy: 'config/taxonomy.yaml' }),
        'config/taxonomy.yaml': 'categories:\n  - id: dns\n    label: DNS\n',
      });
      await copyFixtures(dir, [fixtureNames.config], 'postmortems');
      const result = await runCli(['lint', '--verbose'], { cwd: dir });
      // 14:05 New York time is 18:05Z: after the next entry, and no timeline-no-zone info.
      expect(lines(result.stdout)).toEqual([
        `${config}:9:1  warning  Unexpected category \`config-change\`, expected an id from taxonomy.yaml  unknown-category`,
        `${dns}:9:1  warning  Unexpected category \`capacity\`, expected an id from taxonomy.yaml  unknown-category`,
        `${dns}:31:1  warning  Unexpected timeline entry at 2024-03-18T14:40:00Z after one at line 30 that is later, expected chronological order  timeline-order`,
        '✖ 3 problems (0 errors, 3 warnings)',
      ]);
    });

    it('an unknown rule id is a usage error listing the valid ids (exit 2)', async () => {
      const dir = await projectWithProblems({ '.postmortemrc.json': JSON.stringify({ rules: { 'no-such-rule': 'off' } }) });
      const result = await runCli(['lint'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(lines(result.stderr)).toHaveLength(1);
      expect(result.stderr).toMatch(
        /^postmortem lint: invalid configuration in .*\.postmortemrc\.json: unknown rule "no-such-rule"; valid rule ids: frontmatter-language, .*, required-section, .*, unknown-related\n$/,
      );
    });

    it('an oversize file is always reported: lint exits 1 and export writes no empty record', async () => {
      const dir = await projectWithProblems({ '.postmortemrc.json': JSON.stringify({ maxBytes: 10, rules: { 'resolved-before-started': 'off' } }) });
      const result = await runCli(['lint', '--format', 'json'], { cwd: dir });
      expect(result.code).toBe(1);
      const diagnostics = JSON.parse(result.stdout) as Array<{ ruleId: string; severity: string; path: string }>;
      expect(
        diagnostics
          .filter((d) => d.ruleId === 'too-large')
          .map((d) => [d.path, d.severity])
          .sort(),
      ).toEqual([
        [config, 'error'],
        [dns, 'error'],
      ]);
      const exported = await runCli(['export', '--json'], { cwd: dir });
      expect(exported.code).toBe(1);
    });

    it.each([
      ['a bad severity', { rules: { 'empty-lessons': 'fatal' } }, /rule "empty-lessons" is set to "fatal", expected one of "off", "info", "warning", "error"/],
      ['an unknown key', { rule: {} }, /unknown key "rule", expected one of rules, timezone, maxBytes, taxonomy/],
      ['a bad maxBytes', { maxBytes: -1 }, /"maxBytes" must be a positive integer/],
      [
        'a fatal rule turned off',
        { maxBytes: 10, rules: { 'too-large': 'off' } },
        /rule "too-large" cannot be configured: it reports a file that could not be read as a postmortem/,
      ],
      ['a fatal rule re-graded', { rules: { 'frontmatter-yaml': 'info' } }, /rule "frontmatter-yaml" cannot be configured/],
    ])('%s is a usage error (exit 2)', async (_name, value, message) => {
      const result = await runCli(['lint'], { cwd: await projectWithProblems({ '.postmortemrc.json': JSON.stringify(value) }) });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    });

    it('invalid JSON is a usage error (exit 2)', async () => {
      const result = await runCli(['lint'], { cwd: await projectWithProblems({ '.postmortemrc.json': '{ rules: ' }) });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^postmortem lint: cannot read configuration .*\.postmortemrc\.json: /);
    });
  });

  describe('usage errors exit 2 with one line and no stack trace', () => {
    it.each([
      [['lint', 'missing-dir'], 'postmortem lint: path not found: missing-dir\n'],
      [['lint', '--fix'], `postmortem lint: unknown option '--fix' (see "postmortem lint --help")\n`],
      [
        ['lint', '--format', 'xml'],
        `postmortem lint: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are stylish, json, github. (see "postmortem lint --help")\n`,
      ],
    ])('%j', async (args, stderr) => {
      const result = await runCli(args, { cwd: await cleanProject() });
      expect(result).toEqual({ code: 2, stdout: '', stderr });
    });
  });

  describe('colour', () => {
    it('none with NO_COLOR, nor on a pipe by default', async () => {
      const dir = await projectWithProblems();
      for (const env of [plainEnv(), plainEnv({ NO_COLOR: undefined }), plainEnv({ FORCE_COLOR: '1' })]) {
        const result = await runCli(['lint'], { cwd: dir, env });
        expect(result.stdout).not.toMatch(escapeCodePattern);
        expect(result.stdout).toContain(errorLine);
      }
    });
    it('FORCE_COLOR turns colour on for a pipe (CI logs) when NO_COLOR is unset', async () => {
      const result = await runCli(['lint'], { cwd: await projectWithProblems(), env: plainEnv({ NO_COLOR: undefined, FORCE_COLOR: '1' }) });
      expect(result.stdout).toMatch(escapeCodePattern);
      expect(result.stdout.replace(/\u001b\[\d+m/g, '')).toContain(errorLine);
    });
  });

  it('no progress line when stderr is not a terminal, even for many files', async () => {
    const source = await readFixture(fixtureNames.config);
    const files: Record<string, string> = {};
    for (let index = 0; index < 210; index++)
      files[`postmortems/2024-01-10-incident-${index}.md`] = edit(source, ['id: config-push-outage', `id: incident-${index}`]);
    const result = await runCli(['lint'], { cwd: await makeProject(files) });
    expect(result.stdout).toBe('✔ 210 postmortems checked, no problems\n');
    expect(result.stderr).toBe('');
  });

  // `script` gives the CLI a terminal (util-linux); skipped where it is missing.
  it.skipIf(process.platform !== 'linux' || !existsSync('/usr/bin/script'))('a progress line on a terminal for more than 200 files', async () => {
    const source = await readFixture(fixtureNames.config);
    const files: Record<string, string> = {};
    for (let index = 0; index < 250; index++)
      files[`postmortems/2024-01-10-incident-${index}.md`] = edit(source, ['id: config-push-outage', `id: incident-${index}`]);
    const dir = await makeProject(files);
    const { stdout: output } = await promisify(execFile)('/usr/bin/script', ['-qec', `"${process.execPath}" "${cliBin}" lint`, '/dev/null'], {
      cwd: dir,
      env: plainEnv(),
    });
    expect(output).toContain('\rParsed 250/250 files…');
    expect(output).toContain('✔ 250 postmortems checked, no problems');
  });

  it('--help explains formats, exit codes and gives examples', async () => {
    const result = await runCli(['lint', '--help'], { cwd: await cleanProject() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: postmortem lint [options] [paths...]');
    expect(result.stdout).toContain('choices: "stylish", "json", "github"');
    expect(result.stdout).toContain('--verbose');
    expect(result.stdout).toContain('Exit codes:');
    expect(result.stdout).toContain('$ postmortem lint --format github --max-warnings 0');
  });
});

describe('postmortem lint on a collection whose facts live in frontmatter', { timeout }, () => {
  it('exits 0 with warnings only (UUID and hash file names, `start_time: ""`, company/product/keywords)', async () => {
    const result = await runCli(['lint', 'test/fixtures/shapes/frontmatter-collection'], { cwd: repositoryRoot });
    expect({ code: result.code, stdout: lines(result.stdout), stderr: result.stderr }).toEqual({
      code: 0,
      stdout: [
        'test/fixtures/shapes/frontmatter-collection/2f5b.md:1:1  warning  Unexpected postmortem without a title, expected `title:` in frontmatter or a `# Title` heading  missing-title',
        'test/fixtures/shapes/frontmatter-collection/7d40b2c19e5a83f6.md:1:1  warning  Unexpected postmortem without a title, expected `title:` in frontmatter or a `# Title` heading  missing-title',
        'test/fixtures/shapes/frontmatter-collection/c91f0e6a-2b7d-4f38-8a05-5e3d7c1b9f20.md:1:1  warning  Unexpected postmortem without a title, expected `title:` in frontmatter or a `# Title` heading  missing-title',
        '✖ 3 problems (0 errors, 3 warnings)',
      ],
      stderr: '',
    });
  });
});
