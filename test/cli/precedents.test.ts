/** `postmortem precedents`. */
import { describe, expect, it } from 'vitest';
import { edit, fixtureNames, fixtureProject, readFixture, runCli } from './helpers.js';

/** The two fixtures in postmortems/, plus an older incident on another service. */
async function project(): Promise<string> {
  const other = edit(
    await readFixture(fixtureNames.config),
    ['id: config-push-outage', 'id: billing-queue'],
    ['title: Config push outage', 'title: Billing queue backlog'],
    ['services: [api]', 'services: [billing]'],
    ['categories: [config-change]', 'categories: [capacity]'],
  );
  return fixtureProject({ 'postmortems/2023-01-01-billing-queue.md': other });
}

describe.concurrent('postmortem precedents', () => {
  it('--json: incidents on the service, with lessons and still-open follow-ups', async () => {
    const result = await runCli(['precedents', '--service', 'web', '--category', 'dns', '--json'], { cwd: await project() });
    expect(result.code).toBe(0);
    const found = JSON.parse(result.stdout) as Array<{
      id: string;
      reasons: Array<{ kind: string }>;
      lessons: string[];
      openFollowUps: Array<{ text: string }>;
    }>;
    expect(found.map((precedent) => precedent.id)).toEqual(['dns-resolver-overload']);
    expect(found[0]!.reasons.map((reason) => reason.kind)).toEqual(['category', 'service']);
    const fixture = await readFixture(fixtureNames.dns);
    for (const lesson of found[0]!.lessons) expect(fixture).toContain(lesson);
    for (const item of found[0]!.openFollowUps)
      expect(fixture).toMatch(new RegExp(`- \\[ \\] ${item.text.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(found[0]!.openFollowUps.length).toBeGreaterThan(0);
  });

  it('a readable list, --dir and --limit', async () => {
    const dir = await project();
    const result = await runCli(['precedents', '--service', 'api', '--dir', 'postmortems', '--limit', '1'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('Precedents for api:');
    expect(result.stdout).toContain('1. ');
    expect(result.stdout).not.toContain('2. ');
    expect(result.stdout).toContain('why: Same service: api');
  });

  it('nothing to compare is a usage error; no match is said so', async () => {
    const dir = await project();
    expect(await runCli(['precedents'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'postmortem precedents: expected at least one of --service, --category and --text\n',
    });
    expect(await runCli(['precedents', '--service', 'nowhere'], { cwd: dir })).toMatchObject({ code: 0, stdout: 'No precedents for nowhere.\n' });
  });
});
