/**
 * `postmortem site` runs Astro with the `@postmortem-kb/astro` integration. Both are optional
 * peer dependencies: they are loaded only here, from the project (the working directory)
 * first, so the project's own versions are used; a missing one is a clear usage error.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from './usage-error.js';

/** The parts of Astro's programmatic API the command uses. */
export interface AstroApi {
  build(config: Record<string, unknown>): Promise<void>;
  dev(config: Record<string, unknown>): Promise<{ address: { port: number; address: string }; stop(): Promise<void> }>;
}

/** The parts of `@postmortem-kb/astro` the command uses. */
export interface IntegrationApi {
  default(options?: Record<string, unknown>): unknown;
}

export interface SiteRuntime {
  astro: AstroApi;
  integration: IntegrationApi;
}

const install = 'npm install -D @postmortem-kb/astro astro@5';

async function importFrom(specifier: string, cwd: string): Promise<unknown> {
  for (const from of [join(cwd, 'package.json'), import.meta.url]) {
    let resolved: string;
    try {
      resolved = createRequire(from).resolve(specifier);
    } catch {
      continue;
    }
    return import(pathToFileURL(resolved).href);
  }
  throw new UsageError(`the site needs ${specifier}, which is not installed in this project; install it with: ${install}`);
}

export async function loadSiteRuntime(cwd: string): Promise<SiteRuntime> {
  const astro = (await importFrom('astro', cwd)) as AstroApi;
  const integration = (await importFrom('@postmortem-kb/astro', cwd)) as IntegrationApi;
  return { astro, integration };
}

/**
 * The Astro project the command builds: a directory below the project's node_modules holding
 * only a `package.json`, so a team's repository needs no Astro files of its own. A
 * `src/content.config.mjs` an earlier version wrote there is removed: the site needs no collection.
 */
export async function generatedAstroRoot(cwd: string): Promise<string> {
  const root = join(cwd, 'node_modules', '.cache', 'postmortem-kb', 'site');
  await mkdir(root, { recursive: true });
  await rm(join(root, 'src', 'content.config.mjs'), { force: true });
  await writeFile(join(root, 'package.json'), `${JSON.stringify({ private: true, type: 'module' }, null, 2)}\n`);
  return root;
}
