/**
 * Issue 12 item 11: relative images of a postmortem are copied next to its page (so they load
 * under any `base`, within `img-src 'self'`); files outside the postmortems directory, SVGs and
 * missing files are not copied, each named in a build warning.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, repo } from './_build.js';

let work: string;
let output: string;
const page = () => join(work, 'dist/incidents/2023-09-12-ingest-backlog');

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pm-images-'));
  const corpus = join(work, 'postmortems');
  await cp(join(repo, 'test/fixtures/shapes/images/ok'), corpus, { recursive: true });
  await writeFile(join(work, 'secret.png'), 'not for the site');
  await writeFile(join(corpus, 'images/diagram.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  await writeFile(join(corpus, '2023-10-01-escape.md'), '---\ntitle: Escape\ndate: 2023-10-01\n---\n\n![x](../secret.png) ![y](images/diagram.svg)\n');
  output = await buildSite(corpus, join(work, 'dist'), join(work, 'cache'));
}, 600_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('site: images of postmortems', () => {
  it('copies a relative image next to the incident page, byte for byte, where its rewritten src points', async () => {
    const html = await readFile(join(page(), 'index.html'), 'utf8');
    expect(html).toContain('<img src="media/0-ingest-lag.png" alt="Ingest lag during the incident" title="Lag in minutes" loading="lazy">');
    expect(await readFile(join(page(), 'media/0-ingest-lag.png'))).toEqual(await readFile(join(repo, 'test/fixtures/shapes/images/ok/images/ingest-lag.png')));
  });

  it('copies nothing from outside the postmortems directory, no SVG and no missing file, and names each in a warning', () => {
    expect(existsSync(join(work, 'dist/incidents/2023-10-01-escape/media'))).toBe(false);
    expect(existsSync(join(page(), 'media/1-consumer-count.png'))).toBe(false);
    expect(output).toContain('image `../secret.png` is outside the postmortems directory; it is not copied');
    expect(output).toContain('image `images/diagram.svg` is not a PNG, JPEG, GIF, WebP or AVIF image; it is not copied');
    expect(output).toContain('image `images/consumer count.png` does not exist; it is not copied');
  });
});
