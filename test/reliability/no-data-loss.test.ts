/**
 * No data loss and no side effects: a section we cannot classify is kept verbatim, and
 * `parsePostmortem` is pure (it runs under Node's permission model with no write access).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePostmortem } from '@postmortem-kb/parser';

describe('no data loss', () => {
  it('a section we cannot classify is kept, its text verbatim', () => {
    const content = 'Free-form notes the parser has no name for: keep them.\nSecond line, same paragraph.';
    const result = parsePostmortem(`# Title\n\n## Zebra crossing notes\n\n${content}\n\n## Timeline\n\n- 12:00 UTC x\n`, { today: '2026-01-01' });
    const section = result.sections.find((candidate) => candidate.heading === 'Zebra crossing notes');
    expect(section).toEqual({ heading: 'Zebra crossing notes', kind: null, depth: 2, line: 3, text: content });
    expect(result.html).toContain('Second line, same paragraph.');
  });

  it('a body the parser refuses to parse as markdown is kept verbatim (escaped) in html', () => {
    const body = '>'.repeat(5000) + ' <script>alert(1)</script>';
    const result = parsePostmortem(`# Title\n\n${body}\n`, { today: '2026-01-01' });
    expect(result.diagnostics.find((diagnostic) => diagnostic.ruleId === 'too-large')).toMatchObject({ line: 3, column: 66 });
    expect(result.html.startsWith('<pre><code>')).toBe(true);
    expect(result.html).not.toContain('<script>');
    expect(result.html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    expect(result.html).toContain('# Title\n\n' + '>'.repeat(5000));
  });
});

describe('purity', () => {
  const flags = ['--experimental-permission', '--allow-fs-read=*', '--no-warnings', '--input-type=module'];
  const cwd = fileURLToPath(new URL('../../', import.meta.url));

  it('the permission model used by the reliability tests does block writes', () => {
    const run = spawnSync(process.execPath, [...flags, '-e', "import('node:fs').then((fs) => fs.writeFileSync('/tmp/pmkb-should-not-exist', 'x'))"], {
      cwd,
      encoding: 'utf8',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('ERR_ACCESS_DENIED');
  });

  it('parsePostmortem runs with no write, child-process or worker permission', () => {
    const script = [
      "import { readFileSync, readdirSync } from 'node:fs';",
      "import { parsePostmortem } from '@postmortem-kb/parser';",
      "let n = 0; for (const name of readdirSync('postmortems').filter((f) => f.endsWith('.md'))) { parsePostmortem(readFileSync('postmortems/' + name, 'utf8'), { path: name }); n++; }",
      'console.log(n);',
    ].join('\n');
    const run = spawnSync(process.execPath, [...flags, '-e', script], { cwd, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(Number(run.stdout)).toBeGreaterThan(50);
  });
});
