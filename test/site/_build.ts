/** Builds the site in `site/` from a corpus directory into an output directory, as the tests need it. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = fileURLToPath(new URL('../../', import.meta.url));
export const site = join(repo, 'site');

export function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-12000)}`)),
    );
  });
}

/** `astro build` of `site/` over the postmortems in `corpus`, into `outDir`, with its own content cache; resolves to the build's output. */
export function buildSite(corpus: string, outDir: string, cacheDir: string): Promise<string> {
  return run(process.execPath, [join(site, 'node_modules/astro/astro.js'), 'build', '--outDir', outDir], {
    cwd: site,
    env: { ...process.env, POSTMORTEMS_DIR: corpus, ASTRO_CACHE_DIR: cacheDir, ASTRO_TELEMETRY_DISABLED: '1' },
  });
}
