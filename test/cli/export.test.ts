/** `postmortem export`: JSON, NDJSON and CSV of the whole corpus. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edit, fixtureNames, fixtureProject, lines, makeProject, readFixture, runCli } from './helpers.js';

const project = fixtureProject;

const csvHeader = 'id,slug,title,date,status,severity,organization,services,categories,timeToResolveMinutes,actionItemsOpen,actionItemsDone,path';

describe.concurrent('postmortem export', () => {
  it('json (the default, and --json): a pretty-printed array of postmortems sorted by date', async () => {
    const dir = await project();
    const result = await runCli(['export'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.startsWith('[\n  {\n    "id": "config-push-outage",')).toBe(true);
    const postmortems = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(postmortems.map((postmortem) => postmortem.id)).toEqual(['config-push-outage', 'dns-resolver-overload']);
    expect(postmortems[1]).toMatchObject({
      title: 'DNS resolver overload',
      date: '2024-03-18',
      status: 'final',
      services: ['api', 'web'],
      categories: ['dns', 'capacity'],
      path: `postmortems/${fixtureNames.dns}`,
      metrics: { timeToDetectMinutes: 5, timeToMitigateMinutes: 40, timeToResolveMinutes: 90 },
      diagnostics: [],
    });
    const alias = await runCli(['export', '--json'], { cwd: dir });
    expect(alias.stdout).toBe(result.stdout);
  });

  it('ndjson: one compact object per line', async () => {
    const result = await runCli(['export', '--format', 'ndjson'], { cwd: await project() });
    const records = lines(result.stdout);
    expect(records).toHaveLength(2);
    expect(records.map((record) => (JSON.parse(record) as { id: string }).id)).toEqual(['config-push-outage', 'dns-resolver-overload']);
  });

  it('csv: a header and one CRLF-terminated row per incident', async () => {
    const result = await runCli(['export', '--format', 'csv'], { cwd: await project() });
    expect(result.stdout).toBe(
      [
        csvHeader,
        `config-push-outage,2024-01-10-config-push-outage,Config push outage,2024-01-10,draft,SEV1,Example Corp,api,config-change,45,0,1,postmortems/${fixtureNames.config}`,
        `dns-resolver-overload,2024-03-18-dns-resolver-overload,DNS resolver overload,2024-03-18,final,SEV2,Example Corp,api;web,dns;capacity,90,1,1,postmortems/${fixtureNames.dns}`,
        '',
      ].join('\r\n'),
    );
  });

  it('csv: RFC 4180 quoting, formula-injection guard (each list item too), line breaks escaped', async () => {
    const source = edit(
      await readFixture(fixtureNames.config),
      ['title: Config push outage', `title: '=HYPERLINK("http://evil.example"), "quoted", and more'`],
      ['organization: Example Corp', 'organization: "@acme\\nline two"'],
      ['services: [api]', 'services: ["+billing", "-ledger"]'],
    );
    const dir = await makeProject({ [`postmortems/${fixtureNames.config}`]: source });
    const result = await runCli(['export', '--format', 'csv'], { cwd: dir });
    expect(result.stdout).toBe(
      [
        csvHeader,
        `config-push-outage,2024-01-10-config-push-outage,"'=HYPERLINK(""http://evil.example""), ""quoted"", and more",2024-01-10,draft,SEV1,'@acme\\nline two,'+billing;'-ledger,config-change,45,0,1,postmortems/${fixtureNames.config}`,
        '',
      ].join('\r\n'),
    );
  });

  it('--output writes the file instead of stdout', async () => {
    const dir = await project();
    const result = await runCli(['export', '--format', 'csv', '--output', 'out/incidents.csv'], { cwd: dir });
    // The output directory must exist; a missing one is a failed run (exit 2, one line).
    expect(result).toMatchObject({ code: 2, stdout: '' });
    const written = await runCli(['export', '--format', 'csv', '-o', 'incidents.csv'], { cwd: dir });
    expect(written).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await readFile(join(dir, 'incidents.csv'), 'utf8')).split('\r\n')[0]).toBe(csvHeader);
  });

  it('files with errors: everything is still exported, errors go to stderr, exit 1', async () => {
    const broken = edit(await readFixture(fixtureNames.dns), ['resolved_at: 2024-03-18T15:30:00Z', 'resolved_at: 2024-03-18T13:30:00Z'], [' @sre-team', '']);
    const dir = await project({ [`postmortems/${fixtureNames.dns}`]: broken });
    const result = await runCli(['export', '--format', 'ndjson'], { cwd: dir });
    expect(lines(result.stdout)).toHaveLength(2);
    expect(result.stderr).toBe(
      `postmortems/${fixtureNames.dns}:14:1  error  Unexpected end 2024-03-18T13:30:00Z before start 2024-03-18T14:00:00Z, expected the incident to end after it starts  resolved-before-started\n`,
    );
    expect(result.code).toBe(1);
  });

  it('the configuration applies: an error turned off no longer fails the export', async () => {
    const broken = edit(await readFixture(fixtureNames.dns), ['resolved_at: 2024-03-18T15:30:00Z', 'resolved_at: 2024-03-18T13:30:00Z']);
    const dir = await project({ [`postmortems/${fixtureNames.dns}`]: broken, '.postmortemrc.json': '{ "rules": { "resolved-before-started": "off" } }' });
    const result = await runCli(['export'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('usage errors: --json with --format, an unknown format', async () => {
    const dir = await project();
    expect(await runCli(['export', '--json', '--format', 'csv'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: `postmortem export: option '--json' cannot be used with option '-f, --format <format>' (see "postmortem export --help")\n`,
    });
    expect((await runCli(['export', '--format', 'yaml'], { cwd: dir })).code).toBe(2);
  });

  it('--help lists the formats and examples', async () => {
    const result = await runCli(['export', '--help'], { cwd: await project() });
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('(choices: "json", "ndjson", "csv")');
    expect(result.stdout).toContain('$ postmortem export --format csv --output incidents.csv');
  });
});
