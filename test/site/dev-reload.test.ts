/**
 * `astro dev` of `site/`: the integration reads the postmortems folder once, then again after a
 * change to a file in it, and serves the pages of what is there now (no content layer to sync).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { site } from './_build.js';

const postmortem = (title: string) => `---\ntitle: "${title}"\ndate: 2024-01-02\n---\n\n## Summary\n\nSomething broke.\n`;

let work: string;
let corpus: string;
let server: ChildProcess | undefined;
let origin: string;
let output = '';

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The page at `path`: its status and text (status 0 while the server is not up). */
async function page(path: string): Promise<{ status: number; text: string }> {
  try {
    const response = await fetch(`${origin}${path}`);
    return { status: response.status, text: await response.text() };
  } catch {
    return { status: 0, text: '' };
  }
}

/** Polls `path` until `done` holds of it (the server reloads a moment after the file changes). */
async function until(path: string, done: (found: { status: number; text: string }) => boolean): Promise<{ status: number; text: string }> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const found = await page(path);
    if (done(found) || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pm-dev-'));
  corpus = join(work, 'postmortems');
  await mkdir(corpus);
  await writeFile(join(corpus, '2024-01-02-alpha.md'), postmortem('Alpha outage'));
  await writeFile(join(corpus, '2024-01-03-beta.md'), postmortem('Beta outage'));
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [join(site, 'node_modules/astro/astro.js'), 'dev', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: site,
    env: { ...process.env, POSTMORTEMS_DIR: corpus, ASTRO_CACHE_DIR: join(work, 'cache'), ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
}, 120_000);

afterAll(async () => {
  server?.kill();
  await rm(work, { recursive: true, force: true });
});

describe('astro dev', () => {
  it('serves the pages of the postmortems in the folder', { timeout: 120_000 }, async () => {
    const alpha = await until('/incidents/2024-01-02-alpha/', (found) => found.status === 200);
    expect(alpha.status, output).toBe(200);
    expect(alpha.text).toContain('Alpha outage');
  });

  it('serves what a changed file says now, a new file its page, and a removed file none', { timeout: 200_000 }, async () => {
    await writeFile(join(corpus, '2024-01-02-alpha.md'), postmortem('Alpha outage, revised'));
    expect((await until('/incidents/2024-01-02-alpha/', (found) => found.text.includes('Alpha outage, revised'))).text, output).toContain(
      'Alpha outage, revised',
    );
    expect(output).toContain('Reloaded postmortems after a change to 2024-01-02-alpha.md');

    await writeFile(join(corpus, '2024-01-04-gamma.md'), postmortem('Gamma outage'));
    expect((await until('/incidents/2024-01-04-gamma/', (found) => found.status === 200)).text, output).toContain('Gamma outage');

    await rm(join(corpus, '2024-01-03-beta.md'));
    expect((await until('/incidents/2024-01-03-beta/', (found) => found.status === 404)).status, output).toBe(404);
  });
});
