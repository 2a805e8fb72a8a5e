/**
 * Templates among the reports and the configuration's `ignore` globs, as every command sees
 * them: lint names each skipped template (an info line with --verbose), the other commands
 * name it on stderr, and no command reads what `ignore` matches.
 */
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines, makeProject, repositoryRoot, runCli } from './helpers.js';

const shapes = join(repositoryRoot, 'test/fixtures/shapes/templates/ok');
const templateLine = (file: string, reason: string) =>
  `postmortems/${file}:1:1  info  Unexpected postmortem template (${reason}), expected an incident; the file is skipped (set \`template: false\` in its frontmatter to keep it)  postmortem-template`;

/** The templates fixture as `postmortems/`, with a configuration ignoring `drafts/`. */
async function project(config: Record<string, unknown> = { ignore: ['drafts/**'] }): Promise<string> {
  const dir = await makeProject({ '.postmortemrc.json': JSON.stringify(config) });
  await cp(shapes, join(dir, 'postmortems'), { recursive: true });
  return dir;
}

describe.concurrent('templates and ignore globs in the CLI', () => {
  it('lint --verbose names each skipped template and checks only the incident; drafts are ignored', async () => {
    const result = await runCli(['lint', '--verbose'], { cwd: await project() });
    expect({ code: result.code, stdout: lines(result.stdout) }).toEqual({
      code: 0,
      stdout: [
        templateLine('2022-10/issue-name.md', 'its title `ISSUE NAME - DD/MM/YYYY` holds a date format, not a date'),
        templateLine('Incident-Template.md', 'its file name `Incident-Template.md` names a template'),
        templateLine(
          'postmortem-skeleton.md',
          'its body holds placeholders (`[Describe the incident in one paragraph]`, `XX:XX`, `[What happened]`) and no dated event',
        ),
        templateLine('runbook-form.md', 'its frontmatter marks it as a template'),
        '✔ 1 postmortem checked, no problems',
      ],
    });
  });

  it('export reads the same files and names the skipped templates on stderr', async () => {
    const result = await runCli(['export', '--format', 'json'], { cwd: await project() });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Array<{ slug: string }>).map((postmortem) => postmortem.slug)).toEqual(['2022-10-22-webhooks-dropped']);
    expect(lines(result.stderr).map((line) => /^postmortem: skipped (\S+): Unexpected postmortem template \(/.exec(line)?.[1])).toEqual([
      'postmortems/2022-10/issue-name.md',
      'postmortems/Incident-Template.md',
      'postmortems/postmortem-skeleton.md',
      'postmortems/runbook-form.md',
    ]);
  });

  it('without `ignore` the draft is read', async () => {
    const result = await runCli(['export', '--format', 'json'], { cwd: await project({}) });
    expect((JSON.parse(result.stdout) as Array<{ slug: string }>).map((postmortem) => postmortem.slug)).toEqual([
      '2022-10-22-webhooks-dropped',
      '2022-11-02-cache-stampede',
    ]);
  });

  it('refuses an `ignore` that is not a list of globs, naming the key', async () => {
    const result = await runCli(['lint'], { cwd: await project({ ignore: 'drafts/**' }) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"ignore": expected an array of glob strings such as ["drafts/**", "*-template.md"]');
  });
});
