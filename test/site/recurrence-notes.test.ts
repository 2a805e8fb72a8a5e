/**
 * The open follow-ups an incident of a chain inherits are named for the first five earlier
 * incidents only, on its page and on /recurrences/: the list grows with the incident's place in
 * the chain, and at 10 000 postmortems the 94th incident of a chain named 90 of them, again for
 * every incident of the chain on /recurrences/. Built over one chain of 8 incidents (same
 * category and service, 20 days apart), each leaving one follow-up open.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from './_build.js';

const count = 8;
let work: string;
let outDir: string;

const day = (n: number) => new Date(Date.UTC(2023, 0, 1 + 20 * n)).toISOString().slice(0, 10);
const slug = (n: number) => `${day(n)}-stall-${n + 1}`;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pm-recurrence-notes-'));
  const corpus = join(work, 'postmortems');
  outDir = join(work, 'dist');
  await mkdir(corpus);
  for (let n = 0; n < count; n++) {
    await writeFile(
      join(corpus, `${slug(n)}.md`),
      `---\ntitle: Queue stall ${n + 1}\ndate: ${day(n)}\ncategories: [capacity]\nservices: [queue]\n---\n\n## Summary\n\nThe queue stalled.\n\n## Action items\n\n- [ ] Add queue capacity ${n + 1}\n`,
    );
  }
  await buildSite(corpus, outDir, join(work, 'cache'));
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const text = async (path: string) => (await readFile(join(outDir, path, 'index.html'), 'utf8')).replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
const named = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => `Queue stall ${from + index}`);

describe('open follow-ups of earlier incidents in a chain of 8', () => {
  it('names the first five earlier incidents on the last incident page and counts the others', async () => {
    const note = `8th capacity incident on queue in 140 days. ${named(1, 5)
      .map((title) => `1 follow-up from ${title}`)
      .join('; ')} and follow-ups from 2 more earlier incidents still open then See the recurrence`;
    expect(await text(`incidents/${slug(7)}`)).toContain(note);
  });

  it('names every earlier incident while there are five or fewer', async () => {
    expect(await text(`incidents/${slug(5)}`)).toContain(
      `${named(1, 5)
        .map((title) => `1 follow-up from ${title}`)
        .join('; ')} still open then`,
    );
  });

  it('does the same for each incident on /recurrences/', async () => {
    const page = await text('recurrences');
    expect(page).toContain(
      `${named(1, 5)
        .map((title) => `1 open from ${title}`)
        .join('; ')}; and from 2 more earlier incidents`,
    );
    expect(page).toContain(
      `${named(1, 5)
        .map((title) => `1 open from ${title}`)
        .join('; ')}; and from 1 more earlier incident`,
    );
    expect(page).toContain(
      `${named(1, 5)
        .map((title) => `1 open from ${title}`)
        .join('; ')} Queue stall 7`,
    );
  });
});
