/** `postmortem stats` and `postmortem related`. */
import { describe, expect, it } from 'vitest';
import { copyFixtures, edit, fixtureNames, makeProject, readFixture, runCli, writeFiles } from './helpers.js';

/** The two fixtures plus a third incident sharing the DNS one's service and category. */
async function project(): Promise<string> {
  const dir = await makeProject();
  await copyFixtures(dir, [fixtureNames.taxonomy, fixtureNames.config, fixtureNames.dns], 'postmortems');
  const third = edit(await readFixture(fixtureNames.config),
    ['id: config-push-outage', 'id: cache-stampede'],
    ['title: Config push outage', 'title: Cache stampede'],
    ['date: 2024-01-10', 'date: 2023-06-01'],
    ['services: [api]', 'services: [web]'],
    ['categories: [config-change]', 'categories: [capacity]'],
    ['started_at: 2024-01-10T09:00:00Z', 'started_at: 2023-06-01T09:00:00Z'],
    ['resolved_at: 2024-01-10T09:45:00Z', 'resolved_at: 2023-06-02T11:00:00Z'],
    ['- [x] Validate configuration before pushing it @bob', '- [ ] Add request coalescing @carol due: 2023-07-01'],
  );
  await writeFiles(dir, { 'postmortems/2023-06-01-cache-stampede.md': third });
  return dir;
}

describe.concurrent('postmortem stats', () => {
  it('--json: counts, time to resolve and action items', async () => {
    const result = await runCli(['stats', '--json'], { cwd: await project() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      postmortems: 3,
      byCategory: [{ key: 'capacity', count: 2 }, { key: 'config-change', count: 1 }, { key: 'dns', count: 1 }],
      byService: [{ key: 'api', count: 2 }, { key: 'web', count: 2 }],
      byYear: [{ key: '2023', count: 1 }, { key: '2024', count: 2 }],
      timeToResolveMinutes: { count: 3, p50: 90, p90: 1560, max: 1560 },
      actionItems: { total: 4, open: 2, done: 2, overdue: 1 },
    });
  });

  it('a readable table with aligned columns', async () => {
    const result = await runCli(['stats'], { cwd: await project() });
    expect(result.stdout).toBe([
      '3 postmortems',
      '',
      'Category       incidents',
      'capacity               2',
      'config-change          1',
      'dns                    1',
      '',
      'Service  incidents',
      'api              2',
      'web              2',
      '',
      'Year  incidents',
      '2023          1',
      '2024          2',
      '',
      'Time to resolve',
      'p50                 1h 30m',
      'p90                    26h',
      'max                    26h',
      'incidents measured       3',
      '',
      'Action items',
      'open          2',
      'overdue       1',
      'done          2',
      'total         4',
      '',
    ].join('\n'));
  });
});

describe.concurrent('postmortem related', () => {
  it('lists related incidents with reasons, best first', async () => {
    const result = await runCli(['related', `postmortems/${fixtureNames.dns}`], { cwd: await project() });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe([
      'Related to DNS resolver overload:',
      '',
      'date        incident            why',
      '2024-01-10  Config push outage  linked from this postmortem; same service: api; same organization: Example Corp',
      '2023-06-01  Cache stampede      same category: capacity; same service: web; same organization: Example Corp',
      '',
    ].join('\n'));
  });

  it('--json and --limit', async () => {
    const result = await runCli(['related', `postmortems/${fixtureNames.dns}`, '--json', '--limit', '1'], { cwd: await project() });
    expect(JSON.parse(result.stdout)).toEqual([
      {
        id: 'config-push-outage',
        title: 'Config push outage',
        date: '2024-01-10',
        path: `postmortems/${fixtureNames.config}`,
        score: 13,
        reasons: ['linked from this postmortem', 'same service: api', 'same organization: Example Corp'],
      },
    ]);
  });

  it('--dir searches another corpus', async () => {
    const dir = await project();
    await writeFiles(dir, { [`elsewhere/${fixtureNames.dns}`]: await readFixture(fixtureNames.dns) });
    const result = await runCli(['related', `elsewhere/${fixtureNames.dns}`, '--dir', 'postmortems', '--json'], { cwd: dir });
    expect((JSON.parse(result.stdout) as Array<{ id: string }>).map((incident) => incident.id)).toEqual(['config-push-outage', 'dns-resolver-overload', 'cache-stampede']);
  });

  it('usage errors: missing file, not a postmortem, bad --limit (exit 2)', async () => {
    const dir = await project();
    expect(await runCli(['related', 'nope.md'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'postmortem related: path not found: nope.md\n' });
    expect(await runCli(['related', 'postmortems/taxonomy.yaml'], { cwd: dir })).toMatchObject({ code: 2, stderr: 'postmortem related: not a postmortem file: postmortems/taxonomy.yaml (expected a .md file not starting with _)\n' });
    expect((await runCli(['related', `postmortems/${fixtureNames.dns}`, '--limit', '0'], { cwd: dir })).code).toBe(2);
  });
});
