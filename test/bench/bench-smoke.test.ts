import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

describe('bench/run.js --smoke', () => {
  it('prints the table with every row and finite figures', async () => {
    const { stdout } = await run(process.execPath, ['bench/run.js', '--smoke'], { cwd: root, timeout: 240_000, maxBuffer: 10_000_000 });
    const rows = stdout
      .split('\n')
      .filter((line) => /^\| (?:parse|search|lint|cli) \|/.test(line))
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    expect(rows.map(([section, measure]) => `${section}: ${measure}`)).toEqual([
      'parse: ours 1 thread vs naive floor (ms)',
      expect.stringMatching(/^parse: ours pool \(\d+ workers\) vs ours 1 thread \(ms\)$/),
      'search: first-search payload, gzip (KB)',
      'search: index load (ms)',
      'search: query median (ms)',
      'search: query p95 (ms)',
      'search: relevance: expected in top 5',
      'search: index build at site build (ms)',
      'lint: postmortem lint (s)',
      'cli: postmortem --version vs node -e 0 (median ms)',
      'cli: postmortem --help vs node -e 0 (median ms)',
      'cli: postmortem lint one file vs node -e 0 (median ms)',
    ]);
    for (const [section, measure, size, ours, baseline] of rows) {
      expect(Number(size)).toBeGreaterThan(0);
      expect(Number.isFinite(Number(ours))).toBe(true);
      // Lint and the index build have no baseline; every other row does.
      if (section !== 'lint' && !measure!.startsWith('index build')) expect(Number.isFinite(Number(baseline))).toBe(true);
    }
  }, 300_000);
});
