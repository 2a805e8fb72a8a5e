import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../import/helpers.js';
import { makeProject, runCli } from './helpers.js';

const googleDoc = fixture('google-docs/checkout-outage.html');
const written = 'out/2024-09-20-checkout-api-returns-502-after-a-config-push.md';

/** The fields a round trip must keep, from `export --json` (positions and paths dropped). */
function exported(json: string) {
  return (JSON.parse(json) as Array<Record<string, unknown>>).map((p) => ({
    title: p.title,
    date: p.date,
    severity: p.severity,
    status: p.status,
    services: p.services,
    categories: p.categories,
    authors: p.authors,
    timeline: (p.timeline as Array<Record<string, unknown>>).map(({ at, text, marker }) => ({ at, text, marker })),
    actionItems: (p.actionItems as Array<Record<string, unknown>>).map(({ text, owner, status, due }) => ({ text, owner, status, due })),
    sections: (p.sections as Array<Record<string, unknown>>).map(({ heading, kind, depth }) => ({ heading, kind, depth })),
  }));
}

describe('postmortem import', () => {
  it('writes <date>-<slug>.md and its images, and reports what the parser recognised', async () => {
    const dir = await makeProject();
    const result = await runCli(['import', googleDoc, '--from', 'html', '--out', 'out'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.stdout.replace(googleDoc, '<input>')).toBe(
      [
        `${written} ← <input>`,
        '  recognised: title "Checkout API returns 502 after a config push", date 2024-09-20, severity SEV2, status final, sections summary, impact, timeline, rootCause, remediation, 3 timeline entries, 2 action items, 1 image',
        '  not recognised: "Customer communication" (kept as text under its heading)',
        '1 of 1 document imported into out',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(0);
    expect((await readdir(join(dir, 'out'))).sort()).toEqual(['2024-09-20-checkout-api-returns-502-after-a-config-push.md', 'images']);
    expect(await readdir(join(dir, 'out/images'))).toEqual(['805924e65dff89cc.png']);
    expect(await readFile(join(dir, 'out/images/805924e65dff89cc.png'))).toEqual(await readFile(fixture('google-docs/images/image1.png')));
  });

  it('never overwrites an existing file unless --force is given', async () => {
    const dir = await makeProject({ [written]: 'mine\n' });
    const refused = await runCli(['import', googleDoc, '--from', 'html', '--out', 'out'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`  ${written} already exists; not overwriting it (--force to replace it)\n0 of 1 document imported into out\n`);
    expect(await readFile(join(dir, written), 'utf8')).toBe('mine\n');
    const forced = await runCli(['import', googleDoc, '--from', 'html', '--out', 'out', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(await readFile(join(dir, written), 'utf8')).toMatch(/^---\ntitle: Checkout API returns 502 after a config push\n---\n/);
  });

  it('prints the plan and writes nothing with --dry-run', async () => {
    const dir = await makeProject();
    const result = await runCli(['import', googleDoc, '--from', 'html', '--out', 'out', '--dry-run'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(`would write ${written} ← ${googleDoc}`);
    expect(result.stdout).toContain('1 document would be imported into out (dry run: nothing written)\n');
    expect(await readdir(dir)).toEqual([]);
  });

  it('prints the report as JSON with --json, refusals included', async () => {
    const dir = await makeProject({ 'deep.html': `${'<div>'.repeat(300)}text` });
    const result = await runCli(['import', googleDoc, 'deep.html', '--from', 'html', '--out', 'out', '--json'], { cwd: dir });
    expect(result.code).toBe(1);
    const reports = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(reports.map(({ path, written: done, skipped }) => ({ path, written: done, skipped }))).toEqual([
      { path: written, written: true, skipped: null },
      { path: null, written: false, skipped: 'Unexpected element nesting 303 deep, expected at most 256; not imported' },
    ]);
    expect(reports[0]!.recognised).toMatchObject({
      title: 'Checkout API returns 502 after a config push',
      date: '2024-09-20',
      timelineEntries: 3,
      actionItems: 2,
    });
  });

  it('reports in input order and names repeated titles -2, -3 … in that order while earlier files are still being written', async () => {
    const rows = Array.from({ length: 40 }, (_, index) => `Same title,2024-01-02,summary ${index + 1}`);
    const dir = await makeProject({ 'log.csv': `Title,Date,Summary\n${rows.join('\n')}\n`, 'out/2024-01-02-same-title-5.md': 'mine\n' });
    const result = await runCli(['import', 'log.csv', '--from', 'csv', '--out', 'out', '--json'], { cwd: dir });
    expect(result.code).toBe(1);
    const reports = JSON.parse(result.stdout) as Array<{ source: string; path: string; written: boolean }>;
    const name = (index: number) => `out/2024-01-02-same-title${index === 0 ? '' : `-${index + 1}`}.md`;
    expect(reports.map(({ source, path, written: done }) => ({ source, path, written: done }))).toEqual(
      rows.map((_, index) => ({ source: `log.csv (line ${index + 2})`, path: name(index), written: index !== 4 })),
    );
    expect(await readFile(join(dir, name(4)), 'utf8')).toBe('mine\n');
    for (const index of [0, 17, 39]) expect(await readFile(join(dir, name(index)), 'utf8')).toContain(`summary ${index + 1}`);
    expect((await readdir(join(dir, 'out'))).filter((file) => file.endsWith('.md'))).toHaveLength(40);
  });

  it('round trip: the written markdown imported again gives the same fields in export --json', async () => {
    const dir = await makeProject();
    const inputs = [googleDoc, fixture('confluence/export-page.html'), fixture('confluence/eu-payment-certificate-expiry.xhtml'), fixture('hostile.html')];
    expect((await runCli(['import', ...inputs, '--from', 'html', '--out', 'first'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['import', 'first', '--from', 'markdown', '--out', 'second'], { cwd: dir })).code).toBe(0);
    const first = await runCli(['export', '--json', 'first'], { cwd: dir });
    const second = await runCli(['export', '--json', 'second'], { cwd: dir });
    expect(exported(first.stdout)).toHaveLength(4);
    expect(exported(second.stdout)).toEqual(exported(first.stdout));
    expect((await readdir(join(dir, 'second/images'))).sort()).toEqual((await readdir(join(dir, 'first/images'))).sort());
  }, 120_000);

  it('round trip of a Notion export: the written markdown imported again gives the same fields', async () => {
    const dir = await makeProject();
    expect((await runCli(['import', fixture('notion'), '--from', 'notion', '--out', 'first'], { cwd: dir })).code).toBe(0);
    expect((await readdir(join(dir, 'first'))).sort()).toEqual([
      '2023-03-03-search-cluster-disk-full.md',
      '2024-06-11-payments-webhook-delays.md',
      '2024-09-20-checkout-502s-after-lb-config-push.md',
      'images',
      'incident-review-checklist.md',
    ]);
    expect((await runCli(['import', 'first', '--from', 'markdown', '--out', 'second'], { cwd: dir })).code).toBe(0);
    const first = exported((await runCli(['export', '--json', 'first'], { cwd: dir })).stdout);
    expect(first).toHaveLength(4);
    expect(exported((await runCli(['export', '--json', 'second'], { cwd: dir })).stdout)).toEqual(first);
  }, 120_000);

  it('is a usage error without --from, with an unknown format, or a missing input', async () => {
    const dir = await makeProject({ 'a.csv': 'title\nx\n' });
    const cases = [
      [['import', 'a.csv'], 'postmortem import: required option \'--from <format>\' not specified (see "postmortem import --help")\n'],
      [
        ['import', 'a.csv', '--from', 'pdf'],
        "postmortem import: option '--from <format>' argument 'pdf' is invalid. Allowed choices are html, docx, notion, github-issues, gitlab-issues, csv, markdown. (see \"postmortem import --help\")\n",
      ],
      [
        ['import', 'a.csv', '--from', 'csv', '--map', 'Incident=name'],
        'postmortem import: --map "Incident=name": unknown field "name", expected one of title, date, severity, status, organization, services, categories, tags, authors, started_at, detected_at, mitigated_at, resolved_at, sources, id, summary, impact, timeline, rootCause, trigger, detection, resolution, actionItems, lessons, ignore\n',
      ],
      [['import', 'missing.html', '--from', 'html'], 'postmortem import: path not found: missing.html\n'],
    ] as const;
    for (const [args, stderr] of cases) {
      const result = await runCli(args, { cwd: dir });
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 2, stderr });
    }
  }, 120_000);

  it('rejects an invalid "import" configuration naming what is expected', async () => {
    const dir = await makeProject({ '.postmortemrc.json': JSON.stringify({ import: { labels: { 'team::*': 'owner' } } }), 'a.html': '<h1>x</h1>' });
    const result = await runCli(['import', 'a.html', '--from', 'html'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `postmortem import: invalid configuration in ${join(dir, '.postmortemrc.json')}: "import.labels" maps "team::*" to "owner", expected one of "category", "service", "severity", "status", "tag", "ignore"\n`,
    );
  });
});
