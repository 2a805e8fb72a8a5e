/**
 * The integration reads the project's configuration with the parser package's `findConfig`, the
 * reader the CLI uses, so one file configures lint and site and `@postmortem-kb/astro` does not
 * depend on the CLI (which has it as an optional peer: no dependency cycle).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSiteOptions } from '../../packages/astro/src/integration/site-options.js';
import { repo } from './_build.js';

let project: string;

beforeEach(async () => {
  project = await mkdtemp(join(tmpdir(), 'pm-site-options-'));
  // The repository root: configuration discovery stops here.
  await mkdir(join(project, '.git'));
  await mkdir(join(project, 'postmortems'));
});

afterEach(async () => {
  await rm(project, { recursive: true, force: true });
});

describe('site options from the configuration file', () => {
  it('takes site options from the `site` key and rules from `rules` of .postmortemrc.json', async () => {
    await writeFile(
      join(project, '.postmortemrc.json'),
      JSON.stringify({ rules: { 'empty-lessons': 'off' }, site: { title: 'Acme incidents', base: '/kb/' } }),
    );
    const options = await resolveSiteOptions(undefined, project);
    expect(options).toMatchObject({
      title: 'Acme incidents',
      base: '/kb/',
      rules: { 'empty-lessons': 'off' },
      dir: join(project, 'postmortems'),
      configFile: join(project, '.postmortemrc.json'),
    });
  });

  it('fails fast on a configuration mistake, naming the file and the problem', async () => {
    await writeFile(join(project, '.postmortemrc.json'), JSON.stringify({ rulez: {} }));
    await expect(resolveSiteOptions(undefined, project)).rejects.toThrow(
      `@postmortem-kb/astro: invalid configuration in ${join(project, '.postmortemrc.json')}: unknown key "rulez", expected one of rules, timezone, maxBytes, taxonomy, ignore, plugins, import, site`,
    );
  });

  it('does not depend on the CLI', async () => {
    const manifest = JSON.parse(await readFile(join(repo, 'packages/astro/package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const dependencies = { ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies };
    expect(Object.keys(dependencies)).not.toContain('@postmortem-kb/cli');
  });
});
