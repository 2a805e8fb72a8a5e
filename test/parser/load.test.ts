import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic, loadPostmortems } from '@postmortem-kb/parser';

const run = promisify(execFile);
const parserEntry = fileURLToPath(new URL('../../packages/parser/dist/index.js', import.meta.url));
const parsePool = fileURLToPath(new URL('../../packages/parser/dist/lib/parse-pool.js', import.meta.url));
const hookedWorker = new URL('./_hooked-parse-worker.mjs', import.meta.url).href;

const postmortem = (title: string, date: string) =>
  ['---', `title: ${title}`, `date: ${date}`, 'status: draft', '---', '', '## Summary', '', `${title} happened.`, ''].join('\n');

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pmkb-load-'));
  await writeFile(join(dir, '2024-03-01-c.md'), postmortem('C', '2024-03-01'));
  await writeFile(join(dir, '2024-01-01-a.md'), postmortem('A', '2024-01-01'));
  await writeFile(join(dir, '2024-02-01-b.md'), postmortem('B', '2024-02-01'));
  await writeFile(join(dir, 'huge.md'), postmortem('Huge', '2024-04-01') + 'x'.repeat(4_000));
  await writeFile(join(dir, 'slow.md'), postmortem('Slow', '2024-05-01'));
  await writeFile(join(dir, 'greedy.md'), postmortem('Greedy', '2024-06-01'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Loads `from` (default: `dir`) in a child process (so we see it exit); with `hooks`, its
 * workers run the test worker that blocks on `slowFile` and exhausts the heap on `oomFile`.
 */
async function loadInChild(
  options: Record<string, unknown>,
  hooks: { slowFile?: string; oomFile?: string; startupMs?: number } | null = null,
  { from = dir, nodeFlags = [] as string[] } = {},
) {
  const inject =
    hooks === null
      ? ''
      : `await (await import(${JSON.stringify(parsePool)})).useParseWorker(new URL(${JSON.stringify(hookedWorker)}), ${JSON.stringify(hooks)});`;
  const script = `
    ${inject}
    const { loadPostmortems } = await import(${JSON.stringify(parserEntry)});
    const result = await loadPostmortems(${JSON.stringify(from)}, { cwd: ${JSON.stringify(from)}, ...${JSON.stringify(options)} });
    console.log(JSON.stringify(result.map((p) => ({ slug: p.slug, errors: p.diagnostics.filter((d) => d.severity === 'error').map((d) => \`\${d.line}:\${d.column} \${d.ruleId}: \${d.message}\`) }))));
  `;
  const { stdout } = await run(process.execPath, [...nodeFlags, '--input-type=module', '-e', script], { timeout: 60_000 });
  return { results: JSON.parse(stdout) as Array<{ slug: string; errors: string[] }> };
}

describe('loadPostmortems: isolation in worker threads', () => {
  it('turns a too-large file, a file over the time limit and a file over the memory limit into diagnostics, and exits', { timeout: 90_000 }, async () => {
    const { results } = await loadInChild(
      // The time limit leaves the greedy file ample time to exhaust its heap on a loaded machine.
      { workers: 2, maxBytes: 1_000, timeoutMs: 15_000, maxMemoryMb: 64 },
      { slowFile: 'slow.md', oomFile: 'greedy.md' },
    );
    // Failed files have no date, so they sort first (by slug), then the rest by date.
    expect(results).toEqual([
      {
        slug: 'greedy',
        errors: [
          "1:1 too-large: Unexpected file that needs more than 64 MB to parse, expected it to fit the parse worker's heap (raise maxMemoryMb to parse it)",
        ],
      },
      {
        slug: 'huge',
        errors: [expect.stringMatching(/^1:1 too-large: Unexpected file of \d+ bytes, expected at most 1000 bytes \(raise maxBytes to parse it\)$/)],
      },
      {
        slug: 'slow',
        errors: ['1:1 timeout: Unexpected parse taking longer than 15000 ms, expected each file to parse within the time limit (raise timeoutMs to parse it)'],
      },
      { slug: '2024-01-01-a', errors: [] },
      { slug: '2024-02-01-b', errors: [] },
      { slug: '2024-03-01-c', errors: [] },
    ]);
  });

  it('isolates a small run too: without a `workers` option, a single slow file times out in a worker', async () => {
    const { results } = await loadInChild({ timeoutMs: 2_000 }, { slowFile: 'slow.md' }, { from: join(dir, 'slow.md') });
    expect(results).toEqual([
      {
        slug: 'slow',
        errors: ['1:1 timeout: Unexpected parse taking longer than 2000 ms, expected each file to parse within the time limit (raise timeoutMs to parse it)'],
      },
    ]);
  });

  it("times each file from when its worker has loaded the parser: a worker's slow start is not a timeout", async () => {
    const { results } = await loadInChild({ timeoutMs: 2_000 }, { startupMs: 5_000 }, { from: join(dir, '2024-01-01-a.md') });
    expect(results).toEqual([{ slug: '2024-01-01-a', errors: [] }]);
  });

  it('parses the files sent to a worker along with a file that times out or exhausts the heap', { timeout: 90_000 }, async () => {
    const batchDir = await mkdtemp(join(tmpdir(), 'pmkb-load-batch-'));
    try {
      const names = Array.from({ length: 10 }, (_, index) => `2024-01-${String(index + 10)}-incident`);
      await Promise.all(names.map((name, index) => writeFile(join(batchDir, `${name}.md`), postmortem(`Incident ${index}`, name.slice(0, 10)))));
      // One worker: the files queued behind the slow and the greedy one are in the same batches.
      const { results } = await loadInChild(
        { workers: 1, timeoutMs: 15_000, maxMemoryMb: 64 },
        { slowFile: `${names[1]}.md`, oomFile: `${names[4]}.md` },
        { from: batchDir },
      );
      expect(results).toEqual([
        {
          slug: names[1],
          errors: [
            '1:1 timeout: Unexpected parse taking longer than 15000 ms, expected each file to parse within the time limit (raise timeoutMs to parse it)',
          ],
        },
        {
          slug: names[4],
          errors: [
            "1:1 too-large: Unexpected file that needs more than 64 MB to parse, expected it to fit the parse worker's heap (raise maxMemoryMb to parse it)",
          ],
        },
        ...names.filter((_, index) => index !== 1 && index !== 4).map((slug) => ({ slug, errors: [] })),
      ]);
    } finally {
      await rm(batchDir, { recursive: true, force: true });
    }
  });

  it('starts workers when this process runs with V8 flags a worker rejects (--max-old-space-size)', async () => {
    const { results } = await loadInChild({ workers: 2 }, null, { nodeFlags: ['--max-old-space-size=2048', '--expose-gc'] });
    expect(results).toEqual(['2024-01-01-a', '2024-02-01-b', '2024-03-01-c', 'huge', 'slow', 'greedy'].map((slug) => ({ slug, errors: [] })));
  });

  it('gives the same results in workers as in this thread', async () => {
    const inThread = await loadPostmortems(dir, { cwd: dir, workers: false, maxBytes: 1_000 });
    const inWorkers = await loadPostmortems(dir, { cwd: dir, workers: 2, maxBytes: 1_000 });
    expect(inWorkers).toEqual(inThread);
    expect(inThread.map((p) => p.slug)).toEqual(['huge', '2024-01-01-a', '2024-02-01-b', '2024-03-01-c', 'slow', 'greedy']);
  });

  it('lets the process exit when done: idle workers do not keep it alive', async () => {
    // execFile rejects (kills the child) if it is still running after a minute.
    const { results } = await loadInChild({ workers: 2 });
    expect(results).toHaveLength(6);
  });

  it('ships a worker with no test hook: nothing in it reads the environment', () => {
    for (const file of ['parse-worker.js', 'parse-jobs.js', 'parse-file.js']) {
      const source = readFileSync(new URL(`../../packages/parser/dist/lib/${file}`, import.meta.url), 'utf8');
      expect(source, file).not.toMatch(/process\.env|POSTMORTEM_KB_TEST/);
    }
  });

  it('throws for bad options', async () => {
    await expect(loadPostmortems(dir, { workers: -1 })).rejects.toThrow(TypeError);
    await expect(loadPostmortems(dir, { timeoutMs: 0 })).rejects.toThrow(TypeError);
  });

  it('parses in this thread with workers: false', async () => {
    const result = await loadPostmortems(dir, { cwd: dir, workers: false });
    expect(
      result
        .flatMap((p) => p.diagnostics)
        .filter((d) => d.severity === 'error')
        .map(formatDiagnostic),
    ).toEqual([]);
  });
});
