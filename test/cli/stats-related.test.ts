/** `postmortem stats` and `postmortem related`. */
import { describe, expect, it } from 'vitest';
import { edit, fixtureNames, fixtureProject, readFixture, runCli, writeFiles } from './helpers.js';

/** The two fixtures plus a third incident sharing the DNS one's service and category. */
async function project(): Promise<string> {
  const third = edit(
    await readFixture(fixtureNames.config),
    ['id: config-push-outage', 'id: cache-stampede'],
    ['title: Config push outage', 'title: Cache stampede'],
    ['date: 2024-01-10', 'date: 2023-06-01'],
    ['services: [api]', 'services: [web]'],
    ['categories: [config-change]', 'categories: [capacity]'],
    ['started_at: 2024-01-10T09:00:00Z', 'started_at: 2023-06-01T09:00:00Z'],
    ['resolved_at: 2024-01-10T09:45:00Z', 'resolved_at: 2023-06-02T11:00:00Z'],
    ['- [x] Validate configuration before pushing it @bob', '- [ ] Add request coalescing @carol due: 2023-07-01'],
  );
  return fixtureProject({ 'postmortems/2023-06-01-cache-stampede.md': third });
}

describe.concurrent('postmortem stats', () => {
  it('--json: counts, time to resolve and action items', async () => {
    const result = await runCli(['stats', '--json'], { cwd: await project() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      total: 3,
      byCategory: { capacity: 2, 'config-change': 1, dns: 1 },
      byTrigger: {},
      byTriggerAndCategory: {},
      byService: { api: 2, web: 2 },
      byOrganization: { 'Example Corp': 3 },
      bySeverity: { SEV1: 2, SEV2: 1 },
      byYear: { 2023: 1, 2024: 2 },
      byYearAndCategory: { 2023: { capacity: 1 }, 2024: { capacity: 1, 'config-change': 1, dns: 1 } },
      timeToResolve: {
        count: 3,
        minutes: [45, 90, 1560],
        p50: 90,
        p90: 1560,
        p95: 1560,
        max: 1560,
        histogram: [
          { label: '<1h', count: 1 },
          { label: '1–4h', count: 1 },
          { label: '4–12h', count: 0 },
          { label: '12–24h', count: 0 },
          { label: '1–3d', count: 1 },
          { label: '>3d', count: 0 },
        ],
      },
      actionItems: { total: 4, open: 2, done: 2, unknown: 0, overdue: 1 },
    });
  });

  it('a readable table with aligned columns', async () => {
    const result = await runCli(['stats'], { cwd: await project() });
    expect(result.stdout).toBe(
      [
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
        'no status     0',
        'total         4',
        '',
      ].join('\n'),
    );
  });
});

describe.concurrent('postmortem stats with triggers', () => {
  it('counts triggers and prints the trigger × root-cause matrix, columns the --top categories', async () => {
    const dir = await project();
    const withTrigger = async (name: string, trigger: string) =>
      writeFiles(dir, {
        [`postmortems/${name}`]: edit(await readFixture(name), ['organization: Example Corp', `organization: Example Corp\ntrigger: ${trigger}`]),
      });
    await withTrigger(fixtureNames.config, 'config-push');
    await withTrigger(fixtureNames.dns, 'traffic-surge');
    const json = await runCli(['stats', '--json'], { cwd: dir });
    expect(JSON.parse(json.stdout)).toMatchObject({
      byTrigger: { 'config-push': 1, 'traffic-surge': 1 },
      byTriggerAndCategory: { 'config-push': { 'config-change': 1 }, 'traffic-surge': { capacity: 1, dns: 1 } },
    });
    const table = await runCli(['stats', '--top', '2'], { cwd: dir });
    expect(table.stdout).toContain(
      [
        'Trigger        incidents',
        'config-push            1',
        'traffic-surge          1',
        '',
        'Trigger × cause  capacity  config-change',
        'config-push             0              1',
        'traffic-surge           1              0',
      ].join('\n'),
    );
  });
});

describe.concurrent('postmortem related', () => {
  it('lists related incidents with reasons, best first', async () => {
    const result = await runCli(['related', `postmortems/${fixtureNames.dns}`], { cwd: await project() });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'Related to DNS resolver overload:',
        '',
        'date        incident            why',
        '2024-01-10  Config push outage  Linked as related; Same service: api; Same organization: Example Corp; Similar text: "api"',
        '2023-06-01  Cache stampede      Shared root cause: capacity; Same service: web; Same organization: Example Corp; Similar text: "api"',
        '',
      ].join('\n'),
    );
  });

  it('--json and --limit', async () => {
    const result = await runCli(['related', `postmortems/${fixtureNames.dns}`, '--json', '--limit', '1'], { cwd: await project() });
    expect(JSON.parse(result.stdout)).toEqual([
      {
        id: 'config-push-outage',
        slug: '2024-01-10-config-push-outage',
        title: 'Config push outage',
        date: '2024-01-10',
        path: `postmortems/${fixtureNames.config}`,
        score: 102.787,
        reasons: [
          { kind: 'link', label: 'Linked as related' },
          { kind: 'service', label: 'Same service: api' },
          { kind: 'organization', label: 'Same organization: Example Corp' },
          { kind: 'text', label: 'Similar text: "api"' },
        ],
      },
    ]);
  });

  it('--dir searches another corpus, leaving out the same incident (same slug) found there', async () => {
    const dir = await project();
    await writeFiles(dir, { [`elsewhere/${fixtureNames.dns}`]: await readFixture(fixtureNames.dns) });
    const result = await runCli(['related', `elsewhere/${fixtureNames.dns}`, '--dir', 'postmortems', '--json'], { cwd: dir });
    expect((JSON.parse(result.stdout) as Array<{ id: string }>).map((incident) => incident.id)).toEqual(['config-push-outage', 'cache-stampede']);
  });

  it('usage errors: missing file, not a postmortem, bad --limit (exit 2)', async () => {
    const dir = await project();
    expect(await runCli(['related', 'nope.md'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'postmortem related: path not found: nope.md\n' });
    expect(await runCli(['related', 'postmortems/taxonomy.yaml'], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: 'postmortem related: not a postmortem file: postmortems/taxonomy.yaml (expected a .md file not starting with _)\n',
    });
    expect((await runCli(['related', `postmortems/${fixtureNames.dns}`, '--limit', '0'], { cwd: dir })).code).toBe(2);
  });
});
